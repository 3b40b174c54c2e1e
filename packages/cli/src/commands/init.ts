import type { Command } from '../command.js';
import { referenceStage } from '../stages/reference.js';
import { runPipeline } from './run.js';
import { runResult } from './run-result.js';

/** `talent init`: the warehouse schema and the reference data, nothing else. */
export const initCommand: Command = {
  name: 'init',
  summary: 'create or upgrade the warehouse and load the reference data (idempotent)',
  help: `Usage: talent init [options]

Creates the warehouse file if needed, applies the schema migrations and builds the model layer,
then validates and loads the code lists, frameworks, crosswalks and projection defaults (each
reloaded only when its content hash changed). Running it again changes nothing.`,
  run: async ({ config, output }) => runResult(await runPipeline(config, { output, command: 'init', stages: [referenceStage] })),
};
