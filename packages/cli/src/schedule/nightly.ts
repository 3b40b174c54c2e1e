import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import cron, { type ScheduledTask } from 'node-cron';
import { DEFAULT_CRON, type Config } from '@talent/models';
import { RunFailedError, runPipeline, type RunSummary } from '../commands/run.js';
import { ingestProblems } from '../commands/run-result.js';
import type { Output } from '../output.js';
import { LockHeldError } from '../run-lock.js';
import { unpublishedProblem } from '../run-record.js';

/** Default nightly time (the configuration's default `cron`). */
export const DEFAULT_NIGHTLY_CRON = DEFAULT_CRON;

/** A cron expression node-cron refuses; `talent schedule` exits with the usage code. */
export class CronExpressionError extends Error {
  override name = 'CronExpressionError';
}

/** How one night ended, after its retries: what the alert command receives on stdin. */
export interface NightOutcome {
  status: 'succeeded' | 'partial' | 'failed';
  attempts: number;
  runId: string | null;
  /** Per-stage timings of the last attempt, when it finished. */
  stages: RunSummary['timings'];
  problems: string[];
  error: string | null;
  failedStage: string | null;
  /** Loads the failed attempt left committed. */
  kept: number;
}

export interface NightlyOptions {
  /** node-cron expression (default: the configuration's `cron`). */
  expression?: string;
  output?: Output;
  /** One attempt of the night (default: the whole pipeline). */
  run?: () => Promise<RunSummary>;
  /** Told of each finished night (tests, embedding). */
  onNight?: (outcome: NightOutcome) => void;
}

/** Failures a later attempt may not meet: another run or a reader holding the warehouse, a busy file system. */
export function isTransient(err: unknown): boolean {
  const cause = err instanceof RunFailedError ? (err.cause as Error) : (err as Error);
  if (cause instanceof LockHeldError) return true;
  const code = (cause as NodeJS.ErrnoException).code ?? '';
  if (['EBUSY', 'EAGAIN', 'ETIMEDOUT', 'EMFILE', 'ENFILE', 'ECONNRESET'].includes(code)) return true;
  return /could not set lock|conflicting lock|resource temporarily unavailable/i.test(cause?.message ?? '');
}

/** Whether a partial night is worth another attempt: a failed load may be a file still being copied; bad mappings or rejects need a person. */
function retryablePartial(summary: RunSummary): boolean {
  return ingestProblems(summary.stages).some((p) => p.kind === 'load-failed');
}

function outcomeOf(result: RunSummary | Error, attempts: number): NightOutcome {
  if (result instanceof Error)
    return {
      status: 'failed',
      attempts,
      runId: result instanceof RunFailedError ? result.runId : null,
      stages: [],
      problems: [],
      error: result.message,
      failedStage: result instanceof RunFailedError ? result.stage : null,
      kept: result instanceof RunFailedError ? result.kept.length : 0,
    };
  // A snapshot that could not be published leaves analysts on the previous night: a person must act.
  const unpublished = result.publishError === null ? [] : [unpublishedProblem(result.publishError)];
  return {
    status: result.status,
    attempts,
    runId: result.runId,
    stages: result.timings,
    problems: [...result.stages.flatMap((s) => s.problems ?? []), ...unpublished],
    error: null,
    failedStage: null,
    kept: 0,
  };
}

/** Runs the alert command with the night's outcome as JSON on stdin; resolves to its exit code. */
export function runAlert(command: string, outcome: NightOutcome): Promise<number | null> {
  return new Promise((resolve) => {
    // The alert's own output goes to stderr: stdout may be a log stream.
    const child = spawn(command, { shell: true, stdio: ['pipe', process.stderr, process.stderr] });
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(outcome));
  });
}

/**
 * One night: a run, retried with exponential backoff (retryDelaySeconds × 2^n) while it fails
 * transiently or a load failed, at most `retries` more times. Each retry redoes only what is not
 * yet loaded. A night ending failed or partial runs the alert command, when one is configured.
 */
export async function runNight(config: Config, options: NightlyOptions = {}): Promise<NightOutcome> {
  const out = options.output;
  const attempt = options.run ?? (() => runPipeline(config, out ? { output: out, command: 'schedule' } : { command: 'schedule' }));
  let result: RunSummary | Error = new Error('no attempt');
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      result = await attempt();
    } catch (err) {
      result = err as Error;
    }
    const again =
      attempts <= config.retries &&
      (result instanceof Error ? isTransient(result) : result.status === 'partial' && retryablePartial(result));
    if (!again) break;
    const delay = config.retryDelaySeconds * 2 ** (attempts - 1);
    out?.warn(
      `Attempt ${attempts} ${result instanceof Error ? `failed: ${result.message}` : 'ended partial (a load failed)'}; retrying in ${delay} s.`,
      {
        attempt: attempts,
        delaySeconds: delay,
      },
    );
    await sleep(delay * 1000);
  }
  const outcome = outcomeOf(result, attempts);
  if (outcome.status === 'succeeded') out?.info(`Nightly run ${outcome.runId} succeeded.`, { outcome });
  else {
    out?.error(`Nightly run ${outcome.status}${outcome.error ? `: ${outcome.error}` : ''}.`, { outcome });
    if (config.alertCommand) {
      const code = await runAlert(config.alertCommand, outcome);
      out?.info(`Alert command exited with ${code ?? 'an error starting it'}.`, { alertExit: code });
    }
  }
  options.onNight?.(outcome);
  return outcome;
}

/**
 * Schedules the night with node-cron in the configured time zone. `noOverlap` skips a tick while
 * the previous night (with its retries) is still going, and says so; the run lock covers other
 * processes. The schedule keeps going after a failed night.
 */
export function scheduleNightly(config: Config, options: NightlyOptions = {}): ScheduledTask {
  const expression = options.expression ?? config.cron;
  if (!cron.validate(expression))
    throw new CronExpressionError(
      `invalid cron expression "${expression}" (--cron, TALENT_CRON): five fields (minute hour day-of-month month day-of-week) or six with seconds first, e.g. "0 2 * * *" for 02:00`,
    );
  const task = cron.schedule(
    expression,
    async () => {
      await runNight(config, options);
    },
    { timezone: config.timeZone, noOverlap: true, name: 'talent-nightly' },
  );
  task.on('execution:overlap', () => options.output?.warn('Skipped a scheduled start: the previous night is still running.', {}));
  return task;
}
