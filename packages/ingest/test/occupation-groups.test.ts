import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '@talent/models';
import { ingestAll, loadFile, NO_NORMALIZERS, readMapping, type IngestReport } from '@talent/ingest';
import { config } from './helpers/coders.js';
import { loadReferenceLists, tempWarehouse } from './helpers/warehouse.js';

// The demo's tables by occupation group (表5 按职业分组的供求人数) through datasets/sources/demo_occupation_groups.json,
// beside the shortage rankings of the same registrations.

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let wh: Warehouse;
let report: IngestReport;
const dir = join(config.dataDir, 'shortage');
const csv = (p: string) => parse(readFileSync(p), { columns: true, bom: true }) as Record<string, string>[];
const q = async (sql: string) => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | null>[];
const groupFiles = readdirSync(dir).filter((f) => f.startsWith('occupation_groups_'));
const periodOf = (f: string) => /_(\d{4}Q[1-4])\.csv$/.exec(f)![1]!;
/** 大典 大类 name → code. */
const majorGroups = new Map(
  csv(join(config.referenceDir, 'occupation', 'csco_2022.csv'))
    .filter((r) => r.level === '大类')
    .map((r) => [r.name!, r.code!]),
);

beforeAll(async () => {
  ctx = await tempWarehouse();
  wh = ctx.wh;
  await loadReferenceLists(wh);
  report = await ingestAll(wh, {
    sourcesDir: config.sourcesDir,
    roots: [config.dataDir],
    sources: ['demo_occupation_groups', 'demo_shortage'],
    normalizers: NO_NORMALIZERS,
    today: '2026-06-30',
  });
}, 300_000);
afterAll(() => ctx.dispose());

describe('the demo tables by occupation group', () => {
  it('load every row as printed: each 大类 coded, 无要求 and 合计 marked', async () => {
    expect(report.problems).toEqual([]);
    expect(groupFiles.length).toBeGreaterThanOrEqual(24);
    const expected = new Map<string, string>();
    for (const f of groupFiles)
      for (const r of csv(join(dir, f))) {
        const name = r['职业类别']!;
        const kind = majorGroups.has(name) ? 'group' : name === '无要求' ? 'no_preference' : name === '合计' ? 'total' : 'unknown';
        expected.set(`${periodOf(f)}|${name}`, [majorGroups.get(name) ?? null, kind, r['需求人数'] || null, r['求职人数']].join('|'));
      }
    const rows = await q(`SELECT period, group_name, group_code, row_kind, vacancies, job_seekers FROM core.occupation_group_entry`);
    const got = new Map(
      rows.map((r) => [
        `${r.period}|${r.group_name}`,
        [r.group_code, r.row_kind, r.vacancies, r.job_seekers].map((v) => v ?? null).join('|'),
      ]),
    );
    expect(got).toEqual(expected);
    expect(rows.filter((r) => r.row_kind === 'unknown')).toEqual([]);
    expect(new Set(rows.filter((r) => r.row_kind === 'group').map((r) => r.group_code)).size).toBe(8);
  });

  it('add up: the 大类 rows to 合计, with 无要求 among the seekers', async () => {
    const sums = await q(`SELECT period,
        sum(vacancies) FILTER (WHERE row_kind = 'group') AS v, any_value(vacancies) FILTER (WHERE row_kind = 'total') AS v_total,
        sum(job_seekers) FILTER (WHERE row_kind IN ('group', 'no_preference')) AS s,
        any_value(job_seekers) FILTER (WHERE row_kind = 'total') AS s_total,
        any_value(job_seekers) FILTER (WHERE row_kind = 'no_preference') AS no_preference
      FROM core.occupation_group_entry GROUP BY period`);
    expect(sums).toHaveLength(groupFiles.length);
    for (const r of sums) {
      expect(r.v).toBe(r.v_total);
      expect(r.s).toBe(r.s_total);
      expect(Number(r.no_preference)).toBeGreaterThan(0);
    }
  });

  it("hold the same registrations as the quarter's shortage ranking: no 大类 lists more than it registered", async () => {
    const over = await q(`WITH listed AS (
        SELECT period, left(occupation_code, 1) || '-00-00-00' AS group_code, sum(vacancies) AS v, sum(job_seekers) AS s
        FROM core.shortage_entry WHERE occupation_code IS NOT NULL GROUP BY ALL)
      SELECT l.period, l.group_code, l.v, g.vacancies, l.s, g.job_seekers
      FROM listed l JOIN core.occupation_group_entry g USING (period, group_code)
      WHERE l.v > g.vacancies OR l.s > g.job_seekers`);
    expect(over).toEqual([]);
    const joined = await q(`SELECT count(DISTINCT e.period)::INTEGER AS n FROM core.shortage_entry e
      JOIN core.occupation_group_entry g ON g.period = e.period AND g.group_code = left(e.occupation_code, 1) || '-00-00-00'`);
    expect(joined[0]!.n).toBe(groupFiles.length);
  });
});

describe('a table by occupation group as real releases print it', () => {
  const mapping = readMapping(join(config.sourcesDir, 'demo_occupation_groups.json'));

  it('matches the short and unpunctuated names, keeps an unknown name flagged and rejects a bad count with its line', async () => {
    const path = join(ctx.dir, 'occupation_groups_2024Q2.csv');
    writeFileSync(
      path,
      [
        '职业类别,需求人数,求职人数,求人倍率',
        '单位负责人,120,180,0.67',
        ' 专业技术人员 ,5000,4000,1.25',
        '农林牧渔业生产及辅助人员,900,1000,0.90',
        '军人,0,0,',
        '商业和服务业人员,300,200,1.50',
        '生产制造及有关人员,十二,900,',
        '无要求,,700,',
        '总计,6320,6980,0.91',
      ].join('\n'),
    );
    const r = await loadFile(wh.conn, mapping, path, { today: '2026-06-30' });
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([8, 7, 1]);
    const rejected = await q(`SELECT line::INTEGER AS line, column_name, reason FROM meta.rejected_rows WHERE load_id = '${r.loadId}'`);
    expect(rejected).toEqual([{ line: 7, column_name: 'vacancies', reason: 'not a number' }]);
    const rows = await q(`SELECT line::INTEGER AS line, group_code, row_kind FROM core.occupation_group_entry
      WHERE load_id = '${r.loadId}' ORDER BY line`);
    expect(rows.map((x) => [x.line, x.group_code, x.row_kind])).toEqual([
      [2, '1-00-00-00', 'group'],
      [3, '2-00-00-00', 'group'],
      [4, '5-00-00-00', 'group'],
      [5, '7-00-00-00', 'group'],
      // The 1999 大典's 大类 of commerce and services has no one 2022 大类: reported, not guessed.
      [6, null, 'unknown'],
      [8, null, 'no_preference'],
      [9, null, 'total'],
    ]);
  });
});
