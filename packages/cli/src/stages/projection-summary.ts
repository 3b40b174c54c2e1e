import type { DuckDBConnection } from '@duckdb/node-api';

/** Frameworks whose groups the run summary prints, each at the region its plan is for. */
const SUMMARY_FRAMEWORKS = ['gx_nine_cards', 'lz_5plus5'] as const;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const signed = (n: number) => (n >= 0 ? '+' : '−') + fmt(Math.abs(n));

/**
 * Lines of the run summary: for each group of the summary frameworks, projected demand, supply and
 * gap (persons a year, all occupations and education levels) in each projected year of a vintage.
 */
export async function projectionSummary(conn: DuckDBConnection, runId: string): Promise<string[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT g.framework, f.name AS framework_name, g.group_code, any_value(t.group_name) AS group_name, any_value(m.group_order) AS group_order,
         g.year, sum(g.demand) AS demand, sum(g.supply) AS supply
       FROM marts.fct_talent_gap g
       JOIN ref.framework f ON f.framework = g.framework AND f.region_code = g.region_code
       JOIN marts.fct_industry_trend t ON t.run_id = g.run_id AND t.framework = g.framework AND t.group_code = g.group_code
         AND t.region_code = g.region_code AND t.year = g.year
       JOIN (SELECT DISTINCT framework, group_code, group_order FROM ref.framework_group) m ON m.framework = g.framework AND m.group_code = g.group_code
       WHERE g.run_id = $1 AND g.is_forecast AND g.framework IN (${SUMMARY_FRAMEWORKS.map((f) => `'${f}'`).join(', ')})
       GROUP BY ALL ORDER BY g.framework, group_order, g.year`,
      [runId],
    )
  ).getRowObjectsJson();
  const lines: string[] = [];
  for (const framework of SUMMARY_FRAMEWORKS) {
    const mine = rows.filter((r) => r.framework === framework);
    if (mine.length === 0) continue;
    const years = [...new Set(mine.map((r) => Number(r.year)))].sort();
    lines.push(`${String(mine[0]!.framework_name)}: demand / supply / gap (persons a year)`);
    lines.push(`  ${'group'.padEnd(16)}${years.map((y) => String(y).padStart(30)).join('')}`);
    for (const code of [...new Set(mine.map((r) => String(r.group_code)))]) {
      const cells = years.map((y) => {
        const r = mine.find((x) => x.group_code === code && Number(x.year) === y);
        if (!r) return ''.padStart(30);
        const d = Number(r.demand);
        const s = Number(r.supply);
        return `${fmt(d)} / ${fmt(s)} / ${signed(d - s)}`.padStart(30);
      });
      const name = String(mine.find((r) => r.group_code === code)!.group_name);
      lines.push(`  ${name.padEnd(16 - [...name].filter((c) => c.charCodeAt(0) > 0x2e80).length)}${cells.join('')}`);
    }
  }
  return lines;
}
