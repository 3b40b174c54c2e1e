import { listValue, type DuckDBConnection } from '@duckdb/node-api';
import { defaultFrameworkOf, type PublicationRules } from '@talent/reports/rules';
import { provincesOf } from '../commands/report.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** A gap as printed: rounded first, so that a gap under half a person reads 0, not −0. */
export const signed = (n: number) => {
  const r = Math.round(n);
  return r === 0 ? '0' : (r > 0 ? '+' : '−') + fmt(Math.abs(r));
};
/** Columns a string takes on a terminal: CJK characters take two. */
const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

/**
 * The frameworks the run summary prints: those the publications take by default (rules.json
 * `defaultFramework`) for the regions published (`publicationRegions`): a region's own, else its
 * province's, in the rules' order. On the demo: 九张创新名片 (450000) and 柳州 5+5 (450200).
 */
export async function summaryFrameworks(
  conn: DuckDBConnection,
  rules: Pick<PublicationRules, 'defaultFramework'>,
  regions: readonly string[],
): Promise<string[]> {
  const provinceOf = await provincesOf(conn, regions);
  const chosen = new Set(regions.map((code) => defaultFrameworkOf(rules, { code, provinceCode: provinceOf.get(code) ?? '' })));
  return [...new Set(Object.values(rules.defaultFramework))].filter((f) => chosen.has(f));
}

/**
 * Lines of the run summary: for each group of the given frameworks, projected demand, supply and
 * gap (persons a year, all occupations and education levels) in each projected year of a vintage.
 */
export async function projectionSummary(conn: DuckDBConnection, runId: string, frameworks: readonly string[]): Promise<string[]> {
  if (!frameworks.length) return [];
  const rows = (
    await conn.runAndReadAll(
      `SELECT g.framework, f.name AS framework_name, g.group_code, any_value(t.group_name) AS group_name, any_value(m.group_order) AS group_order,
         g.year, sum(g.demand) AS demand, sum(g.supply) AS supply
       FROM marts.fct_talent_gap g
       JOIN ref.framework f ON f.framework = g.framework AND f.region_code = g.region_code
       JOIN marts.fct_industry_trend t ON t.run_id = g.run_id AND t.framework = g.framework AND t.group_code = g.group_code
         AND t.region_code = g.region_code AND t.year = g.year
       JOIN (SELECT DISTINCT framework, group_code, group_order FROM ref.framework_group) m ON m.framework = g.framework AND m.group_code = g.group_code
       WHERE g.run_id = $1 AND g.is_forecast AND list_contains($2::VARCHAR[], g.framework)
       GROUP BY ALL ORDER BY g.framework, group_order, g.year`,
      [runId, listValue([...frameworks])],
    )
  ).getRowObjectsJson();
  const lines: string[] = [];
  for (const framework of frameworks) {
    const mine = rows.filter((r) => r.framework === framework);
    if (mine.length === 0) continue;
    const years = [...new Set(mine.map((r) => Number(r.year)))].sort();
    lines.push(`${String(mine[0]!.framework_name)}: demand / supply / gap (persons a year)`);
    const names = new Map(mine.map((r) => [String(r.group_code), String(r.group_name)]));
    const nameWidth = Math.max(...[...names.values()].map(width)) + 2;
    lines.push(`  ${padEnd('group', nameWidth)}${years.map((y) => String(y).padStart(30)).join('')}`);
    for (const code of [...new Set(mine.map((r) => String(r.group_code)))]) {
      const cells = years.map((y) => {
        const r = mine.find((x) => x.group_code === code && Number(x.year) === y);
        if (!r) return ''.padStart(30);
        const d = Number(r.demand);
        const s = Number(r.supply);
        return `${fmt(d)} / ${fmt(s)} / ${signed(d - s)}`.padStart(30);
      });
      lines.push(`  ${padEnd(names.get(code)!, nameWidth)}${cells.join('')}`);
    }
  }
  return lines;
}
