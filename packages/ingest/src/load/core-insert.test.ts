import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '@talent/models';
import { POSTING_HEADER, POSTING_MAPPING } from '../../test/helpers/fixtures.js';
import { loadFile } from './load-file.js';
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
    expect(second.duplicatesCollapsed).toBe(1);

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
