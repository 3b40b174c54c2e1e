import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '@talent/models';
import { projectionFingerprint } from './fingerprint.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse(':memory:');
});
afterAll(() => wh.close());

/** A meta.loads row as loadFile records it. */
async function load(id: string, status: string, sha: string, rowsLoaded = status === 'loaded' ? 10 : 0) {
  await wh.conn.run(
    `INSERT INTO meta.loads (load_id, source, kind, file_path, file_sha256, rows_read, rows_loaded, rows_rejected, status, started_at, finished_at)
     VALUES ($1, 'demo_source_c', 'job_posting', 'postings/source_c_2025.jsonl', $2, 10, $3, $4, $5, now(), now())`,
    [id, sha, rowsLoaded, 10 - rowsLoaded, status],
  );
}

describe('projectionFingerprint', () => {
  it('changes with a load that wrote rows, not with a night that skipped or failed its files', async () => {
    await load('ld1', 'loaded', 'aaa');
    const first = await projectionFingerprint(wh.conn, 'forecast-1');
    // A night with nothing new records each file as skipped; a file that failed wrote nothing.
    await load('ld2', 'skipped_duplicate', 'aaa');
    await load('ld3', 'failed', 'bbb');
    expect(await projectionFingerprint(wh.conn, 'forecast-1')).toBe(first);
    // A file whose every row was rejected loads, and adds no row the projection reads.
    await load('ld3b', 'loaded', 'ddd', 0);
    expect(await projectionFingerprint(wh.conn, 'forecast-1')).toBe(first);
    await load('ld4', 'loaded', 'ccc');
    const second = await projectionFingerprint(wh.conn, 'forecast-1');
    expect(second).not.toBe(first);
    // A replaced period: the old load is superseded, so its rows no longer count.
    await wh.conn.run(`UPDATE meta.loads SET superseded_by = 'ld4' WHERE load_id = 'ld1'`);
    expect(await projectionFingerprint(wh.conn, 'forecast-1')).not.toBe(second);
    expect(await projectionFingerprint(wh.conn, 'forecast-2')).not.toBe(await projectionFingerprint(wh.conn, 'forecast-1'));
  });
});
