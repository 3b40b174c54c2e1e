import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '@talent/models';
import { POSTING_HEADER, POSTING_MAPPING } from '../../test/helpers/fixtures.js';
import { loadFile } from './load-file.js';
import { postingKeysSql, postingRowsSql, renderCoreModel } from './core-insert.js';
import { kindSpec } from './kinds.js';
import { clusterDuplicates } from '@talent/models';
import { coders, normalizers } from '../../test/helpers/coders.js';

let ctx: { wh: Warehouse; dir: string };
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-dedupe-'));
  ctx = { dir, wh: await openWarehouse(join(dir, 'wh.duckdb')) };
});
afterEach(() => {
  ctx.wh.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

function writeUtf8(dir: string, name: string, lines: string[]): string {
  const p = join(dir, name);
  writeFileSync(p, lines.join('\n') + '\n');
  return p;
}

const rows = async (sql: string) => (await ctx.wh.conn.runAndReadAll(sql)).getRowObjectsJson();
const OPTS = { normalizers, today: '2025-12-31' };

// 职位名称,公司名称,工作地点,薪资,学历,经验,发布日期 — one vacancy re-posted, spread over two files.
const WELDER = (date: string, company = '柳州欧维姆机械股份有限公司', place = '柳州-柳南区') =>
  `焊工,${company},${place},5000-8000元/月,大专,1年,${date}`;

describe('incremental duplicate marking, load by load', () => {
  it('marks only what a whole-table clustering would, across loads, including stored rows that change', async () => {
    const a = writeUtf8(ctx.dir, 'a.csv', [
      POSTING_HEADER,
      WELDER('2025-03-10'),
      WELDER('2025-03-20'),
      '会计,柳州螺霸王食品有限公司,柳州-鱼峰区,4-6千,本科,3年,2025-03-05',
      // Same company written another way (legal form, bracketed place) and 40 days later: a new vacancy.
      WELDER('2025-06-01', '柳州欧维姆机械（柳南）有限公司'),
    ]);
    const first = await loadFile(ctx.wh.conn, POSTING_MAPPING, a, OPTS);
    expect(first.status).toBe('loaded');
    expect(first.duplicatesCollapsed).toBe(1);

    // The second file holds an earlier copy (it becomes the head of the stored cluster), a later
    // re-post naming only the city (the same prefecture), and a posting whose key no stored row has.
    const b = writeUtf8(ctx.dir, 'b.csv', [
      POSTING_HEADER,
      WELDER('2025-03-25', undefined, '柳州市'),
      WELDER('2025-03-01'),
      '电工,广西柳工机械股份有限公司,南宁-青秀区,6-9K,大专,2年,2025-04-02',
    ]);
    const second = await loadFile(ctx.wh.conn, { ...POSTING_MAPPING, source: 'other_board' }, b, OPTS);
    expect(second.status).toBe('loaded');
    // Its re-post of 03-25, and the stored 03-10 that its copy of 03-01 now heads.
    expect(second.duplicatesCollapsed).toBe(2);

    const marks =
      await rows(`SELECT c.load_id = '${second.loadId}' AS is_b, strftime(c.posted_date, '%m-%d') AS d, strftime(h.posted_date, '%m-%d') AS head
      FROM core.job_posting c LEFT JOIN core.job_posting h ON h.posting_id = c.duplicate_of ORDER BY c.posted_date, c.title`);
    expect(marks).toEqual([
      { is_b: true, d: '03-01', head: null },
      { is_b: false, d: '03-05', head: null },
      { is_b: false, d: '03-10', head: '03-01' },
      { is_b: false, d: '03-20', head: '03-01' },
      { is_b: true, d: '03-25', head: '03-01' },
      { is_b: true, d: '04-02', head: null },
      { is_b: false, d: '06-01', head: null },
    ]);

    // The same marking as clustering the whole table from scratch, with keys recomputed from the
    // text: the coders' company and title keys through the core.duplicate_key macro.
    const stored = await rows(`SELECT posting_id, company, title FROM core.job_posting`);
    await ctx.wh.conn.run(`CREATE TEMP TABLE norms (posting_id VARCHAR, company_norm VARCHAR, title_norm VARCHAR)`);
    for (const r of stored)
      await ctx.wh.conn.run(`INSERT INTO norms VALUES ($1, $2, $3)`, [
        String(r.posting_id),
        coders.company(String(r.company)),
        coders.title(String(r.title)),
      ]);
    await ctx.wh.conn.run(`CREATE TEMP TABLE whole AS SELECT posting_id,
        core.duplicate_key(n.company_norm, n.title_norm, region_code, salary_min_monthly, salary_max_monthly) AS dedup_key,
        posted_date, NULL::VARCHAR AS duplicate_of FROM core.job_posting JOIN norms n USING (posting_id)`);
    await clusterDuplicates(ctx.wh.conn, 'temp.main.whole');
    const diff = await rows(
      `SELECT count(*) AS n FROM core.job_posting c JOIN whole w USING (posting_id) WHERE c.duplicate_of IS DISTINCT FROM w.duplicate_of`,
    );
    expect(Number(diff[0]!.n)).toBe(0);
  });
});

// The columns of the lookup tables a load fills (postings/code-postings.ts).
const COLUMNS: Record<string, string> = {
  sal: '(text, mn, mx, months, status)',
  reg: '(text, region_code)',
  req: '(edu, exp, education, mn, mx)',
  ind: '(text, code, conf)',
  occ: '(title, ind, code, conf)',
  cmp: '(text, norm)',
  ttl: '(text, norm)',
};

describe('the posting rows written in two parts', () => {
  it('keys from the key lookups alone, rows without the key-only lookups: both equal to the whole model', async () => {
    const run = (sql: string) => ctx.wh.conn.run(sql);
    // Accepted rows and lookups as a load leaves them: a re-posted vacancy, a posting with pay given
    // by the source, one whose company is unknown (no key), one with an industry and a coded title.
    await run(`CREATE TEMP TABLE t_acc AS SELECT * FROM (VALUES
      (2, '焊工', '柳州欧维姆机械股份有限公司', '柳州-柳南区', '5000-8000元/月', NULL, NULL, NULL, '大专', '1年', NULL, NULL, NULL, NULL, NULL, DATE '2025-03-10'),
      (3, '焊工', '柳州欧维姆机械股份有限公司', '柳州市', '5000-8000元/月', NULL, NULL, NULL, '大专', '1年', NULL, NULL, NULL, NULL, 2, DATE '2025-03-20'),
      (4, '会计', '柳州螺霸王食品有限公司', '柳州-鱼峰区', NULL, 4000, 6000, 13, '本科', '3年', '食品制造', NULL, NULL, NULL, NULL, DATE '2025-03-05'),
      (5, '电工', NULL, '南宁-青秀区', '6-9K', NULL, NULL, NULL, '大专', '2年', NULL, NULL, NULL, NULL, NULL, DATE '2025-04-02'),
      (6, '数控车工', '广西柳工机械股份有限公司', '柳州-柳北区', '6-9K', NULL, NULL, NULL, NULL, NULL, '机械/设备/重工', '本科', 2, NULL, 5, DATE '2025-04-09')
    ) AS v(line, title, company, location_text, salary_text, salary_min_monthly, salary_max_monthly, salary_months,
      education_text, experience_text, company_industry_text, education, experience_min_years, experience_max_years,
      headcount, posted_date)`);
    const lk = (name: string, values: string) =>
      run(`CREATE TEMP TABLE t_lk_${name} AS SELECT * FROM (VALUES ${values}) AS v${COLUMNS[name]}`);
    await lk('sal', `('5000-8000元/月', 5000.0, 8000.0, NULL::DOUBLE, 'parsed'), ('6-9K', 6000.0, 9000.0, NULL, 'parsed')`);
    await lk(
      'reg',
      `('柳州-柳南区', '450204'), ('柳州市', '450200'), ('柳州-鱼峰区', '450203'), ('南宁-青秀区', '450103'), ('柳州-柳北区', '450205')`,
    );
    await lk(
      'req',
      `('大专', '1年', '大专', 1.0, 1.0), ('本科', '3年', '本科', 3.0, 3.0), ('大专', '2年', '大专', 2.0, 2.0), ('', '', NULL, NULL, NULL)`,
    );
    await lk('ind', `('食品制造', '14', 0.9), ('机械/设备/重工', '34', 0.7)`);
    await lk(
      'occ',
      `('焊工', '', '6-18-02-04', 0.95), ('会计', '食品制造', '2-06-03-00', 0.6), ('电工', '', '6-31-01-03', 0.9), ('数控车工', '机械/设备/重工', '6-18-01-01', 0.9)`,
    );
    await lk(
      'cmp',
      `('柳州欧维姆机械股份有限公司', '柳州欧维姆机械'), ('柳州螺霸王食品有限公司', '柳州螺霸王食品'), ('广西柳工机械股份有限公司', '广西柳工机械')`,
    );
    await lk('ttl', `('焊工', '焊工'), ('会计', '会计'), ('电工', '电工'), ('数控车工', '数控车工')`);
    const load = {
      spec: kindSpec('job_posting'),
      accepted: 't_acc',
      prefix: 't',
      loadId: 'L1',
      source: 'board',
      fileKey: '0123456789abcdef',
    };
    const whole = `(${renderCoreModel(load)})`;

    await run(`CREATE TEMP TABLE t_keys AS ${postingKeysSql(load)}`);
    const keys = await rows(`SELECT line, dedup_key::VARCHAR AS k FROM t_keys ORDER BY line`);
    expect(keys).toEqual(await rows(`SELECT line, dedup_key::VARCHAR AS k FROM ${whole} WHERE dedup_key IS NOT NULL ORDER BY line`));
    // The re-post in the same prefecture shares its key; the posting with no company has none.
    expect(keys.map((r) => r.line)).toEqual([2, 3, 4, 6]);
    expect(keys[0]!.k).toBe(keys[1]!.k);

    await run(`CREATE TEMP TABLE t_marks AS SELECT 3 AS line, '0123456789abcdef:2' AS duplicate_of`);
    const parts = await rows(`SELECT * FROM (${postingRowsSql(load, 't_keys', 't_marks')}) ORDER BY line`);
    const expected = await rows(
      `SELECT w.* REPLACE (d.duplicate_of AS duplicate_of) FROM ${whole} w LEFT JOIN t_marks d USING (line) ORDER BY line`,
    );
    expect(parts).toEqual(expected);
    expect(parts.filter((r) => r.occupation_code !== null)).toHaveLength(5);
  });
});
