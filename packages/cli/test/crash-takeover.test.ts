import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse, resolveConfig } from '@talent/models';
import { EXIT } from '../src/exit-codes.js';
import { readLockHolder } from '../src/run-lock.js';
import { startTalent, talent, type LogRecord } from './talent-process.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two job boards of the demo edition, four yearly files each: a kill after the second lands inside the third. */
const SOURCES = ['--source', 'demo_source_a', '--source', 'demo_source_c'];

/** Rows of every stored table of raw, core and ref, and the active loads: what a run must neither lose nor double. */
async function contents(warehouse: string): Promise<Record<string, number>> {
  const wh = await openWarehouse(warehouse, { readOnly: true });
  try {
    const tables = (
      await wh.conn.runAndReadAll(
        `SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name IN ('raw', 'core', 'ref') ORDER BY 1`,
      )
    ).getRowsJson();
    const counts: Record<string, number> = {};
    for (const [t] of tables)
      counts[String(t)] = Number((await wh.conn.runAndReadAll(`SELECT count(*) FROM ${String(t)}`)).getRowsJson()[0]![0]);
    const active = await wh.conn.runAndReadAll(
      `SELECT count(*), sum(rows_loaded) FROM meta.loads WHERE status IN ('loaded', 'replaced') AND superseded_by IS NULL`,
    );
    const [loads, rows] = active.getRowsJson()[0]!;
    counts['meta.loads (active)'] = Number(loads);
    counts['meta.loads (active rows)'] = Number(rows);
    return counts;
  } finally {
    wh.close();
  }
}

describe('a run killed mid-stage', () => {
  it('leaves a stale lock the next run takes over; that run completes with nothing lost or doubled', { timeout: 900_000 }, async () => {
    const crashed = join(dir, 'crashed.duckdb');
    const clean = join(dir, 'clean.duckdb');
    const data = resolveConfig({}, {}).dataDir;

    // kill -9 after the second file of the ingest stage has loaded, while the third is loading.
    const seen: LogRecord[] = [];
    const child = startTalent(['ingest', ...SOURCES, '--data', data, '--warehouse', crashed], (r, c) => {
      if (c.killed) return;
      seen.push(r);
      if (r.progress === 'ingest' && r.done === 2) c.kill('SIGKILL');
    });
    const signal = await new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, sig) => res(sig)));
    expect(signal).toBe('SIGKILL');
    expect(seen.filter((r) => r.progress === 'ingest').length).toBe(2);
    const left = readLockHolder(`${crashed}.lock`);
    expect(left?.pid).toBe(child.pid);

    const next = talent(['ingest', ...SOURCES, '--data', data, '--warehouse', crashed, '--json']);
    expect(next.status, next.text).toBe(EXIT.ok);
    expect(next.text).toContain(`Took over a stale run lock from pid ${child.pid}: process ${child.pid} is gone.`);
    expect(next.text).toMatch(/Marked 1 run\(s\) left running by a dead process as abandoned/);
    const result = JSON.parse(next.stdout) as { status: string; abandoned: string[] };
    expect(result.status).toBe('succeeded');

    const wh = await openWarehouse(crashed, { readOnly: true });
    try {
      const runs = (
        await wh.conn.runAndReadAll(`SELECT run_id, status, failed_stage, error, kept::VARCHAR AS kept FROM meta.runs ORDER BY started_at`)
      ).getRowObjectsJson();
      expect(runs.map((r) => r.status)).toEqual(['abandoned', 'succeeded']);
      expect(runs[0]!.run_id).toBe(result.abandoned[0]);
      expect(runs[0]!.failed_stage).toBe('ingest');
      expect(String(runs[0]!.error)).toContain(`process ${child.pid} is gone`);
      // The two loads the killed run committed stay, and the next run skipped rather than redid them.
      const kept = JSON.parse(String(runs[0]!.kept)) as { load_id: string }[];
      expect(kept.length).toBe(2);
      const skipped = (
        await wh.conn.runAndReadAll(
          `SELECT count(*) FROM meta.loads WHERE times_seen = 2 AND last_seen_at > (SELECT max(started_at) FROM meta.runs WHERE status = 'abandoned')`,
        )
      ).getRowsJson()[0]![0];
      expect(Number(skipped)).toBe(2);
    } finally {
      wh.close();
    }

    const cleanRun = talent(['ingest', ...SOURCES, '--data', data, '--warehouse', clean]);
    expect(cleanRun.status, cleanRun.text).toBe(EXIT.ok);
    const [a, b] = [await contents(crashed), await contents(clean)];
    expect(a['raw.job_posting']).toBeGreaterThan(1000);
    expect(a).toEqual(b);
    expect(existsSync(`${crashed}.lock`)).toBe(false);
  });
});
