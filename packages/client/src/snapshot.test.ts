import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSnapshot, writeArrowFile } from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'client-'));
const path = join(dir, 'talent.duckdb');
const ROWS = 5000; // more than two DuckDB chunks (2,048 rows each)

beforeAll(async () => {
  // A shortage-ranking shaped table: every type the marts use, and NULLs where the marts have them.
  const instance = await DuckDBInstance.create(path);
  const conn = await instance.connect();
  await conn.run(`CREATE SCHEMA marts`);
  await conn.run(`CREATE TABLE marts.shortage AS
    SELECT i::INTEGER AS rank,
           '4501' || lpad((i % 14)::VARCHAR, 2, '0') AS region_code,
           CASE WHEN i % 3 = 0 THEN '紧缺' WHEN i % 3 = 1 THEN '基本平衡' ELSE NULL END AS shortage_level,
           (2020 + i % 9)::INTEGER AS year,
           (i * 1000003)::BIGINT AS postings,
           CASE WHEN i % 7 = 0 THEN NULL ELSE i / 8.0 END::DOUBLE AS gap,
           i % 2 = 0 AS is_forecast,
           DATE '2024-01-01' + (i % 366)::INTEGER AS posted_date,
           TIMESTAMPTZ '2026-12-01 02:00:00+08' + to_seconds(i) AS finished_at,
           MAP {'source': 'demo_' || (i % 3)} AS extra
    FROM range(1, ${ROWS + 1}) r(i)`);
  conn.closeSync();
  instance.closeSync();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openSnapshot', () => {
  it('returns a query as an Arrow table with the columns typed and NULLs kept', async () => {
    const snap = await openSnapshot(path);
    try {
      const t = await snap.query('SELECT * FROM marts.shortage ORDER BY rank');
      expect(t.numRows).toBe(ROWS);
      expect(t.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
        'rank:Int32',
        'region_code:Utf8',
        'shortage_level:Utf8',
        'year:Int32',
        'postings:Int64',
        'gap:Float64',
        'is_forecast:Bool',
        'posted_date:Date32<DAY>',
        'finished_at:Timestamp<MILLISECOND, UTC>',
        'extra:Utf8',
      ]);
      const row = t.get(6)!.toJSON();
      expect(row.rank).toBe(7);
      expect(row.region_code).toBe('450107');
      expect(row.shortage_level).toBe('基本平衡');
      expect(row.postings).toBe(7n * 1000003n);
      expect(row.gap).toBeNull();
      expect(row.is_forecast).toBe(false);
      expect(new Date(row.posted_date as number).toISOString().slice(0, 10)).toBe('2024-01-08');
      expect(new Date(row.finished_at as number).toISOString()).toBe('2026-11-30T18:00:07.000Z');
      expect(JSON.parse(row.extra as string)).toEqual([{ key: 'source', value: 'demo_1' }]);
      expect(t.get(1)!.toJSON().shortage_level).toBeNull();
      // Sums over all chunks agree with DuckDB's own.
      const [sums] = (
        await snap.conn.runAndReadAll(
          'SELECT sum(gap) AS gap, count(shortage_level) AS levels, count(*) FILTER (WHERE is_forecast) AS forecasts, sum(postings) AS postings FROM marts.shortage',
        )
      ).getRowObjectsJS();
      let gap = 0;
      for (const v of t.getChild('gap')!) gap += (v as number | null) ?? 0;
      expect(gap).toBeCloseTo(Number(sums!.gap), 6);
      expect([...t.getChild('shortage_level')!].filter((v) => v !== null).length).toBe(Number(sums!.levels));
      expect([...t.getChild('is_forecast')!].filter((v) => v === true).length).toBe(Number(sums!.forecasts));
      expect([...t.getChild('postings')!].reduce((x: bigint, v) => x + (v as bigint), 0n)).toBe(BigInt(sums!.postings as bigint));
    } finally {
      snap.close();
    }
  });

  it('returns an aggregate (HUGEINT sums) as numbers, and an empty result with its schema', async () => {
    const snap = await openSnapshot(path);
    try {
      const t = await snap.query('SELECT year, sum(postings) AS postings FROM marts.shortage GROUP BY year ORDER BY year');
      expect(t.numRows).toBe(9);
      expect(String(t.schema.fields[1]!.type)).toBe('Float64');
      const empty = await snap.query(`SELECT rank, region_code FROM marts.shortage WHERE year = 1999`);
      expect([empty.numRows, empty.schema.fields.map((f) => f.name)]).toEqual([0, ['rank', 'region_code']]);
    } finally {
      snap.close();
    }
  });

  it('returns a danfojs DataFrame with the same values', async () => {
    const snap = await openSnapshot(path);
    try {
      const df = await snap.queryFrame('SELECT rank, region_code, gap, postings, posted_date FROM marts.shortage ORDER BY rank LIMIT 100');
      expect(df.shape).toEqual([100, 5]);
      expect(df.columns).toEqual(['rank', 'region_code', 'gap', 'postings', 'posted_date']);
      const ranks = df.column('rank').values as number[];
      expect(ranks.slice(0, 3)).toEqual([1, 2, 3]);
      expect((df.column('postings').values as number[])[1]).toBe(2 * 1000003);
      expect((df.column('gap').values as (number | null)[])[6]).toBeNull();
      expect((df.column('region_code').values as string[])[13]).toBe('450100');
      // Codes stay text, dates are ISO text, doubles keep every bit in the values.
      expect(df.dtypes).toEqual(['int32', 'string', 'float32', 'float32', 'string']);
      expect((df.column('posted_date').values as string[]).slice(0, 2)).toEqual(['2024-01-02', '2024-01-03']);
      expect((df.column('gap').values as number[])[0]).toBe(1 / 8);
      const times = await snap.queryFrame(`SELECT finished_at, '01' AS group_code FROM marts.shortage ORDER BY rank LIMIT 2`);
      expect(times.dtypes).toEqual(['string', 'string']);
      expect(times.column('finished_at').values).toEqual(['2026-11-30T18:00:01.000Z', '2026-11-30T18:00:02.000Z']);
      expect(times.column('group_code').values).toEqual(['01', '01']);
    } finally {
      snap.close();
    }
  });

  it('refuses writes and a missing file', async () => {
    const snap = await openSnapshot(path);
    try {
      await expect(snap.conn.run('DELETE FROM marts.shortage')).rejects.toThrow(/read-only/);
    } finally {
      snap.close();
    }
    await expect(openSnapshot(join(dir, 'absent.duckdb'))).rejects.toThrow(/No published snapshot at .*absent\.duckdb/);
  });
});

describe('writeArrowFile', () => {
  it('writes an Arrow IPC file that reads back row for row', async () => {
    const snap = await openSnapshot(path);
    try {
      const file = join(dir, 'shortage.arrow');
      const written = await writeArrowFile(snap.conn, 'SELECT * FROM marts.shortage ORDER BY rank', file);
      expect(written.rows).toBe(ROWS);
      const back = tableFromIPC(readFileSync(file));
      const direct = await snap.query('SELECT * FROM marts.shortage ORDER BY rank');
      expect(back.numRows).toBe(ROWS);
      expect(back.schema.fields.map((f) => String(f.type))).toEqual(direct.schema.fields.map((f) => String(f.type)));
      for (const name of ['rank', 'region_code', 'shortage_level', 'postings', 'gap', 'posted_date']) {
        expect([...back.getChild(name)!], name).toEqual([...direct.getChild(name)!]);
      }
    } finally {
      snap.close();
    }
  });
});
