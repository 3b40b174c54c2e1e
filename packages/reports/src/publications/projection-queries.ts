import { listValue } from '@duckdb/node-api';
import { query } from './sql.js';
import type { PublicationContext } from './context.js';
import type { FanPoint } from './fan-table.js';

export interface GroupTrend {
  groupCode: string;
  groupName: string;
  points: (FanPoint & {
    openings: number | null;
    openingsLo: number | null;
    openingsHi: number | null;
    expansion: number | null;
    exits: number | null;
    transfers: number | null;
  })[];
}

/** Each group of the framework at the region: employment and openings by year (marts.fct_industry_trend). */
export async function groupTrends(ctx: PublicationContext, fromYear: number): Promise<GroupTrend[]> {
  const rows = await query<{
    group_code: string;
    group_name: string;
    year: number;
    employment: number;
    employment_lo: number | null;
    employment_hi: number | null;
    openings: number | null;
    openings_lo: number | null;
    openings_hi: number | null;
    expansion: number | null;
    exits: number | null;
    transfers: number | null;
    is_forecast: boolean;
  }>(
    ctx.conn,
    `SELECT t.group_code, t.group_name, t.year::INTEGER AS year, t.employment, t.employment_lo, t.employment_hi,
            t.openings, t.openings_lo, t.openings_hi, t.expansion, t.exits, t.transfers, t.is_forecast
       FROM marts.fct_industry_trend t
       LEFT JOIN ref.framework_group g ON g.framework = t.framework AND g.group_code = t.group_code
      WHERE t.run_id = $1 AND t.framework = $2 AND t.region_code = $3 AND t.year >= $4
      QUALIFY row_number() OVER (PARTITION BY t.group_code, t.year ORDER BY g.group_order) = 1
      ORDER BY g.group_order, t.group_code, t.year`,
    [ctx.vintage!.runId, ctx.framework.id, ctx.region.code, fromYear],
  );
  const byGroup = new Map<string, GroupTrend>();
  for (const r of rows) {
    const g =
      byGroup.get(r.group_code) ??
      byGroup.set(r.group_code, { groupCode: r.group_code, groupName: r.group_name, points: [] }).get(r.group_code)!;
    g.points.push({
      year: r.year,
      value: r.employment,
      lo: r.employment_lo,
      hi: r.employment_hi,
      isForecast: r.is_forecast,
      openings: r.openings,
      openingsLo: r.openings_lo,
      openingsHi: r.openings_hi,
      expansion: r.expansion,
      exits: r.exits,
      transfers: r.transfers,
    });
  }
  return [...byGroup.values()];
}

export interface GroupGap {
  groupCode: string;
  groupName: string;
  year: number;
  isForecast: boolean;
  demand: number;
  supply: number;
  gap: number;
  demandLo: number | null;
  demandHi: number | null;
}

/**
 * Σ demand, supply and gap of each group in each year from `fromYear` to `toYear` (marts.fct_talent_gap over
 * occupations and education levels), in the framework's group order, then by year.
 */
export async function groupGaps(ctx: PublicationContext, fromYear: number, toYear: number): Promise<GroupGap[]> {
  const rows = await query<{
    group_code: string;
    group_name: string;
    year: number;
    is_forecast: boolean;
    demand: number;
    supply: number;
    gap: number;
    lo: number | null;
    hi: number | null;
  }>(
    ctx.conn,
    `SELECT t.group_code, any_value(g.group_name) AS group_name, t.year::INTEGER AS year, bool_or(t.is_forecast) AS is_forecast,
            sum(t.demand) AS demand, sum(t.supply) AS supply, sum(t.gap) AS gap, sum(t.demand_lo) AS lo, sum(t.demand_hi) AS hi
       FROM marts.fct_talent_gap t
       LEFT JOIN (SELECT DISTINCT framework, group_code, group_name, group_order FROM ref.framework_group) g
         ON g.framework = t.framework AND g.group_code = t.group_code
      WHERE t.run_id = $1 AND t.framework = $2 AND t.region_code = $3 AND t.year BETWEEN $4 AND $5
      GROUP BY t.group_code, t.year ORDER BY min(g.group_order), t.group_code, t.year`,
    [ctx.vintage!.runId, ctx.framework.id, ctx.region.code, fromYear, toYear],
  );
  return rows.map((r) => ({
    groupCode: r.group_code,
    groupName: r.group_name ?? r.group_code,
    year: r.year,
    isForecast: r.is_forecast,
    demand: r.demand,
    supply: r.supply,
    gap: r.gap,
    demandLo: r.lo,
    demandHi: r.hi,
  }));
}

