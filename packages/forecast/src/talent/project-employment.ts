import type { DuckDBConnection } from '@duckdb/node-api';
import { appendRows, type AppendCell } from '@talent/models';
import { forecastMany } from '../batch/forecast-many.js';

/** What the projection reads from ref.projection_parameter to forecast employment. */
export interface EmploymentProjectionParameters {
  horizon: number;
  firstYear: number;
  shockYears: readonly number[];
}

/** What forecasting the employment series did. */
export interface EmploymentProjectionResult {
  series: number;
  /** Last year with published employment; the forecasts cover the `horizon` years after it. */
  lastYear: number;
  /** Series per method the engine reports (auto, short, constant, …). */
  methods: Record<string, number>;
  rows: number;
}

interface SeriesKey {
  kind: string;
  framework: string | null;
  groupCode: string | null;
  regionCode: string;
  industryCode: string | null;
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Forecasts every series of `core.employment_series` with the engine (counts: non-negative; the
 * shock years fitted around) and appends history and forecasts to `marts.industry_projection`
 * under `runId`. Series are one per leaf or node (but a node that is one city's whole 大类); a series whose publication stopped early is
 * forecast from the common last year, its missing years left to the engine's rules.
 */
export async function projectEmployment(
  conn: DuckDBConnection,
  runId: string,
  p: EmploymentProjectionParameters,
): Promise<EmploymentProjectionResult> {
  const reader = await conn.runAndReadAll(
    // A node that is one whole 大类 of one city is projected as that division: forecasting it again would
    // double the engine's work for intervals no model reads.
    `SELECT kind, framework, group_code, region_code, industry_code, year, employment
     FROM core.employment_series s
     WHERE NOT (kind = 'node' AND EXISTS (SELECT 1 FROM core.projection_node n WHERE n.single_division AND n.framework = s.framework
       AND n.group_code = s.group_code AND n.region_code = s.region_code))
     ORDER BY kind, framework, group_code, region_code, industry_code, year`,
  );
  const rows = reader.getRowsJson();
  if (rows.length === 0) return { series: 0, lastYear: NaN, methods: {}, rows: 0 };
  const lastYear = Math.max(...rows.map((r) => Number(r[5])));
  const years = lastYear - p.firstYear + 1;
  const keys: SeriesKey[] = [];
  const values: (number | null)[][] = [];
  let previous = '';
  for (const r of rows) {
    const id = `${String(r[0])}|${String(r[1])}|${String(r[2])}|${String(r[3])}|${String(r[4])}`;
    if (id !== previous) {
      keys.push({ kind: String(r[0]), framework: text(r[1]), groupCode: text(r[2]), regionCode: String(r[3]), industryCode: text(r[4]) });
      values.push(Array.from({ length: years }, () => null));
      previous = id;
    }
    const t = Number(r[5]) - p.firstYear;
    if (t >= 0 && t < years) values[values.length - 1]![t] = Number(r[6]);
  }
  const shocks = p.shockYears.map((y) => y - p.firstYear).filter((t) => t >= 0 && t < years - 1);
  const forecasts = await forecastMany(values, { h: p.horizon, nonNegative: true, shocks });

  const methods: Record<string, number> = {};
  const out: Record<string, AppendCell>[] = [];
  keys.forEach((k, i) => {
    const base = {
      run_id: runId,
      kind: k.kind,
      framework: k.framework,
      group_code: k.groupCode,
      region_code: k.regionCode,
      industry_code: k.industryCode,
    };
    values[i]!.forEach((v, t) => {
      if (v !== null) out.push({ ...base, year: p.firstYear + t, employment: v, is_forecast: false });
    });
    const f = forecasts[i]!;
    methods[f.method] = (methods[f.method] ?? 0) + 1;
    for (let h = 0; h < p.horizon; h++)
      out.push({
        ...base,
        year: lastYear + h + 1,
        employment: f.mean[h]!,
        lo80: f.lower80[h]!,
        hi80: f.upper80[h]!,
        lo95: f.lower95[h]!,
        hi95: f.upper95[h]!,
        is_forecast: true,
        method: f.method,
      });
  });
  await appendRows(conn, 'marts.industry_projection', out);
  return { series: keys.length, lastYear, methods, rows: out.length };
}
