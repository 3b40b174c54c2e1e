/**
 * What the graded warehouse projects (the newest run's marts rows) and the naive projection built
 * from its observed rows only, both per framework group × region × year in the scoring database.
 */
import { sqlString, type ScoringDb } from './scoring-db.js';
import type { EditionYears } from './truth.js';

/** Relative difference above which a group's Σ demand and its openings count as disagreeing. */
const COHERENCE_TOLERANCE = 1e-6;

/** A group × region × year whose Σ fct_talent_gap demand differs from its fct_industry_trend openings. */
export interface Incoherence {
  framework: string;
  group_code: string;
  region_code: string;
  year: number;
  demand: number | null;
  openings: number | null;
}

/** The newest run in meta.runs that has rows in marts.fct_industry_trend. */
export async function newestProjectedRun(db: ScoringDb): Promise<string> {
  const [run] = await db.rows<{ run_id: string }>(
    `SELECT r.run_id FROM wh.meta.runs r
     WHERE r.run_id IN (SELECT DISTINCT run_id FROM wh.marts.fct_industry_trend)
     ORDER BY r.started_at DESC, r.run_id DESC LIMIT 1`,
  );
  if (!run) throw new Error('no run in meta.runs has rows in marts.fct_industry_trend: the projection stage wrote nothing');
  return run.run_id;
}

/**
 * Creates `ours` (the run's forecast rows: employment with its interval, openings, Σ demand with
 * Σ demand_lo / demand_hi as the openings interval, Σ supply, over occupations and education levels)
 * and `naive` (the run's observed rows of the latest year: employment, Σ demand, Σ supply, to be
 * carried forward). Both per framework × group_code × region_code (× year for `ours`).
 */
export async function loadProjections(db: ScoringDb, runId: string, years: EditionYears): Promise<void> {
  const run = `run_id = ${sqlString(runId)}`;
  await db.conn.run(`
    CREATE TEMP TABLE gap_sum AS
    SELECT framework, group_code, region_code, year, is_forecast,
      sum(demand)::DOUBLE AS demand, sum(demand_lo)::DOUBLE AS demand_lo, sum(demand_hi)::DOUBLE AS demand_hi,
      sum(supply)::DOUBLE AS supply
    FROM wh.marts.fct_talent_gap WHERE ${run}
    GROUP BY ALL;

    CREATE TEMP TABLE ours AS
    SELECT coalesce(t.framework, g.framework) AS framework, coalesce(t.group_code, g.group_code) AS group_code,
      coalesce(t.region_code, g.region_code) AS region_code, coalesce(t.year, g.year) AS year,
      t.employment::DOUBLE AS employment, t.employment_lo::DOUBLE AS employment_lo, t.employment_hi::DOUBLE AS employment_hi,
      t.openings::DOUBLE AS openings, g.demand, g.demand_lo, g.demand_hi, g.supply
    FROM (SELECT * FROM wh.marts.fct_industry_trend WHERE ${run} AND is_forecast) t
    FULL JOIN (SELECT * FROM gap_sum WHERE is_forecast) g USING (framework, group_code, region_code, year)
    WHERE coalesce(t.year, g.year) > ${years.latest};

    CREATE TEMP TABLE naive AS
    SELECT coalesce(t.framework, g.framework) AS framework, coalesce(t.group_code, g.group_code) AS group_code,
      coalesce(t.region_code, g.region_code) AS region_code,
      t.employment::DOUBLE AS employment, g.demand, g.supply
    FROM (SELECT * FROM wh.marts.fct_industry_trend WHERE ${run} AND NOT is_forecast AND year = ${years.latest}) t
    FULL JOIN (SELECT * FROM gap_sum WHERE NOT is_forecast AND year = ${years.latest}) g USING (framework, group_code, region_code);
  `);
}

/** Duplicate keys in the run's fct_industry_trend (each group × region × year must be one row). */
export async function duplicateTrendRows(db: ScoringDb, runId: string): Promise<number> {
  const [d] = await db.rows<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM (
       SELECT 1 FROM wh.marts.fct_industry_trend WHERE run_id = $1 GROUP BY framework, group_code, region_code, year HAVING count(*) > 1)`,
    [runId],
  );
  return d!.n;
}

/** Forecast rows whose Σ demand over occupations and levels is not their openings (or one side is missing). */
export async function incoherentDemand(db: ScoringDb): Promise<Incoherence[]> {
  return db.rows<Incoherence>(
    `SELECT framework, group_code, region_code, year, demand, openings FROM ours
     WHERE demand IS NULL OR openings IS NULL OR abs(demand - openings) > ${COHERENCE_TOLERANCE} * greatest(abs(openings), 1)
     ORDER BY abs(coalesce(demand, 0) - coalesce(openings, 0)) DESC`,
  );
}

/** Forecast rows, and Σ demand and Σ openings over the rows that have both. */
export async function demandTotals(db: ScoringDb): Promise<{ rows: number; demand: number; openings: number }> {
  const [t] = await db.rows<{ rows: number; demand: number; openings: number }>(
    `SELECT count(*)::INTEGER AS rows, coalesce(sum(demand) FILTER (WHERE openings IS NOT NULL), 0)::DOUBLE AS demand,
       coalesce(sum(openings) FILTER (WHERE demand IS NOT NULL), 0)::DOUBLE AS openings
     FROM ours`,
  );
  return t!;
}

/** The run's projected shortage ranking at a region and year: occupation → rank (unranked rows left out). */
export async function projectedRanking(db: ScoringDb, runId: string, region: string, year: number): Promise<Map<string, number>> {
  const rows = await db.rows<{ occupation_code: string; rank: number }>(
    `SELECT occupation_code, min(rank)::DOUBLE AS rank FROM wh.marts.fct_occupation_shortage
     WHERE run_id = $1 AND region_code = $2 AND year = $3 AND rank IS NOT NULL AND occupation_code IS NOT NULL
     GROUP BY occupation_code`,
    [runId, region, year],
  );
  return new Map(rows.map((r) => [r.occupation_code, r.rank]));
}

/**
 * The naive ranking: the last published quarterly shortage table of the latest year at the region
 * (core.shortage_entry), its shortages (core.shortage_listing) ranked as published; rows whose occupation was not
 * coded, and the surpluses a table lists after its shortages, are not ranked.
 */
export async function naiveRanking(
  db: ScoringDb,
  region: string,
  years: EditionYears,
): Promise<{ period: string | null; ranking: Map<string, number> }> {
  const [last] = await db.rows<{ period: string | null }>(
    `SELECT max(period) AS period FROM wh.core.shortage_entry WHERE region_code = $1 AND regexp_full_match(period, $2)`,
    [region, `${years.latest}Q[1-4]`],
  );
  if (!last?.period) return { period: null, ranking: new Map() };
  const rows = await db.rows<{ occupation_code: string; rank: number }>(
    `SELECT occupation_code, min(rank)::DOUBLE AS rank FROM wh.core.shortage_entry
     WHERE region_code = $1 AND period = $2 AND occupation_code IS NOT NULL AND wh.core.shortage_listing(vacancies, job_seekers) GROUP BY occupation_code`,
    [region, last.period],
  );
  return { period: last.period, ranking: new Map(rows.map((r) => [r.occupation_code, r.rank])) };
}
