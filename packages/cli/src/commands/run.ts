import { memoryLimitAdvice, openWarehouse, type Config } from '@talent/models';
import type { Command } from '../command.js';
import type { Output } from '../output.js';
import type { PipelineContext, Stage, StageResult } from '../pipeline.js';
import { publishSnapshot } from '../publish/snapshot.js';
import { abandonDeadRuns, RunRecord, type KeptLoad, type RunStatus, type StageRecord } from '../run-record.js';
import { withRunLock, type LockTakeover } from '../run-lock.js';
import { ingestStage } from '../stages/ingest.js';
import { projectionStage } from '../stages/projection.js';
import { referenceStage } from '../stages/reference.js';
import { reportStage } from '../stages/report.js';
import { retentionStage } from '../stages/retention.js';
import { checkOutWritable } from './report.js';
import { ingestProblems, recordedSummary, runResult } from './run-result.js';

/** The nightly pipeline, in data-flow order. */
export const STAGES: readonly Stage[] = [referenceStage, ingestStage(), projectionStage, reportStage, retentionStage];

export interface RunOptions {
  /** Where stage summaries go (default: console.log, or `output.line`). */
  log?: (line: string) => void;
  /** Lines, events and progress bars of a command run from a shell. */
  output?: Output;
  /** Stages to run (default {@link STAGES}). */
  stages?: readonly Stage[];
  /** Name recorded in `meta.runs.command` (default `run`). */
  command?: string;
}

export interface RunSummary {
  runId: string;
  /** `partial`: finished, but a stage reported problems (a source failed while the others loaded). */
  status: Exclude<RunStatus, 'failed'>;
  migrationsApplied: string[];
  stages: StageResult[];
  /** Timing and rows per stage, as in `meta.runs.stages`. */
  timings: StageRecord[];
  changed: boolean;
  /** Runs found abandoned by a dead process and marked so. */
  abandoned: string[];
  takeover: LockTakeover | null;
  seconds: number;
  /** Why the snapshot of a finished run could not be published (the warehouse is updated); null when it was, or none is configured. */
  publishError: string | null;
}

/** A run that failed: the record says where and what stayed committed. */
export class RunFailedError extends Error {
  override name = 'RunFailedError';
  constructor(
    readonly runId: string,
    readonly stage: string | null,
    readonly kept: KeptLoad[],
    cause: Error,
  ) {
    super(`run ${runId} failed${stage ? ` in stage ${stage}` : ''}: ${cause.message} (${kept.length} loads committed before it stay)`, {
      cause,
    });
  }
}

/**
 * Runs the pipeline once against the configured warehouse: migrations, then every stage. Holds a
 * cross-process lock for its duration (taking over a stale one) and records itself in `meta.runs`
 * stage by stage; a failure is recorded with its stage, message and the loads that stay committed.
 */
