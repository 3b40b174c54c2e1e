import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, resolveConfig, type Config } from '@talent/models';
import { RunFailedError, runPipeline } from '../src/commands/run.js';
import { statusCommand, type RunStatusRow } from '../src/commands/status.js';
import { quiet } from './outputs.js';
import type { Stage } from '../src/pipeline.js';
import { ingestStage } from '../src/stages/ingest.js';
import { referenceStage } from '../src/stages/reference.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-record-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stage that fails as a full disk would, after the loads before it committed. */
const diskFull: Stage = {
  name: 'projection',
  run: () => Promise.reject(new Error('IO Error: Could not write file "talent.duckdb.wal": No space left on device')),
};

let config: Config;
let failure: RunFailedError;
beforeAll(async () => {
  config = resolveConfig({ warehouse: join(dir, 'wh.duckdb') }, {});
  failure = await runPipeline(config, {
    log: () => {},
    stages: [referenceStage, ingestStage({ sources: ['demo_shortage', 'demo_outcomes'] }), diskFull],
  }).then(
    () => {
      throw new Error('the run should have failed');
    },
    (err: RunFailedError) => err,
  );
}, 600_000);

describe('the run record of a failed run', () => {
  it('names the stage, the error and the loads that stay committed', async () => {
    expect(failure).toBeInstanceOf(RunFailedError);
    expect(failure.stage).toBe('projection');
    expect(failure.message).toContain('failed in stage projection: IO Error: Could not write file');
    const wh = await openWarehouse(config.warehousePath, { readOnly: true });
    try {
      const [run] = (
        await wh.conn.runAndReadAll(
          `SELECT status, failed_stage, error, kept::VARCHAR AS kept, stages::VARCHAR AS stages, finished_at IS NOT NULL AS finished, pid FROM meta.runs`,
        )
      ).getRowObjectsJson();
      expect(run).toMatchObject({ status: 'failed', failed_stage: 'projection', finished: true, pid: process.pid });
      expect(String(run!.error)).toBe('IO Error: Could not write file "talent.duckdb.wal": No space left on device');
      const loads = (
        await wh.conn.runAndReadAll(
          `SELECT load_id, source, rows_loaded FROM meta.loads WHERE status IN ('loaded', 'replaced') ORDER BY started_at`,
        )
      ).getRowObjectsJson();
      const kept = JSON.parse(String(run!.kept)) as { load_id: string; source: string; rows_loaded: number }[];
      // Every load of the run committed before the failure, and only those, with their rows.
      expect(kept.map((k) => [k.load_id, k.source, k.rows_loaded])).toEqual(loads.map((l) => [l.load_id, l.source, Number(l.rows_loaded)]));
      expect(new Set(kept.map((k) => k.source))).toEqual(new Set(['demo_shortage', 'demo_outcomes']));
      const stages = JSON.parse(String(run!.stages)) as { stage: string; status: string; rows: number; seconds: number }[];
      expect(stages.map((s) => [s.stage, s.status])).toEqual([
        ['reference', 'done'],
        ['ingest', 'done'],
        ['projection', 'failed'],
      ]);
      expect(stages[1]!.rows).toBe(kept.reduce((a, k) => a + k.rows_loaded, 0));
      expect(stages[0]!.rows).toBeGreaterThan(1000);
      expect(stages.every((s) => s.seconds >= 0)).toBe(true);
    } finally {
      wh.close();
    }
  });

  it('a later run succeeds, reloads nothing the failed one kept, and status shows both', async () => {
    const next = await runPipeline(config, {
      log: () => {},
      stages: [referenceStage, ingestStage({ sources: ['demo_shortage', 'demo_outcomes'] })],
    });
    expect(next.status).toBe('succeeded');
    expect(next.changed).toBe(false);
    expect(next.timings.map((t) => [t.stage, t.rows])).toEqual([
      ['reference', 0],
      ['ingest', 0],
    ]);
    const { exitCode, result } = await statusCommand.run({ config, args: [], values: { limit: '5' }, output: quiet });
    expect(exitCode).toBe(0);
    const runs = (result as { runs: RunStatusRow[] }).runs;
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'failed']);
    expect(runs[1]).toMatchObject({ failedStage: 'projection', kept: runs[1]!.loads.loaded });
    expect(runs[1]!.loads.loaded).toBeGreaterThan(0);
    expect(runs[0]!.loads).toMatchObject({ loaded: 0, skipped: runs[1]!.loads.loaded, failed: 0, rowsLoaded: 0 });
    expect(runs[1]!.loads.rowsLoaded).toBe(runs[1]!.stages.find((s) => s.stage === 'ingest')!.rows);
  });
});
