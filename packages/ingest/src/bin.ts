#!/usr/bin/env node
/**
 * `tsx --conditions=source packages/ingest/src/bin.ts [--warehouse <file>] [--datasets <dir>] [--source <id>]… [--no-coding]`
 * Ingests every mapped source into the warehouse and prints the per-source summary. The CLI
 * package wires the same functions into `talent ingest`; this entry exists for operators and CI.
 */
import { defaultWarehousePath, openWarehouse } from '@talent/models';
import { ingestAll, type IngestAllOptions } from './ingest-all.js';
import { defaultNormalizers } from './postings/default-normalizers.js';
import { NO_NORMALIZERS } from './postings/normalizers.js';
import { formatIngestSummary } from './summary.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sources = args.flatMap((a, i) => (a === '--source' && args[i + 1] ? [args[i + 1]!] : []));
const wh = await openWarehouse(opt('--warehouse') ?? defaultWarehousePath());
try {
  const options: IngestAllOptions = {
    normalizers: args.includes('--no-coding') ? NO_NORMALIZERS : defaultNormalizers(),
    ...(opt('--datasets') ? { datasetsDir: opt('--datasets')! } : {}),
    ...(sources.length ? { sources } : {}),
    onLoad: (l) =>
      process.stderr.write(
        `${l.status}\t${l.source}\t${l.filePath}\t${l.rowsRead}/${l.rowsLoaded}/${l.rowsRejected}${l.message ? `\t${l.message}` : ''}\n`,
      ),
  };
  const report = await ingestAll(wh, options);
  process.stdout.write(formatIngestSummary(report) + '\n');
  process.exitCode = report.loads.some((l) => l.status === 'failed') || report.mappingErrors.length ? 2 : 0;
} finally {
  wh.close();
}
