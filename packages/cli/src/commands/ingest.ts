import type { Config } from '@talent/models';
import { ingestStage, type IngestStageOptions } from '../stages/ingest.js';
import { referenceStage } from '../stages/reference.js';
import { runPipeline, type RunSummary } from './run.js';

/**
 * Loads the reference data (names are matched against it), then the sources, and prints per
 * source: rows read, loaded, rejected by reason, duplicates collapsed and coding coverage. Runs
 * under the run lock and is recorded in `meta.runs` like a full run.
 */
export async function ingestCommand(
  config: Config,
  options: IngestStageOptions & { log?: (line: string) => void } = {},
): Promise<RunSummary> {
  return runPipeline(config, {
    command: 'ingest',
    stages: [referenceStage, ingestStage(options)],
    ...(options.log ? { log: options.log } : {}),
  });
}
