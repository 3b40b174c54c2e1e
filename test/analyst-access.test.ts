import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { exportLake, lakeLayout, previousSnapshotPath, runPipeline, type ExportSummary, type Stage } from '@talent/cli';
import { openSnapshot, type Snapshot } from '@talent/client';
import { resolveConfig } from '@talent/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Analyst access on the demo province: the snapshot a run publishes, read while the next run
 * completes in another process; the Parquet lake read back with hive partitioning; the SQL of
 * docs/analysts.md; `talent sql`.
 */
const dir = mkdtempSync(join(tmpdir(), 'analyst-access-'));
const config = resolveConfig({ warehouse: join(dir, 'warehouse', 'talent.duckdb'), out: join(dir, 'out') }, {});
const published = config.publishedPath!;
const repoRoot = config.repoRoot;
const here = dirname(fileURLToPath(import.meta.url));
const tsx = join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const bin = join(repoRoot, 'packages', 'cli', 'src', 'bin.ts');
let lake: ExportSummary;

beforeAll(async () => {
  await runPipeline(config, { log: () => {} });
  lake = await exportLake(config);
}, 900_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a query on a DuckDB file opened read-only. */
async function readOnly<T>(path: string, sql: string): Promise<T[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const conn = await instance.connect();
    try {
      return (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

/** A query's rows as plain objects. */
async function rowsOf(snap: Snapshot, sql: string): Promise<Record<string, unknown>[]> {
  return ((await snap.query(sql)).toArray() as { toJSON(): Record<string, unknown> }[]).map((r) => r.toJSON());
}

interface ReaderLine {
  at: number;
  generation: number;
  runs: string;
  unfinished: string;
  last_run: string;
  gap_rows: string;
}

describe('the lake `talent export` writes', () => {
  it('holds every row of every core and marts table, read back with hive partitioning', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(`ATTACH '${published}' AS snap (READ_ONLY)`);
      await conn.run('USE snap');
      const layout = await lakeLayout(conn, lake.lake);
      expect(layout.map((t) => t.name)).toEqual(lake.tables.map((t) => t.table));
      expect(layout.map((t) => t.name)).toEqual(
        expect.arrayContaining(['marts.fct_talent_gap', 'marts.fct_industry_trend', 'core.job_posting_codes']),
      );
      for (const t of layout) {
        const [schema, table] = t.name.split('.') as [string, string];
        const cols = (
          await conn.runAndReadAll(
            `SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'snap' AND schema_name = '${schema}' AND table_name = '${table}' ORDER BY column_index`,
          )
        ).getRowObjectsJson() as { column_name: string; data_type: string }[];
        const list = cols.map((c) => `"${c.column_name}"`).join(', ');
        const [expected] = (
          await conn.runAndReadAll(`SELECT count(*) AS n, sum(hash(${list}))::VARCHAR AS checksum FROM ${t.name}`)
        ).getRowObjectsJson();
        const files = existsSync(t.parquetDir)
          ? readdirSync(t.parquetDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.parquet'))
          : [];
        if (Number(expected!.n) === 0 && t.partitionBy.length) {
          expect(files, t.name).toEqual([]);
          continue;
        }
        // Partition values come back as text in the folder names: give them their column's type.
        const types = t.partitionBy.map((k) => `'${k}': ${cols.find((c) => c.column_name === k)?.data_type ?? 'INTEGER'}`).join(', ');
        // The Parquet writer widens some types (HUGEINT sums become DOUBLE): compare as the snapshot types them.
        const castList = cols.map((c) => `CAST("${c.column_name}" AS ${c.data_type})`).join(', ');
        const source = `read_parquet('${t.parquetDir}/**/*.parquet', hive_partitioning = true${types ? `, hive_types = {${types}}` : ''})`;
        const [actual] = (
          await conn.runAndReadAll(`SELECT count(*) AS n, sum(hash(${castList}))::VARCHAR AS checksum FROM ${source}`)
        ).getRowObjectsJson();
        expect(actual, t.name).toEqual(expected);
        const summary = lake.tables.find((x) => x.table === t.name)!;
        expect(summary.rows, t.name).toBe(Number(expected!.n));
        expect(summary.parquetFiles, t.name).toBe(files.length);
        if (t.partitionBy[0] === 'year' && !cols.some((c) => c.column_name === 'year')) {
          // A year derived from the table's date column: each row sits under its own date's year.
          const [misfiled] = (
            await conn.runAndReadAll(
              `SELECT count(*) AS n FROM ${source} WHERE year IS DISTINCT FROM year(${t.select.match(/year\("([^"]+)"\)/)![1]})`,
            )
          ).getRowObjectsJson();
          expect(misfiled!.n, t.name).toBe('0');
        }
      }
      const gap = lake.tables.find((t) => t.table === 'marts.fct_talent_gap')!;
      expect(gap.partitionBy).toEqual(['year', 'region_code']);
      expect(gap.rows).toBeGreaterThan(100_000);
      expect(existsSync(join(lake.lake, gap.arrowFile))).toBe(true);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }, 300_000);
});

describe('the published snapshot', () => {
  it('is read while `talent run` completes in another process: old state until reopened, then the new one, never a partial one', async () => {
    const reader: ChildProcessWithoutNullStreams = spawn(process.execPath, [tsx, join(here, 'helpers', 'snapshot-reader.ts'), published], {
      cwd: repoRoot,
    });
    const lines: ReaderLine[] = [];
    const waiters: (() => void)[] = [];
    createInterface({ input: reader.stdout }).on('line', (l) => {
      lines.push(JSON.parse(l) as ReaderLine);
      for (const w of waiters.splice(0)) w();
    });
    let stderr = '';
    reader.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const until = async (pred: () => boolean) => {
      while (!pred()) {
        if (reader.exitCode !== null) throw new Error(`reader exited: ${stderr}`);
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    try {
      await until(() => lines.length > 0);
      const before = lines[0]!;
      const runStarted = Date.now();
      const run = spawn(
        process.execPath,
        [tsx, '--conditions=source', bin, 'run', '--warehouse', config.warehousePath, '--out', config.outDir],
        {
          cwd: repoRoot,
        },
      );
      let runOut = '';
      let runErr = '';
      run.stdout.on('data', (d: Buffer) => (runOut += d.toString()));
      run.stderr.on('data', (d: Buffer) => (runErr += d.toString()));
      const status = await new Promise<number | null>((r) => run.once('exit', r));
      const runEnded = Date.now();
      expect(status, runErr).toBe(0);
      expect(runOut).toMatch(/Published .*talent\.duckdb/);
      const during = lines.filter((l) => l.at >= runStarted && l.at <= runEnded);
      // The reader kept answering through the run: neither blocked the other.
      expect(during.length).toBeGreaterThan(10);
      await until(() => lines.some((l) => l.at > runEnded));
      for (const l of lines.filter((x) => x.generation === 0)) {
        expect([l.runs, l.last_run, l.gap_rows]).toEqual([before.runs, before.last_run, before.gap_rows]);
      }
      reader.stdin.write('reopen\n');
      await until(() => lines.some((l) => l.generation === 1));
      const after = lines.find((l) => l.generation === 1)!;
      expect(Number(after.runs)).toBe(Number(before.runs) + 1);
      expect(after.last_run > before.last_run).toBe(true);
      // The new snapshot is the warehouse as the run committed it, whole.
      const [committed] = await readOnly<Record<string, string>>(
        config.warehousePath,
        `SELECT (SELECT count(*) FROM meta.runs) AS runs, (SELECT max(run_id) FROM meta.runs) AS last_run, (SELECT count(*) FROM marts.fct_talent_gap) AS gap_rows`,
      );
      expect([after.runs, after.last_run, after.gap_rows]).toEqual([committed!.runs, committed!.last_run, committed!.gap_rows]);
      // A partial state would show the publishing run unfinished.
      expect(lines.every((l) => l.unfinished === '0')).toBe(true);
      // The snapshot the reader first held is now the previous one, kept beside.
      const [prev] = await readOnly<{ runs: string }>(previousSnapshotPath(published), 'SELECT count(*) AS runs FROM meta.runs');
      expect(prev!.runs).toBe(before.runs);
    } finally {
      reader.stdin.write('exit\n');
      await new Promise((r) => reader.once('exit', r));
    }
  }, 900_000);

  it('is left as it was by a failed run', async () => {
    const beforeStat = statSync(published);
    const [before] = await readOnly<{ runs: string; last: string }>(
      published,
      'SELECT count(*) AS runs, max(run_id) AS last FROM meta.runs',
    );
    const failing: Stage = {
      name: 'fails',
      run: () => Promise.reject(new Error('the source share is unreachable')),
    };
    await expect(runPipeline(config, { stages: [failing], log: () => {} })).rejects.toThrow(/unreachable/);
    const afterStat = statSync(published);
    expect([afterStat.ino, afterStat.mtimeMs, afterStat.size]).toEqual([beforeStat.ino, beforeStat.mtimeMs, beforeStat.size]);
    const [after] = await readOnly<{ runs: string; last: string }>(
      published,
      'SELECT count(*) AS runs, max(run_id) AS last FROM meta.runs',
    );
    expect(after).toEqual(before);
    // The warehouse recorded the failure; the snapshot does not have it.
    const [failed] = await readOnly<{ n: string }>(config.warehousePath, `SELECT count(*) AS n FROM meta.runs WHERE status = 'failed'`);
    expect(failed!.n).toBe('1');
    expect(readdirSync(dirname(published)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 300_000);
});

describe('docs/analysts.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'analysts.md'), 'utf8');
  const blocks = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('has its example SQL, each answering on the demo snapshot', async () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
    const snap = await openSnapshot(published);
    try {
      const rows: number[] = [];
      for (const sql of blocks) rows.push((await snap.query(sql)).numRows);
      expect(
        rows.every((n) => n > 0),
        String(rows),
      ).toBe(true);
    } finally {
      snap.close();
    }
  });

  it('answers the common questions with what they ask for', async () => {
    const snap = await openSnapshot(published);
    try {
      const byTitle = (title: string) => {
        const section = doc.slice(doc.indexOf(title));
        return section.match(/```sql\n([\s\S]*?)```/)![1]!;
      };
      const cards = await rowsOf(snap, byTitle('the nine cards'));
      const [framework] = await rowsOf(snap, `SELECT group_count FROM ref.framework WHERE framework = 'gx_nine_cards'`);
      expect(cards.length).toBe(Number(framework!.group_count));
      for (const c of cards) expect(Number(c.gap)).toBeCloseTo(Number(c.demand) - Number(c.supply), -1);
      const trend = await rowsOf(snap, byTitle('the Liuzhou 5+5 trend'));
      expect(new Set(trend.map((r) => r.group_name)).size).toBe(10);
      expect(trend.some((r) => r.is_forecast === true) && trend.some((r) => r.is_forecast === false)).toBe(true);
      const shortage = await rowsOf(snap, byTitle('top shortage occupations by city'));
      const perCity = new Map<unknown, unknown[]>();
      for (const r of shortage) perCity.set(r.city, [...(perCity.get(r.city) ?? []), r.rank]);
      expect(perCity.size).toBeGreaterThan(10);
      for (const ranks of perCity.values()) expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    } finally {
      snap.close();
    }
  });
});

describe('talent sql', () => {
  const sql = (...args: string[]) =>
    spawnSync(process.execPath, [tsx, '--conditions=source', bin, 'sql', ...args, '--warehouse', config.warehousePath], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('prints CSV or JSON of the snapshot, exits 9 on a query DuckDB refuses, and writes nothing', async () => {
    const csv = sql(`SELECT code, name FROM ref.region WHERE code IN ('450100', '450200') ORDER BY code`, '--csv');
    expect(csv.status, csv.stderr).toBe(0);
    expect(csv.stdout.trim().split('\n')).toEqual(['code,name', '450100,南宁市', '450200,柳州市']);
    const json = sql(`SELECT count(*) AS n FROM marts.fct_talent_gap`, '--json');
    expect(json.status, json.stderr).toBe(0);
    const [direct] = await readOnly<{ n: string }>(published, 'SELECT count(*) AS n FROM marts.fct_talent_gap');
    expect((JSON.parse(json.stdout) as { rows: { n: string }[] }).rows[0]!.n).toBe(direct!.n);
    const wrong = sql('SELEC 1');
    expect(wrong.status).toBe(9);
    expect(wrong.stdout + wrong.stderr).toMatch(/syntax error/);
    const write = sql('DELETE FROM meta.runs');
    expect(write.status).toBe(9);
    expect(write.stdout + write.stderr).toMatch(/read-only/);
  }, 300_000);
});
