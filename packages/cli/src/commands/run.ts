import { openWarehouse, type Config } from '@talent/models';
import type { PipelineContext, Stage, StageResult } from '../pipeline.js';
import { recordRun } from '../run-record.js';
import { withRunLock } from '../run-lock.js';
import { ingestStage } from '../stages/ingest.js';
import { projectionStage } from '../stages/projection.js';
import { referenceStage } from '../stages/reference.js';
import { reportStage } from '../stages/report.js';

/** The nightly pipeline, in data-flow order. */
export const STAGES: readonly Stage[] = [referenceStage, ingestStage(), projectionStage, reportStage];

export interface RunOptions {
  log?: (line: string) => void;
  /** Stages to run (default {@link STAGES}). */
  stages?: readonly Stage[];
  /** Name recorded in `meta.runs.command` (default `run`). */
  command?: string;
}

export interface RunSummary {
  runId: string;
  migrationsApplied: string[];
  stages: StageResult[];
  changed: boolean;
}

/**
 * Runs the pipeline once against the configured warehouse: migrations, then every stage. Holds a
 * cross-process lock for its duration and records itself in `meta.runs`.
 */
export async function runPipeline(config: Config, options: RunOptions = {}): Promise<RunSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  return withRunLock(config.warehousePath, async () => {
    const wh = await openWarehouse(config.warehousePath, { memoryLimit: config.memoryLimit });
    try {
      if (wh.migrationsApplied.length) log(`Warehouse ${wh.path}: applied migrations ${wh.migrationsApplied.join(', ')}`);
      else log(`Warehouse ${wh.path}: schema up to date.`);
      return await recordRun(wh.conn, options.command ?? 'run', async (runId) => {
        const ctx: PipelineContext = { wh, runId, config, log };
        const stages: StageResult[] = [];
        for (const stage of options.stages ?? STAGES) {
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
