import { listValue } from '@duckdb/node-api';
import { query } from '../sql.js';
import type { PublicationContext } from '../context.js';
import { occupationShortages, type OccupationShortage } from '../projection-queries.js';

export interface Totals {
  key: string;
  label: string;
  demand: number;
  supply: number;
  gap: number;
  acute: number;
}

/** Σ demand, supply and gap over the region's occupations, one row per year (marts.fct_occupation_shortage). */
export async function totalsByYear(ctx: PublicationContext): Promise<(Totals & { year: number; isForecast: boolean })[]> {
  const rows = await query<{ year: number; demand: number; supply: number; gap: number; acute: number; f: boolean }>(
    ctx.conn,
    `SELECT year::INTEGER AS year, sum(demand) AS demand, sum(supply) AS supply, sum(gap) AS gap,
            count(*) FILTER (WHERE shortage_level = '紧缺')::INTEGER AS acute, bool_or(is_forecast) AS f
       FROM marts.fct_occupation_shortage WHERE run_id = $1 AND region_code = $2 GROUP BY year ORDER BY year`,
    [ctx.vintage!.runId, ctx.region.code],
  );
  return rows.map((r) => ({
    key: String(r.year),
    label: `${r.year}年`,
    year: r.year,
    demand: r.demand,
    supply: r.supply,
    gap: r.gap,
    acute: r.acute,
    isForecast: r.f,
  }));
}

const EDUCATION_NAMES: Record<string, string> = { secondary: '中职及以下', associate: '专科', bachelor: '本科', postgraduate: '研究生' };
const EDUCATION_ORDER = ['secondary', 'associate', 'bachelor', 'postgraduate'];

/**
 * Σ demand, supply and gap by education level in a year: demand from marts.fct_talent_gap (framework gbt4754, every 大类
 * once), supply from marts.projection_supply over the region's cities. Supply is not read from the 大类 rows, which hold
 * no entrants of an occupation that no 大类 of the city employs; so the levels add up to the year's totals of 表1.
 */
export async function totalsByEducation(ctx: PublicationContext, year: number): Promise<Totals[]> {
  const rows = await query<{ level: string; demand: number; supply: number; gap: number }>(
    ctx.conn,
    `WITH d AS (
       SELECT education_level, sum(demand) AS demand FROM marts.fct_talent_gap
        WHERE run_id = $1 AND framework = 'gbt4754' AND region_code = $2 AND year = $3 GROUP BY 1
     ), s AS (
       SELECT p.education_level, sum(p.supply) AS supply
         FROM marts.projection_supply p JOIN ref.region r ON r.code = p.region_code
        WHERE p.run_id = $1 AND p.year = $3 AND (p.region_code = $2 OR r.parent_code = $2) GROUP BY 1
     )
     SELECT education_level AS level, coalesce(demand, 0) AS demand, coalesce(supply, 0) AS supply,
            coalesce(demand, 0) - coalesce(supply, 0) AS gap
       FROM d FULL JOIN s USING (education_level)`,
    [ctx.vintage!.runId, ctx.region.code, year],
  );
  return rows
    .sort((a, b) => EDUCATION_ORDER.indexOf(a.level) - EDUCATION_ORDER.indexOf(b.level))
    .map((r) => ({ key: r.level, label: EDUCATION_NAMES[r.level] ?? r.level, demand: r.demand, supply: r.supply, gap: r.gap, acute: 0 }));
}

/** Σ demand, supply and gap per city of the province in a year. */
export async function totalsByCity(ctx: PublicationContext, year: number): Promise<Totals[]> {
  const rows = await query<{ code: string; name: string; demand: number; supply: number; gap: number; acute: number }>(
    ctx.conn,
    `SELECT s.region_code AS code, any_value(r.name) AS name, sum(s.demand) AS demand, sum(s.supply) AS supply, sum(s.gap) AS gap,
            count(*) FILTER (WHERE s.shortage_level = '紧缺')::INTEGER AS acute
       FROM marts.fct_occupation_shortage s JOIN ref.region r ON r.code = s.region_code
      WHERE s.run_id = $1 AND s.year = $2 AND r.parent_code = $3 AND r.level = '市' GROUP BY 1 ORDER BY 1`,
    [ctx.vintage!.runId, year, ctx.region.provinceCode],
  );
  return rows.map((r) => ({ key: r.code, label: r.name, demand: r.demand, supply: r.supply, gap: r.gap, acute: r.acute }));
}

