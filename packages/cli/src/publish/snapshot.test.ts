import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { previousSnapshotPath, publishSnapshot } from './snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'publish-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function count(path: string): Promise<number> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const conn = await instance.connect();
    const [row] = (await conn.runAndReadAll('SELECT count(*) AS n FROM meta.loads')).getRowObjectsJS();
    conn.closeSync();
    return Number(row!.n);
  } finally {
    instance.closeSync();
  }
}

describe('publishSnapshot', () => {
  it('copies every committed row (WAL included), swaps atomically and keeps the previous snapshot', async () => {
    const warehouse = join(dir, 'talent.duckdb');
    const published = join(dir, 'published', 'talent.duckdb');
    const instance = await DuckDBInstance.create(warehouse);
    const conn = await instance.connect();
    try {
      await conn.run(`CREATE SCHEMA meta; CREATE TABLE meta.loads (load_id VARCHAR, rows_loaded BIGINT)`);
      // Left in the write-ahead log, not yet in the file: the publication must checkpoint them in.
      await conn.run(`INSERT INTO meta.loads SELECT 'L' || i, i FROM range(1000) r(i)`);
      const first = await publishSnapshot(conn, warehouse, published);
      expect(first.previous).toBeNull();
      expect(await count(published)).toBe(1000);
      expect(statSync(published).mode & 0o777).toBe(0o444);

      const reader = await DuckDBInstance.create(published, { access_mode: 'READ_ONLY' });
      const readerConn = await reader.connect();
      try {
        await conn.run(`INSERT INTO meta.loads SELECT 'M' || i, i FROM range(500) r(i)`);
        const second = await publishSnapshot(conn, warehouse, published);
        expect(second.previous).toBe(previousSnapshotPath(published));
        expect(second.previous).toBe(join(dir, 'published', 'talent.prev.duckdb'));
        // The open handle still reads the file it opened; a new one reads the new file.
        const [held] = (await readerConn.runAndReadAll('SELECT count(*) AS n FROM meta.loads')).getRowObjectsJS();
        expect(Number(held!.n)).toBe(1000);
        expect(await count(published)).toBe(1500);
        expect(await count(second.previous!)).toBe(1000);
      } finally {
        readerConn.closeSync();
        reader.closeSync();
      }
      expect(readdirSync(join(dir, 'published')).sort()).toEqual(['talent.duckdb', 'talent.prev.duckdb']);
      expect(existsSync(`${published}.wal`)).toBe(false);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });
});
