import cron from 'node-cron';
import type { Config } from '@talent/models';
import { runPipeline } from '../commands/run.js';

/** Default nightly time: 02:30 in the configured zone, after the job boards' midnight exports. */
export const DEFAULT_NIGHTLY_CRON = '30 2 * * *';

/**
 * Schedules the pipeline with node-cron in the configured time zone. `noOverlap` skips a tick
 * while the previous run is still going; the run lock covers other processes. A failed run is
 * logged and recorded in `meta.runs`; the schedule keeps going.
 */
export function scheduleNightly(config: Config, expression = DEFAULT_NIGHTLY_CRON) {
  if (!cron.validate(expression)) throw new Error(`Invalid cron expression: ${expression}`);
  return cron.schedule(
    expression,
    async () => {
      try {
        await runPipeline(config);
      } catch (err) {
        console.error(`Nightly run failed: ${(err as Error).message}`);
      }
    },
    { timezone: config.timeZone, noOverlap: true, name: 'talent-nightly' },
  );
}
