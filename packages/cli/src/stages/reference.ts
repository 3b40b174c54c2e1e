import { join } from 'node:path';
import { formatTotals, loadReference, readCodeLists, readCrosswalks, readFrameworks, readProjectionReference } from '@talent/models';
import type { Stage } from '../pipeline.js';

/** Validates the code lists, frameworks, crosswalks and projection defaults of the reference folder and loads what changed. */
export const referenceStage: Stage = {
  name: 'reference',
  async run({ wh, config }) {
    const refDir = config.referenceDir;
    const codeLists = await readCodeLists(refDir);
    const frameworks = readFrameworks(join(refDir, 'frameworks'), codeLists.trees);
    const crosswalks = readCrosswalks(join(refDir, 'crosswalks'), config.crosswalkOverridesDir, codeLists.trees);
    const projection = readProjectionReference(join(refDir, 'projection'), config.projectionOverridesDir, codeLists.trees);
    const results = await loadReference(wh.conn, [...codeLists.tables, ...frameworks, ...crosswalks, ...projection]);
    const loaded = results.filter((r) => r.status === 'loaded');
    const lines = ['Code list totals (loaded vs official):', formatTotals(codeLists.totals), ''];
    if (loaded.length === 0) {
      lines.push(`Reference data unchanged: ${results.length} lists already loaded with the same content hash; nothing written.`);
    } else {
      for (const r of loaded)
        lines.push(`  loaded ${r.listId.padEnd(28)} ${String(r.rows).padStart(7)} rows into ${r.table} (${r.edition})`);
      lines.push(`Reference data: ${loaded.length} of ${results.length} lists (re)loaded.`);
    }
    return {
      stage: 'reference',
      changed: loaded.length > 0,
      lines,
      rows: loaded.reduce((a, r) => a + r.rows, 0),
      figures: {
        lists: results.length,
        loaded: loaded.map((r) => r.listId),
        rows: Object.fromEntries(results.map((r) => [r.listId, r.rows])),
      },
    };
  },
};