/** Gap of each listed occupation in each city of the province in a year. */
export async function gapByOccupationCity(
  ctx: PublicationContext,
  year: number,
  codes: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const rows = await query<{ code: string; city: string; gap: number }>(
    ctx.conn,
    `SELECT s.occupation_code AS code, s.region_code AS city, s.gap
       FROM marts.fct_occupation_shortage s JOIN ref.region r ON r.code = s.region_code
      WHERE s.run_id = $1 AND s.year = $2 AND r.parent_code = $3 AND r.level = '市' AND list_contains($4::VARCHAR[], s.occupation_code)`,
    [ctx.vintage!.runId, year, ctx.region.provinceCode, listValue([...codes])],
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) (out.get(r.code) ?? out.set(r.code, new Map()).get(r.code)!).set(r.city, r.gap);
  return out;
}

/**
 * The year's surpluses, the largest first: the surplus table's rows, and for the year before the places its 上期排位
 * prints; occupations whose supply did not exceed demand are absent.
 */
export async function surpluses(ctx: PublicationContext, year: number): Promise<OccupationShortage[]> {
  return (await occupationShortages(ctx, year, 's.gap < 0')).sort((a, b) => a.gap - b.gap);
}

/** Σ demand, supply and gap per occupation 大类 (the code's first digit) in a year. */
export async function totalsByMajorGroup(ctx: PublicationContext, year: number, names: Map<string, string>): Promise<Totals[]> {
  const rows = await query<{ g: string; demand: number; supply: number; gap: number; acute: number }>(
    ctx.conn,
    `SELECT left(occupation_code, 1) AS g, sum(demand) AS demand, sum(supply) AS supply, sum(gap) AS gap,
            count(*) FILTER (WHERE shortage_level = '紧缺')::INTEGER AS acute
       FROM marts.fct_occupation_shortage WHERE run_id = $1 AND region_code = $2 AND year = $3 GROUP BY 1 ORDER BY 1`,
    [ctx.vintage!.runId, ctx.region.code, year],
  );
  return rows.map((r) => ({ key: r.g, label: names.get(r.g) ?? r.g, demand: r.demand, supply: r.supply, gap: r.gap, acute: r.acute }));
}

/** One row of the registrations by occupation group of a year: a 大类, 无要求 (seekers naming none) or 合计. */
export interface RegisteredGroup {
  key: string;
  kind: 'group' | 'no_preference' | 'total';
  vacancies: number | null;
  seekers: number;
  /** 求人倍率 of the year before, where that year's tables have the row. */
  previousRatio: number | null;
}

/**
 * The public employment services' registrations by occupation group (core.occupation_group_entry) of the region in a
 * year, summed over the year's quarterly tables (each quarter's registrations are that quarter's own, so a year's are
 * their sum); null when the region published none that year. `quarters` counts the tables.
 */
export async function registrationsByGroup(
  ctx: PublicationContext,
  year: number,
): Promise<{ quarters: number; rows: RegisteredGroup[] } | null> {
  const rows = await query<{ year: number; key: string; kind: string; quarters: number; v: number | null; s: number }>(
    ctx.conn,
    `SELECT core.quarter_year(period) AS year, coalesce(left(group_code, 1), row_kind) AS key, row_kind AS kind,
            count(DISTINCT period)::INTEGER AS quarters, sum(vacancies)::DOUBLE AS v, sum(job_seekers)::DOUBLE AS s
       FROM core.occupation_group_entry
      WHERE region_code = $1 AND row_kind <> 'unknown' AND core.quarter_year(period) IN ($2, $2 - 1)
      GROUP BY ALL ORDER BY key`,
    [ctx.region.code, year],
  );
  const current = rows.filter((r) => r.year === year);
  if (!current.length) return null;
  const before = new Map(rows.filter((r) => r.year === year - 1).map((r) => [r.key, r]));
  const ratio = (r: { v: number | null; s: number } | undefined) => (r && r.v !== null && r.s > 0 ? r.v / r.s : null);
  const order = (k: string) => (k === 'no_preference' ? 1 : k === 'total' ? 2 : 0);
  return {
    quarters: Math.max(...current.map((r) => r.quarters)),
    rows: current
      .sort((a, b) => order(a.kind) - order(b.kind) || a.key.localeCompare(b.key))
      .map((r) => ({
        key: r.key,
        kind: r.kind as RegisteredGroup['kind'],
        vacancies: r.v,
        seekers: r.s,
        previousRatio: ratio(before.get(r.key)),
      })),
  };
}
