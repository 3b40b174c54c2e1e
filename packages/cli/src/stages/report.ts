import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { activeLoad, loadWithRows } from '@talent/models';
import type { Stage } from '../pipeline.js';
import { publicationRegions, reportsRoot, writeReports } from '../commands/report.js';

/** Bumped when the publications change for the same inputs, so the next run writes them again. */
const REPORTS_VERSION = 'reports-10';

/**
 * Writes the annual publications of the configured regions (`--regions`), else of the regions with
 * data of their own (PDFs for the provinces; `publicationRegions`), unless the inputs
 * they read (projection vintage, loads, publication rules) are those of the reports `latest`
 * points at. Without a projection vintage it says so and writes what it can (the graduate report).
 */
export const reportStage: Stage = {
  name: 'report',
  async run({ wh, runId, config }) {
    const inputs = await wh.conn.runAndReadAll(
      `SELECT (SELECT max(run_id) FILTER (WHERE finished_at = (SELECT max(finished_at) FROM meta.projection_runs)) FROM meta.projection_runs),
              (SELECT string_agg(load_id, ',' ORDER BY load_id) FROM meta.loads WHERE ${activeLoad()} AND ${loadWithRows()})`,
    );
    const rulesPath = join(config.datasetsDir, 'publications', 'rules.json');
    if (!existsSync(rulesPath))
      return { stage: 'report', changed: false, lines: [`Reports: no publication rules at ${rulesPath}; nothing written.`], figures: {} };
    const rules = readFileSync(rulesPath);
    const fingerprint = createHash('sha256')
      // Unconfigured, the regions published follow the loads, already inputs; configured ones join them.
      .update(JSON.stringify([REPORTS_VERSION, inputs.getRowsJson()[0], ...(config.regions ? [config.regions] : [])]))
      .update(rules)
      .digest('hex');
    const root = reportsRoot(config);
    const stamp = join(root, 'latest.inputs');
    if (existsSync(join(root, 'latest')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint)
      return {
        stage: 'report',
        changed: false,
        lines: [`Reports: inputs unchanged since the reports in ${join(root, 'latest')}; nothing written.`],
        figures: {},
      };
    // By default the night prints the provinces' PDFs; a city's PDF is `talent report --region <code>` away.
    const { regions, pdfRegions } = await publicationRegions(wh.conn, config);
    const { manifest, lines, seconds } = await writeReports(wh.conn, config, { runId, regions, pdfRegions });
    if (manifest) writeFileSync(stamp, fingerprint);
    return {
      stage: 'report',
      changed: manifest !== null,
      lines,
      figures: { publications: manifest?.publications.length ?? 0, seconds, dir: manifest?.dir ?? null },
    };
  },
};
