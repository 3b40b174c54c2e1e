import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * What the run summary should print for each group of the frameworks, at the region each framework is planned for,
 * in the first projection vintage: `demand / supply / gap` per forecast year, from marts.fct_talent_gap, formatted
 * as the summary formats persons. Keyed `<framework name>|<group name>`.
 */
export async function summaryCells(conn: DuckDBConnection, frameworks: readonly string[]): Promise<Map<string, string[]>> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT f.name AS framework_name, t.group_name, g.year, sum(g.demand) AS demand, sum(g.supply) AS supply
       FROM marts.fct_talent_gap g
       JOIN ref.framework f ON f.framework = g.framework AND f.region_code = g.region_code
       JOIN (SELECT DISTINCT run_id, framework, group_code, region_code, year, group_name FROM marts.fct_industry_trend) t
         ON t.run_id = g.run_id AND t.framework = g.framework AND t.group_code = g.group_code AND t.region_code = g.region_code
           AND t.year = g.year
       WHERE g.run_id = (SELECT run_id FROM meta.projection_runs ORDER BY finished_at LIMIT 1) AND g.is_forecast
         AND g.framework IN (${frameworks.map((f) => `'${f}'`).join(', ')})
       GROUP BY ALL ORDER BY 1, 2, 3`,
    )
  ).getRowObjectsJson();
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const cells = new Map<string, string[]>();
  for (const r of rows) {
    const key = `${String(r.framework_name)}|${String(r.group_name)}`;
    const d = Number(r.demand);
    const s = Number(r.supply);
    // A gap is rounded before its sign: under half a person it reads 0.
    const gap = Math.round(d - s);
    cells.set(key, [
      ...(cells.get(key) ?? []),
      `${fmt(d)} / ${fmt(s)} / ${gap === 0 ? '0' : `${gap > 0 ? '+' : '−'}${fmt(Math.abs(gap))}`}`,
    ]);
  }
  return cells;
}
