import cron from 'node-cron';
import { runPipeline, type RunOptions } from '../commands/run.js';

/** Default nightly time: 02:30 Beijing time, after the job boards' midnight exports. */
export const DEFAULT_NIGHTLY_CRON = '30 2 * * *';

/**
 * Schedules the pipeline with node-cron in Asia/Shanghai. `noOverlap` skips a tick while the
 * previous run is still going; the run lock covers other processes. A failed run is logged and
 * recorded in `meta.runs`; the schedule keeps going.
 */
export function scheduleNightly(options: RunOptions, expression = DEFAULT_NIGHTLY_CRON) {
  if (!cron.validate(expression)) throw new Error(`Invalid cron expression: ${expression}`);
  return cron.schedule(
    expression,
    async () => {
      try {
        await runPipeline(options);
      } catch (err) {
        console.error(`Nightly run failed: ${(err as Error).message}`);
      }
    },
    { timezone: 'Asia/Shanghai', noOverlap: true, name: 'talent-nightly' },
  );
}
