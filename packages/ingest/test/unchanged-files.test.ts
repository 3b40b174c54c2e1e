import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestAll, NO_NORMALIZERS, type IngestReport } from '@talent/ingest';
import type { SourceMapping } from '@talent/models';
import { tempWarehouse } from './helpers/warehouse.js';
import { POSTING_HEADER, POSTING_MAPPING, postingLines, writeUtf8 } from './helpers/fixtures.js';

// The board's yearly files: a later file of the same year replaces the earlier one's rows.
const MAPPING: SourceMapping = { ...POSTING_MAPPING, period: { from: 'filename', pattern: 'board_(\\d{4})' }, replace: 'replace' };
/** A whole second, exact in every file system's and DuckDB's time. */
const WHEN = new Date('2026-06-01T02:00:00Z');

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let sourcesDir: string;
beforeEach(async () => {
  ctx = await tempWarehouse();
  sourcesDir = join(ctx.dir, 'sources');
  mkdirSync(sourcesDir);
  writeFileSync(join(sourcesDir, `${MAPPING.source}.json`), JSON.stringify(MAPPING));
});
afterEach(() => ctx.dispose());

const ingest = (...paths: string[]): Promise<IngestReport> =>
  ingestAll(ctx.wh, {
    sourcesDir,
    roots: [ctx.dir],
    files: paths.map((path) => ({ source: MAPPING.source, path })),
    normalizers: NO_NORMALIZERS,
    today: '2026-06-30',
  });
const rows = async (sql: string) => (await ctx.wh.conn.runAndReadAll(sql)).getRowObjectsJson();
const postings = async () => Number((await rows('SELECT count(*) AS n FROM core.job_posting'))[0]!.n);

describe('the quick check of unchanged files (path, size and modification time)', () => {
  it('skips a file a load hashed, without reading it, in one transaction for all such files', async () => {
    const a = writeUtf8(ctx.dir, 'board_2024.csv', [POSTING_HEADER, ...postingLines(30)]);
    const b = writeUtf8(ctx.dir, 'board_2025.csv', [POSTING_HEADER, ...postingLines(20, 30)]);
    for (const f of [a, b]) utimesSync(f, WHEN, WHEN);
    const first = await ingest(a, b);
    expect(first.loads.map((l) => l.status)).toEqual(['loaded', 'loaded']);
    const second = await ingest(a, b);
    expect(second.loads.map((l) => [l.status, l.sha256, l.loadId])).toEqual(
      first.loads.map((l) => ['skipped_duplicate', l.sha256, l.loadId]),
    );
    expect(second.loads.every((l) => l.message?.startsWith('unchanged since it was loaded'))).toBe(true);
    // The skips are recorded on the loads' rows, which keep the stamp the next night compares with.
    const seen =
      await rows(`SELECT file_path, file_bytes, epoch_us(file_mtime) AS us, status, times_seen, last_seen_at > started_at AS later,
      last_seen_at FROM meta.loads ORDER BY file_path`);
    expect(seen.map((s) => [s.file_path, Number(s.file_bytes), s.status, Number(s.times_seen), s.later])).toEqual([
      [a, statSync(a).size, 'loaded', 2, true],
      [b, statSync(b).size, 'loaded', 2, true],
    ]);
    expect(Number(seen[0]!.us)).toBe(WHEN.getTime() * 1000);
    expect(new Set(seen.map((s) => s.last_seen_at)).size).toBe(1);
    // Same size and time, other bytes (a file rewritten and its time put back): the documented miss of a quick check.
    const text = readFileSync(a, 'utf8');
    writeFileSync(a, text.replace('汽车装调工0,', '汽车装配工0,'));
    expect(statSync(a).size).toBe(Buffer.byteLength(text));
    utimesSync(a, WHEN, WHEN);
    expect((await ingest(a)).loads[0]!.status).toBe('skipped_duplicate');
    expect(await postings()).toBe(50);
  });

  it('hashes a file whose time changed: same bytes are skipped by content, new bytes load', async () => {
    const a = writeUtf8(ctx.dir, 'board_2024.csv', [POSTING_HEADER, ...postingLines(30)]);
    const first = (await ingest(a)).loads[0]!;
    const later = new Date(statSync(a).mtimeMs + 60_000);
    utimesSync(a, later, later);
    const touched = (await ingest(a)).loads[0]!;
    expect([touched.status, touched.message]).toEqual(['skipped_duplicate', expect.stringContaining(`already loaded by ${first.loadId}`)]);
    // The touched file's new time is now recorded: the next night skips it unread.
    expect((await ingest(a)).loads[0]!.message).toMatch(/^unchanged since it was loaded/);
    writeUtf8(ctx.dir, 'board_2024.csv', [POSTING_HEADER, ...postingLines(31)]);
    const grown = (await ingest(a)).loads[0]!;
    expect([grown.status, grown.rowsLoaded]).toEqual(['replaced', 31]);
    expect(await postings()).toBe(31);
  });

  it('reads a file again when the content it had is no longer held by an active load', async () => {
    const a = writeUtf8(ctx.dir, 'board_2024.csv', [POSTING_HEADER, ...postingLines(30)]);
    await ingest(a);
    // A corrected file of the same period replaces it; the first file, unchanged on disk, then
    // holds content no active load has: it is hashed and loads again (replacing the correction).
    const fix = writeUtf8(ctx.dir, 'board_2024_fix.csv', [POSTING_HEADER, ...postingLines(25)]);
    expect((await ingest(fix)).loads[0]!.status).toBe('replaced');
    const again = (await ingest(a)).loads[0]!;
    expect([again.status, again.rowsLoaded]).toEqual(['replaced', 30]);
  });

  it('takes loads recorded before modification times were kept (NULL) through the hash, then records the time', async () => {
    const a = writeUtf8(ctx.dir, 'board_2024.csv', [POSTING_HEADER, ...postingLines(30)]);
    await ingest(a);
    await ctx.wh.conn.run('UPDATE meta.loads SET file_mtime = NULL');
    const upgraded = (await ingest(a)).loads[0]!;
    expect(upgraded.message).toMatch(/^same content/);
    expect((await ingest(a)).loads[0]!.message).toMatch(/^unchanged since it was loaded/);
    expect(await postings()).toBe(30);
  });
});
