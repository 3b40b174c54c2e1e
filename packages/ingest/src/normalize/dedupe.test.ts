import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coders } from '../../test/helpers/coders.js';
import { normaliseCompany } from './company.js';
import { dedupeSql, markDuplicates } from './dedupe.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeEach(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
  await conn.run(`CREATE SCHEMA core;
    CREATE TABLE core.postings (posting_id VARCHAR, source VARCHAR, company_norm VARCHAR, title_norm VARCHAR,
      region_code VARCHAR, posted_date DATE, duplicate_of VARCHAR)`);
});
afterEach(() => {
  conn.closeSync();
  instance.closeSync();
});

async function insert(rows: [string, string, string, string, string | null, string | null][]): Promise<void> {
  for (const [id, source, company, title, region, date] of rows) {
    await conn.run(`INSERT INTO core.postings VALUES ($1, $2, $3, $4, $5, $6::DATE, NULL)`, [
      id,
      source,
      normaliseCompany(company),
      coders.title(title),
      region,
      date,
    ]);
  }
}

async function marks(): Promise<Record<string, string | null>> {
  const r = await conn.runAndReadAll(`SELECT posting_id, duplicate_of FROM core.postings ORDER BY posting_id`);
  return Object.fromEntries(r.getRowObjects().map((o) => [String(o.posting_id), o.duplicate_of === null ? null : String(o.duplicate_of)]));
}

describe('markDuplicates', () => {
  it('collapses cross-source copies and chained re-posts onto the earliest posting', async () => {
    await insert([
      ['a1', 'boss', '广西柳工机械股份有限公司', '招聘数据分析师（柳州）', '450202', '2024-03-01'],
      ['a2', '51job', '广西柳工机械股份有限公司', '数据分析师-柳州', '450202', '2024-03-05'],
      ['a3', 'boss', '广西柳工机械股份有限公司', '数据分析师', '450202', '2024-03-30'],
      // 30 days after a3: still the same chain.
      ['a4', 'liepin', '广西柳工机械(集团)有限公司', '数据分析师', '450202', '2024-04-29'],
      // 31 days after a4: a new vacancy.
      ['a5', 'boss', '广西柳工机械股份有限公司', '数据分析师', '450202', '2024-05-30'],
      ['a6', 'boss', '广西柳工机械股份有限公司', '数据分析师', '450202', '2024-06-02'],
      // Other place, other title, other company: never merged.
      ['b1', 'boss', '广西柳工机械股份有限公司', '数据分析师', '450100', '2024-03-02'],
      ['c1', 'boss', '广西柳工机械股份有限公司', '销售代表', '450202', '2024-03-02'],
      ['d1', 'boss', '柳州五菱汽车工业有限公司', '数据分析师', '450202', '2024-03-02'],
      // Missing keys are never marked.
      ['e1', 'boss', '广西柳工机械股份有限公司', '数据分析师', null, '2024-03-02'],
      ['e2', 'boss', '广西柳工机械股份有限公司', '数据分析师', '450202', null],
    ]);
    const result = await markDuplicates(conn, 'core.postings', { windowDays: 30 });
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
    });
    expect(result).toEqual({ rows: 11, duplicates: 4, demandRecords: 7 });
  });

  it('clusters on one key column (as the pipeline stores dedup_key) exactly as on the three keys', async () => {
    await insert([
      ['a1', 'boss', '广西柳工机械股份有限公司', '招聘数据分析师（柳州）', '450202', '2024-03-01'],
      ['a2', '51job', '广西柳工机械股份有限公司', '数据分析师-柳州', '450202', '2024-03-05'],
      ['a3', 'liepin', '广西柳工机械(集团)有限公司', '数据分析师', '450202', '2024-05-01'],
      ['a4', 'boss', '广西柳工机械股份有限公司', '数据分析师', '450202', '2024-05-20'],
      ['b1', 'boss', '广西柳工机械股份有限公司', '数据分析师', '450100', '2024-03-02'],
      ['c1', 'boss', '广西柳工机械股份有限公司', '销售代表', '450202', '2024-03-02'],
      ['e1', 'boss', '广西柳工机械股份有限公司', '数据分析师', null, '2024-03-02'],
    ]);
    await markDuplicates(conn, 'core.postings', { windowDays: 30 });
    const byThree = await marks();
    expect(Object.values(byThree).filter((v) => v !== null)).toHaveLength(2);
    await conn.run(`ALTER TABLE core.postings ADD COLUMN k UBIGINT;
      UPDATE core.postings SET k = CASE WHEN region_code IS NOT NULL THEN hash(company_norm, title_norm, region_code) END, duplicate_of = NULL`);
    const result = await markDuplicates(conn, 'core.postings', { windowDays: 30, key: 'k' });
    expect(await marks()).toEqual(byThree);
    expect(result).toEqual({ rows: 7, duplicates: 2, demandRecords: 5 });
  });

  it('breaks date ties by id and is idempotent', async () => {
    await insert([
      ['x2', 'boss', '某科技有限公司', 'Java开发', '450100', '2024-01-10'],
      ['x1', '51job', '某科技有限公司', 'Java开发', '450100', '2024-01-10'],
    ]);
    await markDuplicates(conn, 'core.postings');
    await markDuplicates(conn, 'core.postings');
    expect(await marks()).toEqual({ x1: null, x2: 'x1' });
  });

  it('narrows with a shorter window and clears stale marks', async () => {
    await insert([
      ['p1', 'boss', '某科技有限公司', 'Java开发', '450100', '2024-01-01'],
      ['p2', 'boss', '某科技有限公司', 'Java开发', '450100', '2024-01-20'],
    ]);
    await markDuplicates(conn, 'core.postings', { windowDays: 30 });
    expect((await marks()).p2).toBe('p1');
    await markDuplicates(conn, 'core.postings', { windowDays: 7 });
    expect((await marks()).p2).toBeNull();
  });

  it('quotes identifiers and rejects a bad window', () => {
    expect(dedupeSql('core.job_posting', 30, { id: 'id"x' })).toContain('"id""x"');
    expect(() => dedupeSql('core.job_posting', -1)).toThrow(/windowDays/);
  });
});

describe('normaliseCompany', () => {
  it('drops legal form and bracketed place', () => {
    expect(normaliseCompany('爱彼智能信息技术（深圳）有限公司')).toBe('爱彼智能信息技术');
    expect(normaliseCompany('广西柳工机械股份有限公司')).toBe(normaliseCompany('广西柳工机械(集团)有限公司'));
  });
});
