import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFile } from '@talent/ingest';
import { normalizers } from './helpers/coders.js';
import { tempWarehouse } from './helpers/warehouse.js';
import {
  ENROLLMENT_HEADER,
  ENROLLMENT_MAPPING,
  ENROLLMENT_ROWS,
  POSTING_HEADER,
  POSTING_MAPPING,
  postingLines,
  writeUtf8,
} from './helpers/fixtures.js';

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
beforeEach(async () => {
  ctx = await tempWarehouse();
});
afterEach(() => ctx.dispose());

const count = async (sql: string) => Number((await ctx.wh.conn.runAndReadAll(sql)).getRows()[0]![0]);

describe('lineage and idempotency', () => {
  it('loading the same bytes again is a no-op that says so, even under another name', async () => {
    const p = writeUtf8(ctx.dir, 'board_2025.csv', [POSTING_HEADER, ...postingLines(40)]);
    const first = await loadFile(ctx.wh.conn, POSTING_MAPPING, p);
    expect(first.status).toBe('loaded');
    const again = await loadFile(ctx.wh.conn, POSTING_MAPPING, p);
    expect(again.status).toBe('skipped_duplicate');
    expect(again.message).toContain(first.loadId);
    const renamed = join(ctx.dir, 'board_2025_copy.csv');
    copyFileSync(p, renamed);
    const third = await loadFile(ctx.wh.conn, POSTING_MAPPING, renamed);
    expect(third.status).toBe('skipped_duplicate');
    expect(await count(`SELECT count(*) FROM core.job_posting`)).toBe(40);
    expect(await count(`SELECT count(*) FROM raw.job_posting`)).toBe(40);
    // The same file again is recorded on its load's row; the copy under another name gets a row of its own.
    expect(await count(`SELECT times_seen FROM meta.loads WHERE load_id = '${first.loadId}'`)).toBe(2);
    expect(again.loadId).toBe(first.loadId);
    expect(await count(`SELECT count(*) FROM meta.loads WHERE status = 'skipped_duplicate' AND rows_loaded = 0`)).toBe(1);
  });

  it('append: a second file of the same source and period adds its rows beside the first, replacing nothing', async () => {
    // The enrollment mapping with the append policy: the same period (2024, from the file name) twice.
    const mapping = { ...ENROLLMENT_MAPPING, source: 'test_enrollment_append', replace: 'append' as const };
    const a = await loadFile(ctx.wh.conn, mapping, writeUtf8(ctx.dir, 'school_2024.csv', [ENROLLMENT_HEADER, ...ENROLLMENT_ROWS]));
    const b = await loadFile(
      ctx.wh.conn,
      mapping,
      writeUtf8(ctx.dir, 'school_2024_more.csv', [
        ENROLLMENT_HEADER,
        ENROLLMENT_ROWS[0]!.replace('460701,汽车制造与试验技术', '460704,智能网联汽车技术'),
      ]),
    );
    expect([a.status, a.period, b.status, b.period]).toEqual(['loaded', '2024', 'loaded', '2024']);
    expect(b.replacedLoadIds).toEqual([]);
    expect(await count(`SELECT count(*) FROM core.enrollment`)).toBe(4);
    expect(await count(`SELECT count(*) FROM raw.enrollment`)).toBe(4);
    expect(await count(`SELECT count(*) FROM meta.loads WHERE superseded_by IS NOT NULL`)).toBe(0);
    // The same bytes again add nothing, under append as under replace.
    const again = await loadFile(ctx.wh.conn, mapping, join(ctx.dir, 'school_2024.csv'));
    expect(again.status).toBe('skipped_duplicate');
    expect(await count(`SELECT count(*) FROM core.enrollment`)).toBe(4);
  });

  it('a corrected file for the same source and period replaces the earlier load', async () => {
    const v1 = writeUtf8(ctx.dir, 'school_2024.csv', [ENROLLMENT_HEADER, ...ENROLLMENT_ROWS]);
    const a = await loadFile(ctx.wh.conn, ENROLLMENT_MAPPING, v1);
    expect(a.period).toBe('2024');
    // The school resends 2024 with one figure corrected and one major dropped.
    const v2 = writeUtf8(ctx.dir, 'school_2024_corrected.csv', [
      ENROLLMENT_HEADER,
      ENROLLMENT_ROWS[0]!,
      ENROLLMENT_ROWS[1]!.replace(',200,', ',210,'),
    ]);
    const b = await loadFile(ctx.wh.conn, ENROLLMENT_MAPPING, v2);
    expect(b.status).toBe('replaced');
    expect(b.replacedLoadIds).toEqual([a.loadId]);
    expect(await count(`SELECT count(*) FROM core.enrollment`)).toBe(2);
    expect(await count(`SELECT count(*) FROM raw.enrollment WHERE load_id = '${a.loadId}'`)).toBe(0);
    expect(await count(`SELECT enrolled_new FROM core.enrollment WHERE major_code = '460702'`)).toBe(210);
    const [old] = (await ctx.wh.conn.runAndReadAll(`SELECT superseded_by FROM meta.loads WHERE load_id = '${a.loadId}'`)).getRows();
    expect(old![0]).toBe(b.loadId);
    // Another year is a different period: it adds, it does not replace.
    const y2023 = writeUtf8(ctx.dir, 'school_2023.csv', [ENROLLMENT_HEADER, ...ENROLLMENT_ROWS.map((r) => r.replace(',2024,', ',2023,'))]);
    const c = await loadFile(ctx.wh.conn, ENROLLMENT_MAPPING, y2023);
    expect(c.status).toBe('loaded');
    expect(await count(`SELECT count(*) FROM core.enrollment`)).toBe(5);
    // The superseded original, sent again, is new content again only if it differs: it does not, but its load was superseded, so it loads and replaces back.
    const back = await loadFile(ctx.wh.conn, ENROLLMENT_MAPPING, v1);
    expect(back.status).toBe('replaced');
    expect(await count(`SELECT count(*) FROM core.enrollment WHERE year = 2024`)).toBe(3);
  });

  it('postings repeated across loads collapse into one demand record each', async () => {
    const p1 = writeUtf8(ctx.dir, 'a.csv', [POSTING_HEADER, ...postingLines(10)]);
    const p2 = writeUtf8(ctx.dir, 'b.csv', [POSTING_HEADER, ...postingLines(5, 5), ...postingLines(5, 100)]);
    // The duplicate key is made of the coders' company and title keys: loads code postings.
    const a = await loadFile(ctx.wh.conn, POSTING_MAPPING, p1, { normalizers });
    const b = await loadFile(ctx.wh.conn, { ...POSTING_MAPPING, source: 'other_board' }, p2, { normalizers });
    expect(a.duplicatesCollapsed).toBe(0);
    // The five repeats carry the same date as their first copies: ties go to the smaller posting id,
    // whichever load brought it, so the marks may fall on either side but always pair the same posting.
    const pairs = await count(
      `SELECT count(*) FROM core.job_posting d JOIN core.job_posting o ON d.duplicate_of = o.posting_id
       WHERE d.load_id <> o.load_id AND d.title = o.title AND d.company = o.company AND d.posted_date = o.posted_date`,
    );
    expect(pairs).toBe(5);
    expect(await count(`SELECT count(*) FROM core.job_posting WHERE duplicate_of IS NOT NULL`)).toBe(5);
    expect(await count(`SELECT count(*) FROM core.job_demand`)).toBe(15);
    // Whichever side the marks fall on, the load that made the pairs counts them: 10 postings, 5 new records.
    expect(b.duplicatesCollapsed).toBe(5);
  });
});
