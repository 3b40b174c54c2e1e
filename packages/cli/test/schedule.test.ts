import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '@talent/models';
import type { RunSummary } from '../src/commands/run.js';
import { EXIT } from '../src/exit-codes.js';
import { recorder } from './outputs.js';
import { LockHeldError, withRunLock } from '../src/run-lock.js';
import { CronExpressionError, runNight, scheduleNightly, type NightOutcome } from '../src/schedule/nightly.js';
import { talent } from './talent-process.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A finished attempt as runPipeline returns it. */
function summary(
  status: RunSummary['status'],
  problems: { kind: string; message: string }[] = [],
  publishError: string | null = null,
): RunSummary {
  return {
    runId: `run-${Math.random().toString(36).slice(2, 8)}`,
    status,
    migrationsApplied: [],
    stages: [{ stage: 'ingest', changed: true, lines: [], figures: { problems }, problems: problems.map((p) => p.message) }],
    timings: [{ stage: 'ingest', status: 'done', seconds: 1, rows: 10, changed: true }],
    changed: true,
    abandoned: [],
    takeover: null,
    seconds: 1,
    publishError,
  };
}

describe('talent schedule', () => {
  it('refuses an invalid cron expression with the usage exit code and says what a valid one looks like', { timeout: 60_000 }, () => {
    const r = talent(['schedule', '--cron', '61 25 * * *', '--warehouse', join(dir, 'wh.duckdb')]);
    expect(r.status).toBe(EXIT.usage);
    expect(r.text).toContain('invalid cron expression "61 25 * * *" (--cron, TALENT_CRON)');
    expect(r.text).toContain('"0 2 * * *" for 02:00');
    const env = talent(['schedule', '--warehouse', join(dir, 'wh.duckdb')], { TALENT_CRON: 'every night' });
    expect(env.status).toBe(EXIT.usage);
    expect(env.text).toContain('invalid cron expression "every night"');
  });

  it('defaults to 02:00 in Asia/Shanghai', () => {
    const config = resolveConfig({ warehouse: join(dir, 'default.duckdb') }, {});
    expect(config.cron).toBe('0 2 * * *');
    const task = scheduleNightly(config, { run: () => Promise.resolve(summary('succeeded')) });
    try {
      const next = task.getNextRun()!;
      const shanghai = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(next);
      expect(shanghai).toBe('02:00');
    } finally {
      void task.destroy();
    }
    expect(() => scheduleNightly(config, { expression: '* * *' })).toThrow(CronExpressionError);
  });

  it('never overlaps: a run that outlasts its one-second interval makes the next ticks skip', { timeout: 30_000 }, async () => {
    const config = resolveConfig({ warehouse: join(dir, 'overlap.duckdb'), retries: '0' }, {});
    const spans: [number, number][] = [];
    const { said, output } = recorder();
    // Each run holds the real run lock, as runPipeline does, for 2.5 s.
    const run = () =>
      withRunLock(config.warehousePath, async () => {
        const start = Date.now();
        await sleep(2_500);
        spans.push([start, Date.now()]);
        return summary('succeeded');
      });
    const task = scheduleNightly(config, { expression: '* * * * * *', output, run });
    await sleep(7_500);
    await task.stop();
    while (spans.length < 2 || said.filter((s) => s.message.startsWith('Nightly run')).length < spans.length) await sleep(100);
    expect(spans.length).toBeGreaterThanOrEqual(2);
    expect(spans.length).toBeLessThanOrEqual(3);
    const sorted = [...spans].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]![0]).toBeGreaterThanOrEqual(sorted[i - 1]![1]);
    expect(said.filter((s) => s.message.startsWith('Skipped a scheduled start')).length).toBeGreaterThanOrEqual(2);
    expect(said.some((s) => s.message.includes('holds'))).toBe(false);
    await task.destroy();
  });

  it('retries a transient failure with doubling delays, then succeeds', async () => {
    const config = resolveConfig({ warehouse: join(dir, 'retry.duckdb'), retries: '3', retryDelay: '0.2' }, {});
    const at: number[] = [];
    const { said, output } = recorder();
    const outcome = await runNight(config, {
      output,
      run: () => {
        at.push(Date.now());
        return at.length < 3
          ? Promise.reject(new LockHeldError('Another run (pid 1) holds the lock'))
          : Promise.resolve(summary('succeeded'));
      },
    });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.attempts).toBe(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(190);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(390);
    expect(said.filter((s) => s.message.includes('retrying in')).map((s) => s.message)).toEqual([
      'Attempt 1 failed: Another run (pid 1) holds the lock; retrying in 0.2 s.',
      'Attempt 2 failed: Another run (pid 1) holds the lock; retrying in 0.4 s.',
    ]);
  });

  it('a failing source makes the night partial, is retried, and the alert command gets the summary on stdin', async () => {
    const alertFile = join(dir, 'alert.json');
    const config = resolveConfig(
      { warehouse: join(dir, 'alert.duckdb'), retries: '1', retryDelay: '0', alertCommand: `cat > '${alertFile}'` },
      {},
    );
    let attempts = 0;
    const failed = [{ kind: 'load-failed', message: 'postings/source_b_2025.xlsx: truncated zip' }];
    const outcome = await runNight(config, {
      run: () => {
        attempts++;
        return Promise.resolve(summary('partial', failed));
      },
    });
    expect(attempts).toBe(2);
    expect(outcome.status).toBe('partial');
    const sent = JSON.parse(readFileSync(alertFile, 'utf8')) as NightOutcome;
    expect(sent).toMatchObject({ status: 'partial', attempts: 2, problems: ['postings/source_b_2025.xlsx: truncated zip'] });
    expect(sent.stages[0]).toMatchObject({ stage: 'ingest', rows: 10 });
  });

  it('a run whose snapshot could not be published ends the night partial, once, and alerts with the reason', async () => {
    const alertFile = join(dir, 'alert-unpublished.json');
    const config = resolveConfig(
      { warehouse: join(dir, 'alert3.duckdb'), retries: '2', retryDelay: '0', alertCommand: `cat > '${alertFile}'` },
      {},
    );
    let attempts = 0;
    const reason = "ENOSPC: no space left on device, copyfile 'warehouse/talent.duckdb' -> 'published/talent.duckdb.1.tmp'";
    const outcome = await runNight(config, {
      run: () => {
        attempts++;
        return Promise.resolve(summary('partial', [], reason));
      },
    });
    expect(attempts).toBe(1);
    expect(outcome).toMatchObject({ status: 'partial', problems: [`snapshot not published: ${reason}`] });
    expect(JSON.parse(readFileSync(alertFile, 'utf8'))).toMatchObject({ status: 'partial', attempts: 1 });
  });

  it('does not retry what a retry cannot fix, and alerts with the failed stage', async () => {
    const alertFile = join(dir, 'alert-failed.json');
    const config = resolveConfig(
      { warehouse: join(dir, 'alert2.duckdb'), retries: '2', retryDelay: '0', alertCommand: `cat > '${alertFile}'` },
      {},
    );
    let attempts = 0;
    const outcome = await runNight(config, {
      run: () => {
        attempts++;
        return Promise.reject(new Error('Binder Error: column "x" not found'));
      },
    });
    expect(attempts).toBe(1);
    expect(outcome).toMatchObject({ status: 'failed', error: 'Binder Error: column "x" not found' });
    expect(JSON.parse(readFileSync(alertFile, 'utf8'))).toMatchObject({ status: 'failed', attempts: 1 });
  });
});
