/**
 * Runs the projection stage alone against a warehouse that reference and ingest have filled, in a
 * process of its own so that its seconds and peak RSS are its own; writes them as JSON to --result.
 * Started by bench/talent.ts; not meant to be run by hand.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runPipeline, type Stage } from '@talent/cli';
import { resolveConfig } from '@talent/models';
import type { ProjectionRun } from './pipeline.js';
import { findProjectionStage, NO_PROJECTION_STAGE } from './projection-stage.js';

const { values } = parseArgs({ options: { warehouse: { type: 'string' }, data: { type: 'string' }, result: { type: 'string' } } });
if (!values.warehouse || !values.data || !values.result) throw new Error('projection-child: --warehouse, --data and --result are required');
const stage = findProjectionStage();
if (!stage) {
  console.error(NO_PROJECTION_STAGE);
  process.exit(2);
}
let seconds = NaN;
let lines: string[] = [];
const timed: Stage = {
  name: stage.name,
  async run(ctx) {
    const started = performance.now();
    try {
      const result = await stage.run(ctx);
      lines = result.lines;
      return result;
    } finally {
      seconds = (performance.now() - started) / 1000;
    }
  },
};
const config = resolveConfig({ warehouse: values.warehouse, data: values.data });
const summary = await runPipeline(config, { stages: [timed], command: 'bench-talent-projection' });
const result: ProjectionRun = { runId: summary.runId, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, lines };
writeFileSync(values.result, JSON.stringify(result));
