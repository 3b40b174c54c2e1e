/**
 * Input that goes missing is never a quiet night, through `talent ingest` as the nightly job runs
 * it on the demo files: a renamed column refuses its file (exit 6) instead of emptying a field in
 * every row, a source whose files were loaded before and are gone is missing input (exit 5), and
 * the summary line counts the failed files.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse, resolveConfig } from '@talent/models';
import { EXIT } from '../src/exit-codes.js';
import { talent } from './talent-process.js';

const config = resolveConfig({}, {});
const dir = mkdtempSync(join(tmpdir(), 'talent-missing-'));
const data = join(dir, 'data');
const sources = join(dir, 'sources');
const warehouse = join(dir, 'talent.duckdb');
mkdirSync(join(data, 'postings'), { recursive: true });
mkdirSync(sources);
for (const s of ['demo_source_a', 'demo_schools']) copyFileSync(join(config.sourcesDir, `${s}.json`), join(sources, `${s}.json`));
cpSync(join(config.dataDir, 'schools'), join(data, 'schools'), { recursive: true });
copyFileSync(join(config.dataDir, 'postings', 'source_a_2023.csv'), join(data, 'postings', 'source_a_2023.csv'));

/** The 2024 file of board A with one header cell renamed, bytes as exported (GBK) otherwise untouched. */
function renamedHeader(from: string, to: string): Buffer {
  const bytes = readFileSync(join(config.dataDir, 'postings', 'source_a_2024.csv'));
  const [a, b] = [iconv.encode(from, 'gbk'), iconv.encode(to, 'gbk')];
  const at = bytes.indexOf(a);
  expect(at).toBeGreaterThan(0);
  expect(at).toBeLessThan(bytes.indexOf(0x0a));
  return Buffer.concat([bytes.subarray(0, at), b, bytes.subarray(at + a.length)]);
}

const ingest = () =>
  talent(['ingest', '--data', data, '--sources', sources, '--warehouse', warehouse, '--published', join(dir, 'published.duckdb')], {
    TALENT_OUT: join(dir, 'out'),
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('missing columns and missing files', () => {
  it('the first night loads the school list and board A 2023', () => {
    const r = ingest();
    expect(r.text).toContain('Ingest: 2 of 2 files loaded.');
    expect(r.status).toBe(EXIT.ok);
  });

  it('发布日期 renamed 发布时间: the file is refused with what to change, the run exits 6', () => {
    writeFileSync(join(data, 'postings', 'source_a_2024.csv'), renamedHeader('发布日期', '发布时间'));
    const r = ingest();
    expect(r.text).toContain('no column for mapped field(s) posted_date (aliases 发布日期)');
    expect(r.text).toContain("发布时间 may be 发布日期: add it to the mapping's aliases of posted_date");
    expect(r.text).toContain('Ingest: 3 files, 1 failed (kept in meta.loads with the reason; see the problems above), 2 already loaded');
    expect(r.text).not.toContain('all already loaded');
    expect(r.status).toBe(EXIT.loadFailed);
  });

  it('职位标签 renamed: refused for skills', () => {
    writeFileSync(join(data, 'postings', 'source_a_2024.csv'), renamedHeader('职位标签', '技能标签'));
    const r = ingest();
    expect(r.text).toContain('skills (aliases 职位标签)');
    expect(r.text).toContain('技能标签 may be 职位标签');
    expect(r.status).toBe(EXIT.loadFailed);
  });

  it('the school list moved away: demo_schools is missing input, exit 5, with what to do', () => {
    renameSync(join(data, 'schools'), join(dir, 'schools-moved'));
    const r = ingest();
    expect(r.text).toMatch(
      /demo_schools: no file matches schools\/school_list_\*\.csv in .*, yet 1 load\(s\) in the warehouse came from there/,
    );
    expect(r.text).toContain('put the files back, or correct "files" in the mapping demo_schools.json');
    expect(r.status).toBe(EXIT.noInput);
    renameSync(join(dir, 'schools-moved'), join(data, 'schools'));
  });

  it("a broken files pattern in demo_schools' mapping: missing input, exit 5", () => {
    const file = join(sources, 'demo_schools.json');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('schools/school_list_*.csv', 'school/school_list_*.csv'));
    const r = ingest();
    expect(r.text).toContain('demo_schools: no file matches school/school_list_*.csv');
    expect(r.status).toBe(EXIT.noInput);
    writeFileSync(file, good);
  });

  it('once the alias is added, the refused file loads with every posting dated', async () => {
    writeFileSync(join(data, 'postings', 'source_a_2024.csv'), renamedHeader('发布日期', '发布时间'));
    const file = join(sources, 'demo_source_a.json');
    const mapping = JSON.parse(readFileSync(file, 'utf8')) as { columns: Record<string, string[]> };
    mapping.columns.posted_date!.push('发布时间');
    writeFileSync(file, JSON.stringify(mapping));
    const r = ingest();
    expect(r.text).toContain('Ingest: 1 of 3 files loaded.');
    expect(r.status).toBe(EXIT.ok);
    const wh = await openWarehouse(warehouse);
    try {
      const row = (
        await wh.conn.runAndReadAll(`SELECT count(*) AS n, count(posted_date) AS dated FROM core.job_posting
          WHERE load_id IN (SELECT load_id FROM meta.loads WHERE file_path LIKE '%source_a_2024.csv' AND status = 'loaded')`)
      ).getRowObjectsJson()[0]!;
      expect(Number(row.n)).toBeGreaterThan(2000);
      expect(Number(row.dated)).toBe(Number(row.n));
    } finally {
      wh.close();
    }
  });
});
