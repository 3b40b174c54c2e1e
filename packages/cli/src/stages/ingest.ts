import { buildCoders, formatIngestSummary, ingestAll, postingNormalizers, readCoderReference } from '@talent/ingest';
import { todayIn } from '@talent/models';
import type { Stage } from '../pipeline.js';

/** Which sources an ingest stage loads. */
export interface IngestStageOptions {
  /** Also resolve the mappings against the public samples (the configuration's `sharedReferenceDir`). */
  samples?: boolean;
  /** Only these source ids (all when empty). */
  sources?: readonly string[];
}

/**
 * Loads every file of the data folder that the mappings of the sources folder name, coding
 * postings with coders built from the reference folder. Files already loaded (same content hash)
 * are skipped, so a re-run loads nothing twice.
 */
export function ingestStage(options: IngestStageOptions = {}): Stage {
  return {
    name: 'ingest',
    async run({ wh, config, log }) {
      const roots = [config.dataDir];
      if (options.samples) {
        if (config.sharedReferenceDir) roots.push(config.sharedReferenceDir);
        else log('No shared reference folder (../shared/reference or --shared-reference): loading the data folder only.');
      }
      const coders = buildCoders(await readCoderReference(config));
      const report = await ingestAll(wh, {
        sourcesDir: config.sourcesDir,
        roots,
        normalizers: postingNormalizers(coders),
        today: todayIn(config.timeZone),
        maxRejectShare: config.maxRejectShare,
        ...(options.sources?.length ? { sources: [...options.sources] } : {}),
      });
      const written = report.loads.filter((l) => l.status === 'loaded' || l.status === 'replaced');
      const failed = report.loads.filter((l) => l.status === 'failed');
      const lines = [formatIngestSummary(report)];
      if (report.loads.length === 0) lines.push(`Ingest: no file loaded from ${roots.join(', ')}.`);
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
          problems: report.problems,
        },
      };
    },
  };
}
