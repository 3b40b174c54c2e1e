#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig, type ConfigFlags } from '@talent/models';
import { warehouseDocs } from './commands/docs.js';
import { ingestCommand } from './commands/ingest.js';
import { reportCommand } from './commands/report.js';
import { runPipeline, type RunSummary } from './commands/run.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { IngestProblem } from '@talent/ingest';
import { DEFAULT_NIGHTLY_CRON, scheduleNightly } from './schedule/nightly.js';

const USAGE = `Usage: talent <command> [options]

Commands:
  run            run the whole nightly pipeline once (default inputs: the bundled demo edition)
  ingest         load the reference data and the sources only, and print per-source figures
  schedule       stay running and start the pipeline every night (--cron, in the configured zone)
  docs [file]    regenerate docs/warehouse.md (or <file>) from the warehouse catalog
  report         write the annual publications of one region (--region, --year, --framework)

Inputs and outputs (flag, else environment variable, else default):
  --warehouse <file>         DuckDB file (TALENT_WAREHOUSE; warehouse/talent.duckdb)
  --data <dir>               folder of the source files the mappings name (TALENT_DATA; datasets/demo);
                             an edition made by \`npm run generate\` runs with this flag alone
  --datasets <dir>           datasets root: reference/, sources/, dictionaries/, demo/ (TALENT_DATASETS; datasets)
  --reference <dir>          code lists, frameworks, crosswalks (TALENT_REFERENCE; <datasets>/reference)
  --sources <dir>            source mapping files (TALENT_SOURCES; <datasets>/sources)
  --dictionaries <dir>       normalisation dictionaries (TALENT_DICTIONARIES; <datasets>/dictionaries)
  --shared-reference <dir>   public samples and list copies (TALENT_SHARED_REFERENCE; ../shared/reference)
  --crosswalk-overrides <dir> crosswalk overrides (TALENT_CROSSWALK_OVERRIDES; <reference>/crosswalks/overrides)
  --memory-limit <size>      DuckDB buffer pool, e.g. 1GB (TALENT_MEMORY_LIMIT; 1GB)
  --out <dir>                reports and exports (TALENT_OUT; out)
  --time-zone <zone>         dates and schedules (TALENT_TIME_ZONE; Asia/Shanghai)
  --max-reject-share <0–1>   share of a load's records that may be rejected before the exit code says so
                             (TALENT_MAX_REJECT_SHARE; 0.5)

Command options:
  --samples                  (ingest) also load the real public samples of the shared reference folder
  --source <id>              (ingest) only this source; repeatable
  --cron <expr>              (schedule) when to run (default "${DEFAULT_NIGHTLY_CRON}")
  --region <code>            (report) region code (default: the province 450000 and each of its cities)
  --year <y>                 (report) report year (default: the projection's last observed year)
  --framework <id>           (report) industry groups (default: the region's own, e.g. gx_nine_cards, lz_5plus5)

Exit codes (see packages/cli/src/exit-codes.ts):
  0 done · 1 the run failed · 2 wrong usage or configuration · 3 unknown source · 4 a mapping file is invalid
  5 no input found · 6 a load failed · 7 a load rejected more than --max-reject-share of its records
`;

/** Command-line flags that configure the platform, by their ConfigFlags name. */
const CONFIG_FLAGS: Record<string, keyof ConfigFlags> = {
  warehouse: 'warehouse',
  data: 'data',
  datasets: 'datasets',
  reference: 'reference',
  sources: 'sources',
  dictionaries: 'dictionaries',
  'shared-reference': 'sharedReference',
  'crosswalk-overrides': 'crosswalkOverrides',
  'memory-limit': 'memoryLimit',
  out: 'out',
  'time-zone': 'timeZone',
  'max-reject-share': 'maxRejectShare',
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...Object.fromEntries(Object.keys(CONFIG_FLAGS).map((f) => [f, { type: 'string' as const }])),
      cron: { type: 'string' },
      region: { type: 'string' },
      year: { type: 'string' },
      framework: { type: 'string' },
      samples: { type: 'boolean' },
      source: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? EXIT.ok : EXIT.usage;
  }
  const flags: ConfigFlags = {};
  for (const [flag, key] of Object.entries(CONFIG_FLAGS)) {
    const v = (values as Record<string, unknown>)[flag];
    if (typeof v === 'string') flags[key] = v;
  }
  const config = resolveConfig(flags);
  switch (command) {
    case 'run':
      return runExitCode(await runPipeline(config));
    case 'ingest':
      return runExitCode(await ingestCommand(config, { samples: values.samples ?? false, sources: values.source ?? [] }));
    case 'schedule': {
      const expression = values.cron ?? DEFAULT_NIGHTLY_CRON;
      scheduleNightly(config, expression);
      console.log(`Scheduled nightly run "${expression}" (${config.timeZone}) on ${config.warehousePath}. Ctrl-C to stop.`);
      return new Promise<number>(() => {});
    }
    case 'report':
      return reportCommand(config, { region: values.region, year: values.year, framework: values.framework });
    case 'docs': {
      const target = positionals[1] ? resolve(positionals[1]) : join(config.repoRoot, 'docs', 'warehouse.md');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, await warehouseDocs());
      console.log(`Wrote ${target}`);
      return 0;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return EXIT.usage;
  }
}

/** A finished run's exit code: from the problems its ingest stage reported (exit-codes.ts). */
function runExitCode(summary: RunSummary): number {
  const figures = summary.stages.find((s) => s.stage === 'ingest')?.figures ?? {};
  return exitCodeFor((figures.problems as IngestProblem[] | undefined) ?? []);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error & { code?: string }) => {
    console.error(`talent: ${err.message}`);
    process.exitCode = err.name === 'ConfigError' || err.code?.startsWith('ERR_PARSE_ARGS') ? EXIT.usage : EXIT.runFailed;
  },
);
