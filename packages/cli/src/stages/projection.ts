import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectionFingerprint, runProjection } from '@talent/forecast';
import { readPublicationRules } from '@talent/reports/rules';
import { publicationRegions } from '../commands/report.js';
import type { Stage } from '../pipeline.js';
import { projectionSummary, summaryFrameworks } from './projection-summary.js';

/** Bumped when the engine's forecasts change for the same inputs, so the next run writes a new vintage. */
const ENGINE_VERSION = 'forecast-1';

/**
 * Projects employment, openings, supply and gaps into the marts: a new vintage under the run's
 * id, unless nothing the projections read has changed since the last vintage (then that one
 * stands and nothing is written).
 */
export const projectionStage: Stage = {
  name: 'projection',
  async run({ wh, runId, log, config }) {
    // The summary's frameworks are the published regions' (a --regions code the lists lack stops the
    // stage here, before a vintage is written); without publication rules no framework is the default.
    const rulesFile = join(config.datasetsDir, 'publications', 'rules.json');
    const frameworks = existsSync(rulesFile)
      ? await summaryFrameworks(wh.conn, readPublicationRules(config.datasetsDir), (await publicationRegions(wh.conn, config)).regions)
      : [];
    const summary = (vintage: string) => projectionSummary(wh.conn, vintage, frameworks);
    const fingerprint = await projectionFingerprint(wh.conn, ENGINE_VERSION);
    const last = (
      await wh.conn.runAndReadAll(`SELECT run_id, fingerprint FROM meta.projection_runs ORDER BY finished_at DESC, run_id DESC LIMIT 1`)
    ).getRowsJson()[0];
    if (last && last[1] === fingerprint) {
      const lines = [`Projection: inputs unchanged since run ${String(last[0])}; its vintage stands, nothing written.`];
      lines.push(...(await summary(String(last[0]))));
      return { stage: 'projection', changed: false, lines, figures: { vintage: String(last[0]) } };
    }
    const result = await runProjection(wh.conn, runId, fingerprint, log);
    if (result.series === 0)
      return {
        stage: 'projection',
        changed: false,
        lines: ['Projection: no published employment in core.employment (load the yearbook tables); nothing projected.'],
        figures: { series: 0 },
      };
    const lines = [
      `Projection: vintage ${runId}, ${result.series} series (${Object.entries(result.methods)
        .map(([m, n]) => `${m} ${n}`)
        .join(', ')}), ${result.lastYear + 1}–${result.lastYear + result.horizon} in ${result.seconds.toFixed(1)} s.`,
      ...(await summary(runId)),
    ];
    return {
      stage: 'projection',
      changed: true,
      lines,
      rows: Object.values(result.marts).reduce((a, n) => a + n, 0),
      figures: { vintage: runId, series: result.series, lastObservedYear: result.lastYear, rows: result.marts, seconds: result.seconds },
    };
  },
};