export interface OccupationShortage {
  code: string;
  name: string;
  definition: string;
  demand: number;
  supply: number;
  gap: number;
  ratio: number | null;
  postingGrowth: number | null;
  payGrowth: number | null;
  listedShare: number | null;
  index: number;
  level: string;
  rank: number;
  previousRank: number | null;
}

/**
 * The region's occupations in a year by rank, with the previous year's rank (marts.fct_occupation_shortage).
 * Only codes the 大典 defines as occupations: demand of postings coded no finer than a 中类 or 小类
 * (普工 → 6-00-00-00, 电子厂普工 → 6-25-00-00) has rows in the mart, without a rank, and names no occupation a
 * catalogue can list.
 */
export async function occupationShortages(
  ctx: PublicationContext,
  year: number,
  where = 'TRUE',
  limit = 100000,
): Promise<OccupationShortage[]> {
  const rows = await query<{
    code: string;
    name: string;
    definition: string | null;
    demand: number;
    supply: number;
    gap: number;
    ratio: number | null;
    posting_growth: number | null;
    pay_growth: number | null;
    listed_share: number | null;
    shortage_index: number;
    shortage_level: string;
    rank: number;
    previous_rank: number | null;
  }>(
    ctx.conn,
    `SELECT s.occupation_code AS code, coalesce(o.occupation_name, o.name) AS name, o.definition, s.demand, s.supply, s.gap, s.ratio,
            s.posting_growth, s.pay_growth, s.listed_share, s.shortage_index, s.shortage_level, s.rank::INTEGER AS rank,
            p.rank::INTEGER AS previous_rank
       FROM marts.fct_occupation_shortage s
       JOIN ref.occupation o ON o.code = s.occupation_code
       LEFT JOIN marts.fct_occupation_shortage p
         ON p.run_id = s.run_id AND p.region_code = s.region_code AND p.occupation_code = s.occupation_code AND p.year = s.year - 1
      WHERE s.run_id = $1 AND s.region_code = $2 AND s.year = $3 AND o.is_occupation AND (${where})
      ORDER BY s.rank LIMIT $4`,
    [ctx.vintage!.runId, ctx.region.code, year, limit],
  );
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    definition: r.definition ?? '',
    demand: r.demand,
    supply: r.supply,
    gap: r.gap,
    ratio: r.ratio,
    postingGrowth: r.posting_growth,
    payGrowth: r.pay_growth,
    listedShare: r.listed_share,
    index: r.shortage_index,
    level: r.shortage_level,
    rank: r.rank,
    previousRank: r.previous_rank,
  }));
}

/** The cities where each occupation's gap is largest (positive gaps only), largest first. */
export async function typicalCities(ctx: PublicationContext, year: number, codes: readonly string[]): Promise<Map<string, string[]>> {
  if (!codes.length) return new Map();
  const rows = await query<{ code: string; cities: string[] }>(
    ctx.conn,
    `SELECT s.occupation_code AS code, list(r.name ORDER BY s.gap DESC)[1:$4] AS cities
       FROM marts.fct_occupation_shortage s JOIN ref.region r ON r.code = s.region_code
      WHERE s.run_id = $1 AND s.year = $2 AND r.parent_code = $3 AND r.level = '市' AND s.gap > 0
        AND list_contains($5::VARCHAR[], s.occupation_code)
      GROUP BY s.occupation_code`,
    [ctx.vintage!.runId, year, ctx.region.provinceCode, ctx.rules.typicalCities.count, listValue([...codes])],
  );
  return new Map(rows.map((r) => [r.code, r.cities]));
}

/** The 大类 of GB/T 4754 that need each occupation most in a year (openings, marts.projection_occupation). */
export async function occupationIndustries(
  ctx: PublicationContext,
  year: number,
  codes: readonly string[],
  n: number,
): Promise<Map<string, string[]>> {
  if (!codes.length) return new Map();
  const cities = ctx.region.level === '省' ? ctx.cities.map((c) => c.code) : [ctx.region.code];
  const rows = await query<{ code: string; industries: string[] }>(
    ctx.conn,
    `WITH o AS (
       SELECT p.occupation_code, i.name, sum(p.openings) AS openings
         FROM marts.projection_occupation p JOIN ref.industry i ON i.code = p.industry_code
        WHERE p.run_id = $1 AND p.year = $2 AND list_contains($3::VARCHAR[], p.region_code)
          AND list_contains($4::VARCHAR[], p.occupation_code)
        GROUP BY ALL)
     SELECT occupation_code AS code, list(name ORDER BY openings DESC)[1:$5] AS industries FROM o WHERE openings > 0 GROUP BY 1`,
    [ctx.vintage!.runId, year, listValue(cities), listValue([...codes]), n],
  );
  return new Map(rows.map((r) => [r.code, r.industries]));
}
