import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate } from './migrations.js';
import { openWarehouse } from './open.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'wh-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('migrations', () => {
  it('applies every migration once and nothing on reopen', async () => {
    const file = join(tmp(), 't.duckdb');
    const first = await openWarehouse(file);
    const all = listMigrations().map((m) => m.name);
    expect(first.migrationsApplied).toEqual(all);
    first.close();
    const second = await openWarehouse(file);
    expect(second.migrationsApplied).toEqual([]);
    const n = (await second.conn.runAndReadAll('SELECT count(*)::INT AS n FROM meta.schema_migrations')).getRowObjects()[0]!.n;
    expect(n).toBe(all.length);
    second.close();
  });

  it('upgrades a warehouse holding postings from migration 014 without losing a value', async () => {
    const file = join(tmp(), 'old.duckdb');
    const inst = await DuckDBInstance.create(file);
    const conn = await inst.connect();
    await migrate(conn, listMigrations().filter((m) => m.version <= 14));
    // Two postings as a loader of that schema wrote them: raw text and core codes, one-to-one.
    await conn.run(`INSERT INTO raw.job_posting (load_id, line, source, source_id, title, company, company_industry_text, location_text, salary_text,
        salary_min_monthly, education_text, experience_text, headcount, skills, posted_date) VALUES
      ('L1', 2, 'boss', 'j1', '数控车工', '柳州某机械有限公司', '机械/设备/重工', '柳州-柳南区', '6-9K·13薪', NULL, '大专', '1-3年', '3', '五险一金', '2025-03-01'),
      ('L1', 3, 'boss', 'j2', '会计', '柳州某食品有限公司', NULL, '柳州', '面议', NULL, '本科', NULL, NULL, NULL, '2025年3月2日')`);
    await conn.run(`INSERT INTO core.job_posting (posting_id, load_id, line, source, source_id, title, company, region_code, salary_min_monthly,
        salary_max_monthly, salary_months, education, headcount, posted_date, duplicate_of) VALUES
      ('abc:2', 'L1', 2, 'boss', 'j1', '数控车工', '柳州某机械有限公司', '450204', 6000, 9000, 13, 'associate', 3, '2025-03-01', NULL),
      ('abc:3', 'L1', 3, 'boss', 'j2', '会计', '柳州某食品有限公司', '450200', NULL, NULL, NULL, 'bachelor', NULL, '2025-03-02', NULL)`);
    const before = {
      raw: (await conn.runAndReadAll('SELECT * FROM raw.job_posting ORDER BY line')).getRowObjectsJson(),
      core: (await conn.runAndReadAll('SELECT * FROM core.job_posting ORDER BY line')).getRowObjectsJson(),
    };
    conn.closeSync();
    inst.closeSync();

    const wh = await openWarehouse(file);
    try {
      expect(wh.migrationsApplied).toEqual(listMigrations().filter((m) => m.version > 14).map((m) => m.name));
      const raw = (await wh.conn.runAndReadAll('SELECT * FROM raw.job_posting ORDER BY line')).getRowObjectsJson();
      // 021 adds the keep list's extra map, empty for rows loaded before it.
      expect(raw).toEqual(before.raw.map((r) => ({ ...r, extra: null })));
      // raw.job_posting is a table again (a view over core from 015 to 019); core.job_posting a view of
      // the text in raw beside the codes in core.job_posting_codes.
      const kinds = await wh.conn.runAndReadAll(`SELECT (SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'raw' AND table_name = 'job_posting'),
        (SELECT count(*) FROM duckdb_views() WHERE schema_name = 'core' AND view_name = 'job_posting')`);
      expect(kinds.getRows()[0]!.map(Number)).toEqual([1, 1]);
      // Every core value of before is still there (posting_id now computed from file_key and line),
      // beside the text that moved in. Dropped by 019: company_norm and title_norm (NULL here),
      // replaced by dedup_key.
      const core = (await wh.conn.runAndReadAll('SELECT * FROM core.job_posting ORDER BY line')).getRowObjectsJson();
      const kept = Object.keys(before.core[0]!).filter((k) => k !== 'company_norm' && k !== 'title_norm');
      expect(kept.length).toBe(Object.keys(before.core[0]!).length - 2);
      expect(core.map((r) => Object.fromEntries(kept.map((k) => [k, r[k]])))).toEqual(before.core.map((r) => Object.fromEntries(kept.map((k) => [k, r[k]]))));
      expect(core.map((r) => [r.file_key, r.salary_text, r.posted_date])).toEqual([
        ['abc', '6-9K·13薪', '2025-03-01'],
        ['abc', '面议', '2025-03-02'],
      ]);
      const demand = (await wh.conn.runAndReadAll('SELECT demand_id, postings FROM core.job_demand ORDER BY demand_id')).getRowObjectsJson();
      expect(demand).toEqual([
        { demand_id: 'abc:2', postings: '1' },
        { demand_id: 'abc:3', postings: '1' },
      ]);
    } finally {
      wh.close();
    }
  });

  it('refuses a migration whose file changed after it was applied', async () => {
    const dir = tmp();
    const mdir = join(dir, 'm');
    mkdirSync(mdir);
    const src = listMigrations();
    const firstFile = `${src[0]!.name}.sql`;
    writeFileSync(join(mdir, firstFile), src[0]!.sql);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    expect(await migrate(conn, listMigrations(mdir))).toEqual([src[0]!.name]);
    writeFileSync(join(mdir, firstFile), `${src[0]!.sql}\n-- edited later\n`);
    await expect(migrate(conn, listMigrations(mdir))).rejects.toThrow(/changed after it was applied/);
    conn.closeSync();
  });

  it('rolls back a failing migration completely', async () => {
    const mdir = join(tmp(), 'm');
    mkdirSync(mdir);
    writeFileSync(join(mdir, '001_ok.sql'), 'CREATE SCHEMA s; CREATE TABLE s.a (x INT);');
    writeFileSync(join(mdir, '002_bad.sql'), 'CREATE TABLE s.b (x INT); INSERT INTO s.nope VALUES (1);');
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    await expect(migrate(conn, listMigrations(mdir))).rejects.toThrow(/002_bad failed/);
    const tables = (await conn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 's' ORDER BY 1`)).getRowObjects().map((r) => r.table_name);
    expect(tables).toEqual(['a']);
    const applied = (await conn.runAndReadAll('SELECT name FROM meta.schema_migrations')).getRowObjects().map((r) => r.name);
    expect(applied).toEqual(['001_ok']);
    conn.closeSync();
  });
});
