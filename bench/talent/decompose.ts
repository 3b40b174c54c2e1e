/**
 * Where the projected demand (openings) of the framework groups departs from the truth, for the newest
 * vintage of a warehouse that bench:talent kept (`--keep`): per forecast year, the mean absolute and
 * signed error over the headline groups and three additive parts of the signed error, each a share of
 * the truth, summed per city × 大类 and then over the group's 大类 with their weights:
 *
 * - separation rate: (our separations per worker − the truth's) × the truth's employment of the year before;
 * - employment path: our change less the truth's, plus our rate × our error in the year before's level;
 * - expansion rule: the truth's openings count an industry's rises only (max(0, change)), ours the
 *   net change, so a falling cell adds its fall back in the truth.
 *
 * Beside each part, the groups' MAPE with that part removed. Then per 大典 大类 of occupations: employment
 * and separations per worker of the year before's workers, ours and the truth's (the staffing matrix
 * and the separation rates). Last, what projecting does to the shortage ranking at the province: the
 * rank correlation on the true top 50 of each forecast year (as bench:talent takes it) of the projected
 * gaps, of the last observed year's estimated gaps, and of those gaps moved by one part of the
 * projection only (its demand, its graduates, its other job seekers). Reads truth/, so it belongs to
 * the benchmark, never to the pipeline.
 *
 * Run: `npx tsx --conditions=source bench/talent/decompose.ts --warehouse <kept>/warehouse.duckdb --data <kept>/province`
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { rankingSpearman } from './metrics.js';
import { RANKING_TOP } from './score.js';
import { openScoringDb, sqlString } from './scoring-db.js';
import { loadTruth, readEditionYears, trueTop } from './truth.js';

const { values } = parseArgs({ options: { warehouse: { type: 'string' }, data: { type: 'string' } } });
if (!values.warehouse || !values.data) throw new Error('decompose: --warehouse and --data are required');
const years = readEditionYears(values.data);
const csv = (name: string, codes: string) => `read_csv(${sqlString(join(values.data!, 'truth', name))}, header = true, types = {${codes}})`;
const db = await openScoringDb(values.warehouse);
try {
  await db.conn.run(`
    CREATE TEMP TABLE run AS SELECT run_id FROM wh.meta.projection_runs ORDER BY finished_at DESC LIMIT 1;
    CREATE TEMP TABLE truth_cell AS
    WITH x AS (
      SELECT industry_code, city_code AS region_code, year, employment::DOUBLE AS e, openings::DOUBLE AS o,
        lag(employment::DOUBLE) OVER (PARTITION BY industry_code, city_code ORDER BY year) AS p
      FROM ${csv('industry_city_year.csv', `'industry_code': 'VARCHAR', 'city_code': 'VARCHAR'`)}
    )
    SELECT *, (o - greatest(0, e - p)) / p AS rate FROM x WHERE year > ${years.latest} AND year <= ${years.truthUntil};
    CREATE TEMP TABLE our_cell AS
    SELECT industry_code, region_code, year, sum(employment) AS e, sum(employment - expansion) AS p, sum(openings) AS o,
      sum(exits + transfers) / nullif(sum(employment - expansion), 0) AS rate
    FROM wh.marts.projection_occupation WHERE run_id = (SELECT run_id FROM run) AND is_forecast GROUP BY ALL;
    CREATE TEMP TABLE part AS
    SELECT t.industry_code, t.region_code, t.year, t.o AS truth, u.o AS ours,
      (u.rate - t.rate) * t.p AS rate_part,
      (u.e - u.p) - (t.e - t.p) + u.rate * (u.p - t.p) AS path_part,
      (t.e - t.p) - greatest(0, t.e - t.p) AS rule_part
    FROM truth_cell t JOIN our_cell u USING (industry_code, region_code, year);
    CREATE TEMP TABLE grouped AS
    SELECT m.framework, m.group_code, p.year, sum(m.weight * p.truth) AS truth, sum(m.weight * p.ours) AS ours,
      sum(m.weight * p.rate_part) AS rate_part, sum(m.weight * p.path_part) AS path_part, sum(m.weight * p.rule_part) AS rule_part
    FROM wh.core.framework_membership m
    JOIN wh.ref.region r ON (r.code = m.region_code OR r.parent_code = m.region_code) AND r.level = '市'
    JOIN part p ON p.industry_code = m.industry_code AND p.region_code = r.code
    GROUP BY ALL HAVING sum(m.weight * p.truth) > 0;
  `);
  const pct = (x: number) => (100 * x).toFixed(1).padStart(7);
  const summary = await db.rows<Record<string, number>>(`
    SELECT year, count(*)::INTEGER AS groups, avg(abs(ours / truth - 1)) AS mape, avg(ours / truth - 1) AS bias,
      avg(rate_part / truth) AS rate, avg(abs((ours - rate_part) / truth - 1)) AS without_rate,
      avg(path_part / truth) AS path, avg(abs((ours - path_part) / truth - 1)) AS without_path,
      avg(rule_part / truth) AS rule, avg(abs((ours - rule_part) / truth - 1)) AS without_rule
    FROM grouped GROUP BY year ORDER BY year`);
  console.log(
    'Framework groups, demand: MAPE and mean signed error (%), its parts (mean share of the truth) and the MAPE without each part',
  );
  console.log('year  groups     mape     bias |  sep.rate  without |  emp.path  without |  exp.rule  without');
  for (const s of summary)
    console.log(
      `${s.year}  ${String(s.groups).padStart(6)}  ${pct(s.mape!)}  ${pct(s.bias!)} |  ${pct(s.rate!)}  ${pct(s.without_rate!)} |  ${pct(s.path!)}  ${pct(s.without_path!)} |  ${pct(s.rule!)}  ${pct(s.without_rule!)}`,
    );

  const occupations = await db.rows<Record<string, number | string>>(`
    WITH t AS (
      SELECT left(occupation_code, 1) AS major_group, year, employment::DOUBLE AS e, openings::DOUBLE AS o,
        lag(employment::DOUBLE) OVER (PARTITION BY occupation_code, city_code ORDER BY year) AS p
      FROM ${csv('occupation_city_year.csv', `'occupation_code': 'VARCHAR', 'city_code': 'VARCHAR'`)}
    ),
    truth AS (
      SELECT major_group, sum(e) AS e, sum(o - greatest(0, e - p)) / sum(p) AS rate FROM t WHERE year = ${years.truthUntil} GROUP BY ALL
    ),
    ours AS (
      SELECT left(occupation_code, 1) AS major_group, sum(employment) AS e, sum(exits + transfers) / sum(employment - expansion) AS rate
      FROM wh.marts.projection_occupation WHERE run_id = (SELECT run_id FROM run) AND year = ${years.truthUntil} GROUP BY ALL
    )
    SELECT major_group, truth.e AS truth_e, ours.e AS our_e, truth.rate AS truth_rate, ours.rate AS our_rate
    FROM truth FULL JOIN ours USING (major_group) ORDER BY major_group`);
  console.log('');
  console.log(
    `Occupation 大类 in ${years.truthUntil}: employment (error %) and separations per worker of the year before, ours and the truth's`,
  );
  console.log('大类      truth employment   error   ours rate  truth rate');
  for (const o of occupations)
    console.log(
      `${String(o.major_group).padEnd(8)} ${String(Math.round(Number(o.truth_e ?? 0))).padStart(16)}  ${pct(Number(o.our_e) / Number(o.truth_e) - 1)}   ${Number(o.our_rate).toFixed(3).padStart(9)}  ${Number(o.truth_rate).toFixed(3).padStart(10)}`,
    );

  // Gaps per occupation at the province, each forecast year's against the last observed year's, ranked per variant
  // the way marts.fct_occupation_shortage ranks (the gap to a millionth of a person, ties by code).
  const variants = [
    ['projected', 'n.demand - n.graduates - n.others'],
    ['estimate', 'e.demand - e.graduates - e.others'],
    ['demand moves', 'n.demand - e.graduates - e.others'],
    ['graduates move', 'e.demand - n.graduates - e.others'],
    ['others move', 'e.demand - e.graduates - n.others'],
  ] as const;
  const ranks = await db.rows<{ variant: string; year: number; occupation_code: string; rank: number }>(`
    WITH parts AS (
      SELECT s.occupation_code, s.year, s.demand, s.graduate_supply AS graduates, s.supply - s.graduate_supply AS others
      FROM wh.marts.fct_occupation_shortage s JOIN wh.ref.region r ON r.code = s.region_code AND r.level = '省'
      WHERE s.run_id = (SELECT run_id FROM run) AND s.rank IS NOT NULL AND s.year >= ${years.latest} AND s.year <= ${years.truthUntil}
    ),
    gaps AS (
      ${variants
        .map(
          ([name, gap]) => `SELECT '${name}' AS variant, n.year, n.occupation_code, ${gap} AS gap
      FROM parts n JOIN parts e ON e.occupation_code = n.occupation_code AND e.year = ${years.latest} WHERE n.year > ${years.latest}`,
        )
        .join('\n      UNION ALL ')}
    )
    SELECT variant, year, occupation_code,
      row_number() OVER (PARTITION BY variant, year ORDER BY round(gap, 6) DESC, occupation_code)::INTEGER AS rank
    FROM gaps`);
  await loadTruth(db, values.data, years);
  console.log('');
  console.log(
    `Shortage ranking at the province: Spearman on the true top ${RANKING_TOP} of each year for the projected gaps, the ${years.latest} ` +
      `estimate's, and the estimate's moved by one part of the projection only`,
  );
  console.log(`year  ${variants.map(([name]) => name.padStart(16)).join('')}`);
  for (let year = years.latest + 1; year <= years.truthUntil; year++) {
    const top = await trueTop(db, year, RANKING_TOP);
    const cells = variants.map(([name]) => {
      const ranking = new Map(ranks.filter((r) => r.variant === name && r.year === year).map((r) => [r.occupation_code, r.rank]));
      return rankingSpearman(top, ranking).toFixed(3).padStart(16);
    });
    console.log(`${year}  ${cells.join('')}`);
  }
} finally {
  db.close();
}
