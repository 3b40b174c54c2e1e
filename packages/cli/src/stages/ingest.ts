import {
  buildCoders,
  formatIngestSummary,
  ingestAll,
  postingNormalizers,
  readCoderReference,
  readMapping,
  resolveFiles,
} from '@talent/ingest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { todayIn } from '@talent/models';
import type { Stage } from '../pipeline.js';

/** Which sources an ingest stage loads. */
export interface IngestStageOptions {
  /** Also resolve the mappings against the public samples (the configuration's `sharedReferenceDir`). */
  samples?: boolean;
  /** Only these source ids (all when empty). */
  sources?: readonly string[];
  /** Exactly these files, each with its source (`talent ingest <file>`). */
  files?: readonly { source: string; path: string }[];
  /** Load those files even if their content was loaded before (`talent ingest <file> --reload`). */
  reload?: boolean;
}

/** Files the mappings name in the roots (for a progress bar; an invalid mapping counts none and is reported by the load). */
function countFiles(sourcesDir: string, roots: readonly string[], sources: readonly string[] = []): number {
  if (!existsSync(sourcesDir)) return 0;
  let n = 0;
  for (const f of readdirSync(sourcesDir).filter((x) => x.endsWith('.json'))) {
    try {
      const m = readMapping(join(sourcesDir, f));
      if (!sources.length || sources.includes(m.source)) n += resolveFiles(m, roots).length;
    } catch {
      // counted as nothing; ingestAll reports the mapping
    }
  }
  return n;
}

/**
 * Loads every file of the data folder that the mappings of the sources folder name, coding
 * postings with coders built from the reference folder. Files already loaded (same content hash, or
 * the same path, size and modification time as a load that hashed them) are skipped, so a re-run
 * loads nothing twice.
 */
export function ingestStage(options: IngestStageOptions = {}): Stage {
  return {
    name: 'ingest',
    async run({ wh, config, log, progress }) {
      const roots = [config.dataDir];
      if (options.samples) {
        if (config.sharedReferenceDir) roots.push(config.sharedReferenceDir);
        else log('No shared reference folder (../shared/reference or --shared-reference): loading the data folder only.');
      }
      const bar = progress?.('ingest', options.files?.length ?? countFiles(config.sourcesDir, roots, options.sources));
      const report = await ingestAll(wh, {
        onLoad: (r) => bar?.tick(r.filePath.split('/').at(-1)),
        ...(options.files ? { files: [...options.files] } : {}),
        ...(options.reload ? { reload: true } : {}),
        sourcesDir: config.sourcesDir,
        roots,
        normalizers: async () => postingNormalizers(buildCoders(await readCoderReference(config))),
        today: todayIn(config.timeZone),
        maxRejectShare: config.maxRejectShare,
        loadOptions: { memoryLimit: config.memoryLimit },
        ...(options.sources?.length ? { sources: [...options.sources] } : {}),
      });
      bar?.stop();
      const written = report.loads.filter((l) => l.status === 'loaded' || l.status === 'replaced');
      const failed = report.loads.filter((l) => l.status === 'failed');
      const lines = [formatIngestSummary(report)];
      if (report.loads.length === 0) lines.push(`Ingest: no file loaded from ${roots.join(', ')}.`);
      else if (written.length === 0 && failed.length === 0)
        lines.push(`Ingest: ${report.loads.length} files, all already loaded (unchanged or same content hash); nothing written.`);
      else if (written.length === 0) {
        const skipped = report.loads.length - failed.length;
        lines.push(
          `Ingest: ${report.loads.length} files, ${failed.length} failed (kept in meta.loads with the reason; see the problems above)${skipped ? `, ${skipped} already loaded (unchanged or same content hash)` : ''}; nothing written.`,
        );
      } else
        lines.push(
          `Ingest: ${written.length} of ${report.loads.length} files loaded${failed.length ? `, ${failed.length} failed (kept in meta.loads)` : ''}.`,
        );
      return {
        stage: 'ingest',
        changed: written.length > 0,
        lines,
        rows: report.loads.reduce((a, l) => a + l.rowsLoaded, 0),
        problems: report.problems.map((p) => p.message),
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
