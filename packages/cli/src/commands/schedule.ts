import type { Command } from '../command.js';
import { scheduleNightly } from '../schedule/nightly.js';

/** `talent schedule`: stays up and runs the night on the configured cron expression. */
export const scheduleCommand: Command = {
  name: 'schedule',
  summary: 'stay running and start the pipeline every night (02:00 Asia/Shanghai by default)',
  help: `Usage: talent schedule [--cron <expr>] [options]

Stays running and starts the pipeline on the cron expression, in --time-zone. Never two runs at
once: a tick while the previous night is still going is skipped (and logged), and the run lock
keeps out runs of other processes. A source that fails does not stop the others (the run ends
partial); a night that fails transiently (the warehouse locked, a load failed) is retried with
backoff; a night ending failed or partial runs --alert-command with its summary as JSON on stdin.

Options (each also a variable; see talent --help):
  --cron <expr>              node-cron expression, five fields or six with seconds
                             (TALENT_CRON; "0 2 * * *")
  --alert-command <cmd>      shell command run on a failed or partial night (TALENT_ALERT_COMMAND)
  --retries <n>              further attempts after a failed night (TALENT_RETRIES; 2)
  --retry-delay <seconds>    before the first retry, doubled for each later one (TALENT_RETRY_DELAY; 300)`,
  async run({ config, output }) {
    scheduleNightly(config, { output });
    output.info(`Scheduled nightly run "${config.cron}" (${config.timeZone}) on ${config.warehousePath}. Ctrl-C to stop.`, {
      cron: config.cron,
      timeZone: config.timeZone,
    });
    // Stays up until the process is stopped; node-cron's timer keeps the event loop alive.
    return new Promise<{ exitCode: number; result: unknown }>(() => {});
  },
};
