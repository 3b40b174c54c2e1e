import { defaultNormalizers, formatIngestSummary, ingestAll, sharedReferenceDir, type IngestReport } from '@talent/ingest';
import { openWarehouse } from '@talent/models';
import { withRunLock } from '../run-lock.js';
import { referenceStage } from '../stages/reference.js';
import type { RunOptions } from './run.js';

export interface IngestCommandOptions extends RunOptions {
  /** Also load the real public samples in `../shared/reference/` beside the repository. */
  samples?: boolean;
  /** Only these source ids. */
  sources?: string[];
}

/**
 * Loads the reference data (names are matched against it), then every mapped source, and prints
 * per source: rows read, loaded, rejected by reason, duplicates collapsed and coding coverage.
 */
export async function ingestCommand(options: IngestCommandOptions): Promise<IngestReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  return withRunLock(options.warehousePath, async () => {
    const wh = await openWarehouse(options.warehousePath);
    try {
      const ctx = { wh, runId: 'ingest', datasetsDir: options.datasetsDir, outDir: options.outDir, log };
      const ref = await referenceStage.run(ctx);
      log(ref.lines.at(-1) ?? '');
      const shared = options.samples ? sharedReferenceDir() : null;
      if (options.samples && !shared) log('No ../shared/reference beside the repository: loading the datasets folder only.');
      const report = await ingestAll(wh, {
        datasetsDir: options.datasetsDir,
        roots: [options.datasetsDir, ...(shared ? [shared] : [])],
        normalizers: defaultNormalizers(),
        ...(options.sources?.length ? { sources: options.sources } : {}),
      });
      log(formatIngestSummary(report));
      return report;
    } finally {
      wh.close();
    }
  });
}
