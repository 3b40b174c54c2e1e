#!/usr/bin/env node
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetsDir, defaultWarehousePath, repoRoot } from '@talent/models';
import { warehouseDocs } from './commands/docs.js';
import { ingestCommand } from './commands/ingest.js';
import { runPipeline } from './commands/run.js';
import { DEFAULT_NIGHTLY_CRON, scheduleNightly } from './schedule/nightly.js';

const USAGE = `Usage: talent <command> [options]

Commands:
  run        run the whole nightly pipeline once (default inputs: the bundled demo datasets)
  ingest     load the sources only and print per-source figures (--samples adds ../shared/reference)
  schedule   stay running and start the pipeline every night (--cron, Asia/Shanghai)
  docs       regenerate docs/warehouse.md from the warehouse catalog

Options:
  --warehouse <file>   DuckDB file (default warehouse/talent.duckdb, env TALENT_WAREHOUSE)
  --datasets <dir>     datasets folder (default ./datasets, env TALENT_DATASETS)
  --out <dir>          where reports are written (default ./out)
  --samples            (ingest) also load the real public samples in ../shared/reference
  --source <id>        (ingest) only this source; repeatable
  --cron <expr>        schedule time (default "${DEFAULT_NIGHTLY_CRON}")
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      warehouse: { type: 'string' },
      datasets: { type: 'string' },
      out: { type: 'string' },
      cron: { type: 'string' },
      samples: { type: 'boolean' },
      source: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const options = {
    warehousePath: values.warehouse ? resolve(values.warehouse) : defaultWarehousePath(),
    datasetsDir: values.datasets ? resolve(values.datasets) : datasetsDir(),
    outDir: values.out ? resolve(values.out) : join(repoRoot(), 'out'),
  };
  switch (command) {
    case 'run':
      await runPipeline(options);
      return 0;
    case 'ingest': {
      const report = await ingestCommand({ ...options, samples: values.samples ?? false, sources: values.source ?? [] });
      return report.loads.some((l) => l.status === 'failed') || report.mappingErrors.length ? 2 : 0;
    }
    case 'schedule': {
      const expression = values.cron ?? DEFAULT_NIGHTLY_CRON;
      scheduleNightly(options, expression);
      console.log(`Scheduled nightly run "${expression}" (Asia/Shanghai) on ${options.warehousePath}. Ctrl-C to stop.`);
      return new Promise<number>(() => {});
    }
    case 'docs': {
      const target = values.out ? resolve(values.out) : join(repoRoot(), 'docs', 'warehouse.md');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await warehouseDocs());
      console.log(`Wrote ${target}`);
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`talent: ${err.message}`);
    process.exitCode = 1;
  },
);
