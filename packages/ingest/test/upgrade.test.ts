import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMigrations, migrate, openWarehouse, type Warehouse } from '@talent/models';
import { loadFile } from '../src/load/load-file.js';
import { normalizers } from './helpers/coders.js';
import { POSTING_HEADER, POSTING_MAPPING } from './helpers/fixtures.js';

/** A warehouse at migration 019 as the loader of that schema wrote it (see the folder's README). */
const FIXTURE = fileURLToPath(new URL('./fixtures/warehouse-019/', import.meta.url));
/** Relations of the fixture that were views at 019 (their rows are the expected reading, not stored data). */
const VIEWS_AT_019 = new Set(['raw.job_posting', 'core.job_demand']);
/** Columns the upgrade drops on purpose, by relation: the text as read moved to raw.job_posting. */
const DROPPED: Record<string, string[]> = { 'core.job_posting': ['typed_as_read'] };

const relations = readdirSync(FIXTURE)
  .filter((f) => f.endsWith('.parquet'))
  .map((f) => f.replace(/\.parquet$/, ''))
  .sort();
const parquet = (rel: string) => `read_parquet('${join(FIXTURE, `${rel}.parquet`)}')`;

let dir: string;
let wh: Warehouse;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-upgrade-'));
  const file = join(dir, 'wh.duckdb');
  const inst = await DuckDBInstance.create(file);
  const conn = await inst.connect();
  await migrate(
    conn,
    listMigrations().filter((m) => m.version <= 19),
  );
  for (const rel of relations.filter((r) => !VIEWS_AT_019.has(r)))
    await conn.run(`INSERT INTO ${rel} BY NAME SELECT * ${rel === 'core.job_posting' ? 'EXCLUDE (posting_id)' : ''} FROM ${parquet(rel)}`);
  conn.closeSync();
  inst.closeSync();
  wh = await openWarehouse(file);
}, 120_000);
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

const q = async (sql: string) => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson();

describe('a warehouse built at migration 019, opened by the current code', () => {
  it('applies the later migrations and builds the models', () => {
    expect(wh.migrationsApplied).toEqual(
      listMigrations()
        .filter((m) => m.version > 19)
        .map((m) => m.name),
    );
    expect(wh.modelsChanged).toEqual(expect.arrayContaining(['core.job_posting', 'core.job_demand', 'core.duplicate_key']));
  });

  it.each(relations)('reads %s back with every row and value as before', async (rel) => {
    const columns = (await q(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${parquet(rel)})`)).map((r) => String(r.column_name));
    const kept = columns.filter((c) => !(DROPPED[rel] ?? []).includes(c));
    const now = new Set((await q(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${rel})`)).map((r) => String(r.column_name)));
    expect(
      kept.filter((c) => !now.has(c)),
      `${rel} lost columns`,
    ).toEqual([]);
    const list = kept.map((c) => `"${c}"::VARCHAR AS "${c}"`).join(', ');
    const [counts] = await q(`SELECT (SELECT count(*) FROM ${rel}) AS now, (SELECT count(*) FROM ${parquet(rel)}) AS before,
      (SELECT count(*) FROM (SELECT ${list} FROM ${rel} EXCEPT ALL SELECT ${list} FROM ${parquet(rel)})) AS added,
      (SELECT count(*) FROM (SELECT ${list} FROM ${parquet(rel)} EXCEPT ALL SELECT ${list} FROM ${rel})) AS lost`);
    // The fixture's demo cut has no school list: those two tables were and stay empty.
    expect(Number(counts!.before) > 0).toBe(!rel.endsWith('.school'));
    expect(counts).toEqual({ now: counts!.before, before: counts!.before, added: '0', lost: '0' });
  });

  it('keeps every value of the dropped MAP in the raw text, field by field', async () => {
    const [r] = await q(`SELECT count(*) AS n FROM ${parquet('core.job_posting')} p JOIN raw.job_posting r USING (load_id, line)
      WHERE p.typed_as_read IS NOT NULL AND EXISTS (
        SELECT 1 FROM (SELECT unnest(map_keys(p.typed_as_read)) AS k, unnest(map_values(p.typed_as_read)) AS v) e
        WHERE e.v IS DISTINCT FROM CASE e.k WHEN 'posted_date' THEN r.posted_date WHEN 'headcount' THEN r.headcount
          WHEN 'education' THEN r.education WHEN 'salary_min_monthly' THEN r.salary_min_monthly
          WHEN 'salary_max_monthly' THEN r.salary_max_monthly WHEN 'salary_months' THEN r.salary_months
          WHEN 'experience_min_years' THEN r.experience_min_years WHEN 'experience_max_years' THEN r.experience_max_years END)`);
    expect(Number(r!.n)).toBe(0);
  });

  it('marks a re-post in a new file as a copy of a posting stored before the upgrade', async () => {
    // A stored original whose key the old loader computed, re-posted ten days later.
    const [orig] = await q(`SELECT p.posting_id, r.title, r.company, r.location_text, r.salary_text, p.posted_date::VARCHAR AS d
      FROM core.job_posting p JOIN raw.job_posting r USING (load_id, line)
      WHERE p.dedup_key IS NOT NULL AND p.duplicate_of IS NULL AND r.title NOT LIKE '%,%' AND r.company NOT LIKE '%,%'
        AND r.location_text NOT LIKE '%,%' AND r.salary_text NOT LIKE '%,%' AND p.salary_min_monthly IS NOT NULL
      ORDER BY p.posting_id LIMIT 1`);
    expect(orig).toBeDefined();
    const later = new Date(Date.parse(String(orig!.d)) + 10 * 86_400_000).toISOString().slice(0, 10);
    const file = join(dir, 'repost.csv');
    writeFileSync(
      file,
      `${POSTING_HEADER}\n${[orig!.title, orig!.company, orig!.location_text, orig!.salary_text, '', '', later].join(',')}\n`,
    );
    const r = await loadFile(wh.conn, POSTING_MAPPING, file, { normalizers, today: '2026-06-30' });
    expect(r.status).toBe('loaded');
    expect(r.duplicatesCollapsed).toBe(1);
    const [mark] = await q(`SELECT duplicate_of FROM core.job_posting WHERE load_id = '${r.loadId}'`);
    expect(mark!.duplicate_of).toBe(orig!.posting_id);
  });
});
