import { mkdtempSync, rmSync, writeFileSync, copyFileSync, readdirSync, mkdirSync } from 'node:fs';
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