export async function runPipeline(config: Config, options: RunOptions = {}): Promise<RunSummary> {
  const log = options.log ?? options.output?.line.bind(options.output) ?? ((line: string) => console.log(line));
  const info = (message: string, fields?: Record<string, unknown>) =>
    options.output ? options.output.info(message, fields) : log(message);
  const reportError = (message: string, fields?: Record<string, unknown>) =>
    options.output ? options.output.error(message, fields) : console.error(message);
  const started = performance.now();
  // An output folder that cannot be written would fail the run only after its loads and projection:
  // refused before anything starts, as wrong configuration.
  if ((options.stages ?? STAGES).includes(reportStage)) checkOutWritable(config);
  return withRunLock(
    config.warehousePath,
    async (takeover) => {
      const wh = await openWarehouse(config.warehousePath, { memoryLimit: config.memoryLimit });
      try {
        if (wh.migrationsApplied.length) log(`Warehouse ${wh.path}: applied migrations ${wh.migrationsApplied.join(', ')}`);
        else log(`Warehouse ${wh.path}: schema up to date.`);
        const abandoned = await abandonDeadRuns(
          wh.conn,
          takeover ? `its process died (${takeover.reason}); the lock was taken over` : 'its process died (no lock was left)',
        );
        if (abandoned.length)
          info(`Marked ${abandoned.length} run(s) left running by a dead process as abandoned: ${abandoned.join(', ')}`, { abandoned });
        const record = await RunRecord.start(wh.conn, options.command ?? 'run');
        const runId = record.runId;
        const ctx: PipelineContext = {
          wh,
          runId,
          config,
          log,
          ...(options.output ? { progress: options.output.progress.bind(options.output) } : {}),
        };
        const stages: StageResult[] = [];
        try {
          for (const stage of options.stages ?? STAGES) {
            log(`\n== ${stage.name} ==`);
            await record.stageStarted(stage.name);
            let result: StageResult;
            try {
              result = await stage.run(ctx);
            } catch (err) {
              await record.stageEnded({ error: err as Error });
              throw err;
            }
            await record.stageEnded({ rows: result.rows ?? 0, changed: result.changed });
            for (const line of result.lines) log(line);
            stages.push(result);
          }
        } catch (caught) {
          let err = caught as Error;
          // The operator reads this message (terminal, meta.runs.error): it names the flag to change.
          const message = memoryLimitAdvice(err.message, config.memoryLimit);
          if (message !== err.message) err = Object.assign(new Error(message, { cause: err }), { name: err.name });
          const kept = await record.fail(err);
          const failed = record.stages.find((s) => s.status === 'failed')?.stage ?? null;
          throw new RunFailedError(runId, failed, kept, err);
        }
        const changed = wh.migrationsApplied.length > 0 || stages.some((s) => s.changed);
        const recorded = recordedSummary(stages, changed);
        const { problems } = recorded;
        const status = problems.length ? 'partial' : 'succeeded';
        const summary: RunSummary = {
          runId,
          status,
          migrationsApplied: wh.migrationsApplied,
          stages,
          timings: record.stages,
          changed,
          abandoned,
          takeover,
          seconds: Math.round(performance.now() - started) / 1000,
          publishError: null,
        };
        await record.finish(status, recorded);
        log(
          status === 'partial'
            ? `\nRun ${runId} finished with problems (partial): ${problems.length} to act on${ingestProblems(stages).length ? '; the other sources loaded' : ''}.`
            : changed
              ? `\nRun ${runId} finished: warehouse updated.`
              : `\nRun ${runId} finished: nothing changed (all inputs already loaded).`,
        );
        log(`Stages: ${record.stages.map((s) => `${s.stage} ${s.seconds.toFixed(1)} s`).join(', ')}.`);
        // Only a run that ended (all its loads committed) publishes: a failed one leaves the last snapshot.
        if (config.publishedPath) {
          try {
            const published = await publishSnapshot(wh.conn, wh.path, config.publishedPath);
            info(`Published ${published.path} (${(published.bytes / 1e6).toFixed(0)} MB, ${published.seconds.toFixed(1)} s).`, {
              published: published.path,
            });
          } catch (err) {
            // The run's loads are committed and recorded: a snapshot that cannot be written (a full
            // disk, an unusable path) leaves the warehouse as it is and the previous snapshot in place.
            summary.publishError = (err as Error).message;
            summary.status = 'partial';
            await record.notPublished(summary.publishError);
            reportError(
              `Run ${runId} finished and the warehouse is updated, but its snapshot could not be published to ` +
                `${config.publishedPath}: ${summary.publishError}. Analysts keep the previous snapshot. Free space or fix ` +
                `--published (TALENT_PUBLISHED), then run again: nothing is reloaded, and the snapshot is published.`,
              { publishError: summary.publishError },
            );
          }
        }
        return summary;
      } finally {
        wh.close();
      }
    },
    { onTakeover: (t) => info(`Took over a stale run lock from pid ${t.holder.pid}: ${t.reason}.`, { takeover: t }) },
  );
}

/** `talent run`: every stage once. */
export const runCommand: Command = {
  name: 'run',
  summary: 'run the whole pipeline once: reference data, sources, projection, reports, vintage retention (the nightly job)',
  help: `Usage: talent run [options]

Runs every stage once against the warehouse, under the run lock (a stale lock is taken over and
said so), and records the run in meta.runs with per-stage timing and rows. Only what changed is
redone: reference lists and source files already loaded with the same content hash are skipped
(a file with the path, size and modification time of a load that hashed it is not read again),
and the projection stands when none of its inputs changed. With --keep-vintages <n>, vintages
beyond the newest n lose their occupation-level rows (\`talent vintages\` says which and why).`,
  run: async ({ config, output }) => runResult(await runPipeline(config, { output })),
};
