import type { Command } from '../command.js';
import { projectionStage } from '../stages/projection.js';
import { runPipeline } from './run.js';
import { runResult } from './run-result.js';

/** `talent forecast`: the projection stage alone, over what the warehouse holds. */
export const forecastCommand: Command = {
  name: 'forecast',
  summary: 'the projection stage alone: a new vintage of the marts when its inputs changed',
  help: `Usage: talent forecast [options]

Projects employment, openings, supply and gaps into the marts from what the warehouse holds (run
\`talent ingest\` first). When nothing the projection reads changed since the last vintage, that
vintage stands and nothing is written.`,
  run: async ({ config, output }) => runResult(await runPipeline(config, { output, command: 'forecast', stages: [projectionStage] })),
};
