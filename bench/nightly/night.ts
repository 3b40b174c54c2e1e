/**
 * One night of bench/nightly.ts: `talent run` (every stage of the pipeline) against the given data
 * folder and warehouse, in a process of its own so that its seconds and peak RSS are its own;
 * writes them with the run's per-stage timings as JSON to --result. Not meant to be run by hand.
 */
import { openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runPipeline } from '@talent/cli';
import { resolveConfig } from '@talent/models';
import type { NightResult } from './night-result.js';

const { values } = parseArgs({
  options: { warehouse: { type: 'string' }, data: { type: 'string' }, result: { type: 'string' }, log: { type: 'string' } },
});
if (!values.warehouse || !values.data || !values.result || !values.log)
  throw new Error('night: --warehouse, --data, --result and --log are required');
const fd = openSync(values.log, 'a');
const started = performance.now();
// Reports and the snapshot go beside the scratch warehouse, never into the repository's out/.
const config = resolveConfig({ warehouse: values.warehouse, data: values.data, out: join(dirname(values.warehouse), 'out') });
const summary = await runPipeline(config, {
  command: 'bench-nightly',
  log: (line) => writeSync(fd, `${line}\n`),
});
const rowsLoaded = Number(summary.stages.find((s) => s.stage === 'ingest')?.figures.rowsLoaded ?? 0);
const result: NightResult = {
  seconds: (performance.now() - started) / 1000,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  status: summary.status,
  stages: summary.timings.map((t) => ({ stage: t.stage, seconds: t.seconds, rows: t.rows, changed: t.changed })),
  rowsLoaded,
};
writeFileSync(values.result, JSON.stringify(result));
