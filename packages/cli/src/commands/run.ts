import { openWarehouse } from '@talent/models';
import type { PipelineContext, Stage, StageResult } from '../pipeline.js';
import { recordRun } from '../run-record.js';
import { withRunLock } from '../run-lock.js';
import { ingestStage } from '../stages/ingest.js';
import { referenceStage } from '../stages/reference.js';

/** The nightly pipeline, in data-flow order. */
export const STAGES: Stage[] = [referenceStage, ingestStage];

export interface RunOptions {
  warehousePath: string;
  datasetsDir: string;
  outDir: string;
  log?: (line: string) => void;
}

export interface RunSummary {
  runId: string;
  migrationsApplied: string[];
  stages: StageResult[];
  changed: boolean;
}

/**
 * Runs the whole pipeline once against one warehouse file: migrations, then every stage. Holds a
 * cross-process lock for its duration and records itself in `meta.runs`.
 */
export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  return withRunLock(options.warehousePath, async () => {
    const wh = await openWarehouse(options.warehousePath);
    try {
      if (wh.migrationsApplied.length) log(`Warehouse ${wh.path}: applied migrations ${wh.migrationsApplied.join(', ')}`);
      else log(`Warehouse ${wh.path}: schema up to date.`);
      return await recordRun(wh.conn, 'run', async (runId) => {
        const ctx: PipelineContext = { wh, runId, datasetsDir: options.datasetsDir, outDir: options.outDir, log };
        const stages: StageResult[] = [];
        for (const stage of STAGES) {
          log(`\n== ${stage.name} ==`);
          const result = await stage.run(ctx);
          for (const line of result.lines) log(line);
          stages.push(result);
        }
        const changed = wh.migrationsApplied.length > 0 || stages.some((s) => s.changed);
        log(
          changed ? `\nRun ${runId} finished: warehouse updated.` : `\nRun ${runId} finished: nothing changed (all inputs already loaded).`,
        );
        return { runId, migrationsApplied: wh.migrationsApplied, stages, changed };
      });
    } finally {
      wh.close();
    }
  });
}
