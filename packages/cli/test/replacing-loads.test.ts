/**
 * Loads that replace a period's earlier loads, through `talent ingest` as an operator runs it on the
 * demo's files: a file holding far fewer rows than the loads it would replace (a wrong-period name,
 * a header-only export, a file cut short) is refused and the earlier rows stay; `--reload` loads a
 * file whose bytes were loaded before (after a mapping fix), replacing that load; a mistyped path
 * is missing input, never a source id.
 */
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse, resolveConfig } from '@talent/models';
import { EXIT } from '../src/exit-codes.js';
import { talent } from './talent-process.js';

const config = resolveConfig({}, {});
const demo = config.dataDir;
const dir = mkdtempSync(join(tmpdir(), 'talent-replacing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A data folder holding copies of these demo files (paths under the demo folder). */
function dataFolder(name: string, files: string[]): string {
  const data = join(dir, name);
  for (const f of files) {
    mkdirSync(join(data, f, '..'), { recursive: true });
    copyFileSync(join(demo, f), join(data, f));
  }
  return data;
}

function ingest(warehouse: string, ...args: string[]): { status: number | null; out: string } {
  const r = talent(['ingest', '--warehouse', warehouse, ...args], {}, 170_000);
  return { status: r.status, out: r.text };
}

async function query(warehouse: string, sql: string): Promise<Record<string, unknown>[]> {
  const wh = await openWarehouse(warehouse, { readOnly: true });
  try {
    return (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    wh.close();
  }
}

/** The demo's 2025Q3 shortage table as published: its rows and those with a previous rank (上期排名). */
function publishedTable(): { rows: number; ranked: number } {
  const [header, ...rows] = readFileSync(join(demo, 'shortage', 'shortage_2025Q3.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  const previous = header!.split(',').indexOf('上期排名');
  return { rows: rows.length, ranked: rows.filter((r) => r.split(',')[previous]!.trim() !== '').length };
}
const table = publishedTable();

/** Accepted rows of the current loads of a source and period, and the rows core holds for them. */
async function current(warehouse: string, source: string, period: string, core: string): Promise<[number, number]> {
  const [row] = await query(
    warehouse,
    `SELECT coalesce(sum(rows_loaded), 0) AS meta,
       (SELECT count(*) FROM ${core} WHERE load_id IN (SELECT load_id FROM meta.loads WHERE source = '${source}' AND period = '${period}'
         AND status IN ('loaded', 'replaced') AND superseded_by IS NULL)) AS core
     FROM meta.loads WHERE source = '${source}' AND period = '${period}' AND status IN ('loaded', 'replaced') AND superseded_by IS NULL`,
  );
  return [Number(row!.meta), Number(row!.core)];
}

describe('a load that would replace a period with far fewer rows', () => {
  it('a header-only quarter is refused (exit 6) and the quarter keeps its rows; --reload replaces them', { timeout: 600_000 }, async () => {
    const data = dataFolder('header-only', ['shortage/shortage_2025Q3.csv']);
    const wh = join(dir, 'header-only.duckdb');
    expect(ingest(wh, '--data', data, '--source', 'demo_shortage').status).toBe(EXIT.ok);
    expect(await current(wh, 'demo_shortage', '2025Q3', 'core.shortage_entry')).toEqual([table.rows, table.rows]);
    const file = join(data, 'shortage', 'shortage_2025Q3.csv');
    writeFileSync(file, readFileSync(file, 'utf8').split('\n')[0] + '\n');

    const refused = ingest(wh, '--data', data, '--source', 'demo_shortage');
    expect(refused.status, refused.out).toBe(EXIT.loadFailed);
    expect(refused.out).toContain(`${file}: refused: the file holds 0 accepted row(s) of demo_shortage for period 2025Q3`);
    expect(refused.out).toContain(`of the ${table.rows} row(s) of the earlier load(s) it would replace`);
    expect(refused.out).toContain(`talent ingest ${file} --reload`);
    expect(await current(wh, 'demo_shortage', '2025Q3', 'core.shortage_entry')).toEqual([table.rows, table.rows]);
    const [run] = await query(wh, `SELECT status FROM meta.runs ORDER BY started_at DESC LIMIT 1`);
    expect(run!.status).toBe('partial');
    const [load] = await query(wh, `SELECT status, period FROM meta.loads WHERE file_path = '${file}' ORDER BY started_at DESC LIMIT 1`);
    expect(load).toEqual({ status: 'failed', period: '2025Q3' });
    // The next night the file is still there: it is refused again, not skipped as unchanged.
    expect(ingest(wh, '--data', data, '--source', 'demo_shortage').status).toBe(EXIT.loadFailed);

    // The operator confirms that the quarter is empty.
    const confirmed = ingest(wh, file, '--reload');
    expect(confirmed.status, confirmed.out).toBe(EXIT.ok);
    expect(await current(wh, 'demo_shortage', '2025Q3', 'core.shortage_entry')).toEqual([0, 0]);
  });

  it('a file whose name carries a period it does not hold, or one cut short, is refused', { timeout: 600_000 }, async () => {
    const data = dataFolder('postings', ['postings/source_a_2024.csv', 'postings/source_a_2025.csv']);
    const wh = join(dir, 'postings.duckdb');
    expect(ingest(wh, '--data', data, '--source', 'demo_source_a').status).toBe(EXIT.ok);
    const [before2024, before2025] = [
      await current(wh, 'demo_source_a', '2024', 'core.job_posting_codes'),
      await current(wh, 'demo_source_a', '2025', 'core.job_posting_codes'),
    ];
    expect(before2025[0]).toBeGreaterThan(2000);
    // Twenty postings of December, named with the day: the period pattern reads the year 2025.
    const lines = readFileSync(join(demo, 'postings', 'source_a_2025.csv'));
    const crlf = Buffer.from('\r\n');
    let end = 0;
    for (let i = 0; i < 21; i++) end = lines.indexOf(crlf, end) + 2;
    const december = join(data, 'postings', 'source_a_20251206.csv');
    writeFileSync(december, lines.subarray(0, end));
    // The first 170 KB of 2024: a transfer cut short.
    const cut = Buffer.alloc(170 * 1024);
    const fd = openSync(join(demo, 'postings', 'source_a_2024.csv'), 'r');
    readSync(fd, cut, 0, cut.length, 0);
    closeSync(fd);
    const truncated = join(dir, 'truncated', 'postings', 'source_a_2024.csv');
    mkdirSync(join(truncated, '..'), { recursive: true });
    writeFileSync(truncated, cut);

    const r = ingest(wh, '--data', data, '--source', 'demo_source_a');
    expect(r.status, r.out).toBe(EXIT.loadFailed);
    expect(r.out).toMatch(new RegExp(`${december}: refused: the file holds (19|20) accepted row\\(s\\) of demo_source_a for period 2025`));
    expect(r.out).toContain(`of the ${before2025[0]} row(s) of the earlier load(s) it would replace`);
    const t = ingest(wh, truncated);
    expect(t.status, t.out).toBe(EXIT.loadFailed);
    expect(t.out).toMatch(new RegExp(`refused: the file holds \\d+ accepted row\\(s\\) of demo_source_a for period 2024`));
    expect(t.out).toContain(`of the ${before2024[0]} row(s)`);
    expect(await current(wh, 'demo_source_a', '2024', 'core.job_posting_codes')).toEqual(before2024);
    expect(await current(wh, 'demo_source_a', '2025', 'core.job_posting_codes')).toEqual(before2025);
  });
});

describe('talent ingest <file> --reload', () => {
  it('loads a file again after its mapping is fixed, replacing its earlier load', { timeout: 600_000 }, async () => {
    const data = dataFolder('reload', ['shortage/shortage_2025Q3.csv']);
    const file = join(data, 'shortage', 'shortage_2025Q3.csv');
    // The mapping as first written forgot the column 上期排名: the quarter loads without previous ranks.
    const mappingPath = join(config.sourcesDir, 'demo_shortage.json');
    const fixed = JSON.parse(readFileSync(mappingPath, 'utf8')) as { columns: Record<string, string[]> };
    const { previous_rank: _, ...withoutRank } = fixed.columns;
    const sources = join(dir, 'reload-sources');
    mkdirSync(sources);
    writeFileSync(join(sources, 'demo_shortage.json'), JSON.stringify({ ...fixed, columns: withoutRank }, null, 2));
    const wh = join(dir, 'reload.duckdb');
    const first = ingest(wh, '--data', data, '--sources', sources);
    expect(first.status, first.out).toBe(EXIT.ok);
    const ranked = async () => Number((await query(wh, `SELECT count(previous_rank) AS n FROM core.shortage_entry`))[0]!.n);
    expect(await ranked()).toBe(0);
    const [earlier] = await query(wh, `SELECT load_id FROM meta.loads WHERE status = 'loaded'`);

    writeFileSync(join(sources, 'demo_shortage.json'), JSON.stringify(fixed, null, 2));
    // Without --reload the same bytes are not read again.
    expect(ingest(wh, file, '--sources', sources).status).toBe(EXIT.ok);
    expect(await ranked()).toBe(0);

    const r = ingest(wh, file, '--sources', sources, '--reload');
    expect(r.status, r.out).toBe(EXIT.ok);
    expect(await ranked()).toBe(table.ranked);
    expect(await current(wh, 'demo_shortage', '2025Q3', 'core.shortage_entry')).toEqual([table.rows, table.rows]);
    const loads = await query(
      wh,
      `SELECT load_id, status, superseded_by, replaces_load_id FROM meta.loads WHERE status IN ('loaded', 'replaced') ORDER BY started_at`,
    );
    expect(loads).toHaveLength(2);
    expect(loads[0]).toMatchObject({ load_id: earlier!.load_id, superseded_by: loads[1]!.load_id });
    expect(loads[1]).toMatchObject({ status: 'replaced', superseded_by: null, replaces_load_id: earlier!.load_id });
  });

  it('--reload without a file is wrong usage (exit 2)', () => {
    const r = ingest(join(dir, 'usage.duckdb'), '--source', 'demo_shortage', '--reload');
    expect(r.status, r.out).toBe(EXIT.usage);
    expect(r.out).toContain('--reload loads again only the files named');
  });
});

describe('a path that does not exist', () => {
  it('is missing input (exit 5), not a source id, and nothing is loaded', { timeout: 300_000 }, async () => {
    const wh = join(dir, 'missing.duckdb');
    expect(ingest(wh, '--source', 'demo_shortage').status).toBe(EXIT.ok);
    const loads = async () => Number((await query(wh, `SELECT count(*) AS n FROM meta.loads`))[0]!.n);
    const before = await loads();
    const missing = join(dir, 'x', 'shortage_2025Q3.csv');
    const r = ingest(wh, missing, '--source', 'demo_shortage');
    expect(r.status, r.out).toBe(EXIT.noInput);
    expect(r.out).toContain(`${missing}: no such file or folder; check the path (nothing was loaded)`);
    expect(r.out).not.toContain('unknown source');
    // A bare file name with an extension is a path too.
    const bare = ingest(wh, 'shortage_2025Q3.csv');
    expect(bare.status, bare.out).toBe(EXIT.noInput);
    expect(await loads()).toBe(before);
  });
});
