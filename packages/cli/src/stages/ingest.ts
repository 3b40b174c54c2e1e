import { defaultNormalizers, formatIngestSummary, ingestAll } from '@talent/ingest';
import type { Stage } from '../pipeline.js';

/**
 * Loads every source file of `datasets/` (the demo province by default) that the mappings in
 * `datasets/sources/` name. Files already loaded (same content hash) are skipped, so a re-run
 * loads nothing twice.
 */
export const ingestStage: Stage = {
  name: 'ingest',
  async run({ wh, datasetsDir }) {
    const report = await ingestAll(wh, { datasetsDir, roots: [datasetsDir], normalizers: defaultNormalizers() });
    const written = report.loads.filter((l) => l.status === 'loaded' || l.status === 'replaced');
    const failed = report.loads.filter((l) => l.status === 'failed');
    const lines = [formatIngestSummary(report)];
    if (report.loads.length === 0) lines.push(`Ingest: no files matched the mappings in ${datasetsDir}/sources; nothing to load.`);
    else if (written.length === 0)
      lines.push(`Ingest: ${report.loads.length} files, all already loaded (same content hash); nothing written.`);
    else
      lines.push(
        `Ingest: ${written.length} of ${report.loads.length} files loaded${failed.length ? `, ${failed.length} failed (kept in meta.loads)` : ''}.`,
      );
    return {
      stage: 'ingest',
      changed: written.length > 0,
      lines,
      figures: {
        files: report.loads.length,
        loaded: written.length,
        failed: failed.length,
        rowsRead: report.loads.reduce((a, l) => a + l.rowsRead, 0),
        rowsLoaded: report.loads.reduce((a, l) => a + l.rowsLoaded, 0),
        rowsRejected: report.loads.reduce((a, l) => a + l.rowsRejected, 0),
        mappingErrors: report.mappingErrors,
      },
    };
  },
};
