import { listVintages, recentOnlyModels, type Vintage } from '@talent/models';
import { readPublishedRuns } from '@talent/reports/runs';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { openForReading } from '../read-only.js';
import { reportsRoot } from './report.js';
import { retentionStage } from '../stages/retention.js';
import { runPipeline } from './run.js';
import { runResult } from './run-result.js';

/** One vintage as `talent vintages` lists it. */
export interface VintageRow extends Vintage {
  /** Report runs under `<out>/reports` built from it. */
  reports: string[];
}

/**
 * `talent vintages [--drop]`: the projection vintages, newest first, with what each still holds and
 * the reports built from it; `--drop` applies the retention rule (`--keep-vintages`) now, under the
 * run lock, as the nightly run does after its reports.
 */
export const vintagesCommand: Command = {
  name: 'vintages',
  summary: 'projection vintages: what each holds, the reports built from it; --drop applies --keep-vintages',
  help: `Usage: talent vintages [--drop] [options]

Lists the projection vintages of the warehouse, newest first: when each was committed, its last
observed year, whether it is whole or its occupation-level rows were dropped by the retention rule
(and when), and the report runs under <out>/reports built from it. Every vintage keeps its industry
trend (marts.fct_industry_trend) and its accuracy record (marts.fct_projection_accuracy).

The retention rule, --keep-vintages <n> (TALENT_KEEP_VINTAGES): the newest n vintages and every
vintage a report was built from stay whole; older vintages lose their rows in the marts models
declared "-- vintages: recent" (the occupation-level ones; the listing names them). \`talent run\`
applies it after its reports.

Options:
  --drop           apply the retention rule now (needs --keep-vintages), as a recorded run`,
  options: { drop: { type: 'boolean' } },
  async run({ config, values, output }) {
    if (values.drop === true) {
      if (config.keepVintages === null) {
        output.error('talent vintages --drop: no retention rule set; give --keep-vintages <n> (or TALENT_KEEP_VINTAGES).');
        return { exitCode: EXIT.usage, result: { error: 'no --keep-vintages' } };
      }
      return runResult(await runPipeline(config, { output, command: 'vintages', stages: [retentionStage] }));
    }
    const wh = await openForReading(config, output);
    if (!('conn' in wh)) return wh;
    try {
      const { runs, unreadable } = readPublishedRuns(reportsRoot(config));
      const rows: VintageRow[] = (await listVintages(wh.conn)).map((v) => ({
        ...v,
        reports: runs.filter((r) => r.vintage === v.runId).map((r) => r.runId),
      }));
      const lines = rows.length
        ? [
            `Projection vintages of ${config.warehousePath} (newest first; retention rule: ${config.keepVintages === null ? 'none set (--keep-vintages <n>)' : `the newest ${config.keepVintages} whole`}):`,
            ...rows.map(
              (v) =>
                `${v.runId}  ${v.finishedAt}  data to ${v.lastObservedYear}  ${v.detailDroppedAt ? `trend only (occupation rows dropped ${v.detailDroppedAt})` : 'whole'}${v.reports.length ? `  reports: ${v.reports.join(', ')}` : ''}`,
            ),
          ]
        : [`No projection vintages in ${config.warehousePath} yet: run \`talent run\` or \`talent forecast\`.`];
      lines.push(`Rows the retention rule drops from older vintages: ${recentOnlyModels().join(', ')}.`);
      for (const f of unreadable)
        lines.push(
          `Cannot read ${f}: its reports' vintage is unknown, and the retention rule drops nothing until it is repaired or removed.`,
        );
      output.line(lines.join('\n'));
      return {
        exitCode: EXIT.ok,
        result: { warehouse: config.warehousePath, keepVintages: config.keepVintages, vintages: rows, unreadable },
      };
    } finally {
      wh.close();
    }
  },
};
