import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../warehouse/open.js';
import { clusterDuplicates, clusterSql } from './duplicates.js';

let wh: Warehouse;

beforeEach(async () => {
  // A migrated warehouse: the key is the core.duplicate_key macro the model layer defines.
  wh = await openWarehouse(':memory:');
  // company and title hold the keys the coders make (legal form, brackets, places already folded).
  await wh.conn.run(`CREATE TEMP TABLE postings (posting_id VARCHAR, source VARCHAR, company VARCHAR, title VARCHAR, region_code VARCHAR,
    pay_min DOUBLE, pay_max DOUBLE, posted_date DATE, dedup_key UBIGINT, duplicate_of VARCHAR)`);
});
afterEach(() => wh.close());

type Row = [id: string, source: string, company: string, title: string, region: string | null, date: string | null, pay?: [number, number]];

async function insert(rows: Row[]): Promise<void> {
  for (const [id, source, company, title, region, date, pay] of rows) {
    await wh.conn.run(`INSERT INTO postings VALUES ($1, $2, $3, $4, $5, $6, $7, $8::DATE, NULL, NULL)`, [
      id,
      source,
      company,
      title,
      region,
      pay?.[0] ?? 5000,
      pay?.[1] ?? 8000,
      date,
    ]);
  }
  // The key exactly as a load computes it: the macro of the model layer.
  await wh.conn.run(`UPDATE postings SET dedup_key = core.duplicate_key(company, title, region_code, pay_min, pay_max)`);
}

async function marks(): Promise<Record<string, string | null>> {
  const r = await wh.conn.runAndReadAll(`SELECT posting_id, duplicate_of FROM postings ORDER BY posting_id`);
  return Object.fromEntries(r.getRowObjects().map((o) => [String(o.posting_id), o.duplicate_of === null ? null : String(o.duplicate_of)]));
}

describe('the duplicate rule', () => {
  it('collapses cross-source copies and chained re-posts onto the earliest posting, within 60 days', async () => {
    await insert([
      ['a1', 'boss', '广西柳工机械', '数据分析师', '450202', '2024-03-01'],
      ['a2', '51job', '广西柳工机械', '数据分析师', '450202', '2024-03-05'],
      ['a3', 'boss', '广西柳工机械', '数据分析师', '450203', '2024-03-30'],
      // 60 days after a3, in another district of the same prefecture: still the same chain.
      ['a4', 'liepin', '广西柳工机械', '数据分析师', '450200', '2024-05-29'],
      // 61 days after a4: a new vacancy.
      ['a5', 'boss', '广西柳工机械', '数据分析师', '450202', '2024-07-29'],
      ['a6', 'boss', '广西柳工机械', '数据分析师', '450202', '2024-08-02'],
      // Other prefecture, other title, other company, other pay: never merged.
      ['b1', 'boss', '广西柳工机械', '数据分析师', '450100', '2024-03-02'],
      ['c1', 'boss', '广西柳工机械', '销售代表', '450202', '2024-03-02'],
      ['d1', 'boss', '柳州五菱汽车工业', '数据分析师', '450202', '2024-03-02'],
      ['f1', 'boss', '广西柳工机械', '数据分析师', '450202', '2024-03-02', [9000, 12000]],
      // Missing place or date: never marked.
      ['e1', 'boss', '广西柳工机械', '数据分析师', null, '2024-03-02'],
      ['e2', 'boss', '广西柳工机械', '数据分析师', '450202', null],
    ]);
    const result = await clusterDuplicates(wh.conn, 'temp.main.postings');
    expect(await marks()).toEqual({
      a1: null,
      a2: 'a1',
      a3: 'a1',
      a4: 'a1',
      a5: null,
      a6: 'a5',
      b1: null,
      c1: null,
      d1: null,
      e1: null,
      e2: null,
      f1: null,
    });
    expect(result).toEqual({ rows: 12, duplicates: 4, demandRecords: 8 });
  });

  it('treats pay to the nearest 100 yuan as the same pay', async () => {
    await insert([
      ['p1', 'boss', '某科技', 'java开发', '450100', '2024-01-10', [8000, 12000]],
      ['p2', '51job', '某科技', 'java开发', '450100', '2024-01-12', [8040, 11960]],
    ]);
    await clusterDuplicates(wh.conn, 'temp.main.postings');
    expect(await marks()).toEqual({ p1: null, p2: 'p1' });
  });

  it('breaks date ties by id and is idempotent', async () => {
    await insert([
      ['x2', 'boss', '某科技', 'java开发', '450100', '2024-01-10'],
      ['x1', '51job', '某科技', 'java开发', '450100', '2024-01-10'],
    ]);
    await clusterDuplicates(wh.conn, 'temp.main.postings');
    await clusterDuplicates(wh.conn, 'temp.main.postings');
    expect(await marks()).toEqual({ x1: null, x2: 'x1' });
  });

  it('narrows with a shorter window and clears stale marks', async () => {
    await insert([
      ['p1', 'boss', '某科技', 'java开发', '450100', '2024-01-01'],
      ['p2', 'boss', '某科技', 'java开发', '450100', '2024-01-20'],
    ]);
    await clusterDuplicates(wh.conn, 'temp.main.postings');
    expect((await marks()).p2).toBe('p1');
    await clusterDuplicates(wh.conn, 'temp.main.postings', { windowDays: 7 });
    expect((await marks()).p2).toBeNull();
  });

  it('quotes identifiers and rejects a bad window', () => {
    expect(clusterSql('core.job_posting', 30, { id: 'id"x' })).toContain('"id""x"');
    expect(() => clusterSql('core.job_posting', -1)).toThrow(/windowDays/);
  });
});
