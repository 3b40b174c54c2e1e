import type { Command } from './command.js';
import { exportCliCommand, sqlCliCommand } from './commands/analyst-cli.js';
import { codeTitlesCommand } from './commands/code-titles.js';
import { docsCommand } from './commands/docs.js';
import { forecastCommand } from './commands/forecast.js';
import { ingestCliCommand } from './commands/ingest.js';
import { initCommand } from './commands/init.js';
import { reportCliCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { scheduleCommand } from './commands/schedule.js';
import { statusCommand } from './commands/status.js';
import { vintagesCommand } from './commands/vintages.js';

/**
 * Every `talent` subcommand, in the order `talent --help` lists them (data-flow order, then
 * operation, then tooling). A command is one module under commands/ and one entry here.
 */
export const COMMANDS: readonly Command[] = [
  initCommand,
  ingestCliCommand,
  forecastCommand,
  reportCliCommand,
  runCommand,
  scheduleCommand,
  statusCommand,
  vintagesCommand,
  exportCliCommand,
  sqlCliCommand,
  docsCommand,
  codeTitlesCommand,
];
