import { dropVintageDetail, listVintages, vintagesBeyond } from '@talent/models';
import { readPublishedRuns } from '@talent/reports/runs';
import { reportsRoot } from '../commands/report.js';
import type { Stage } from '../pipeline.js';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The retention rule of projection vintages (`--keep-vintages <n>`): the newest n vintages, and
 * every vintage a report under `<out>/reports` was built from, keep all their rows; older ones lose
 * their occupation-level rows (the models declared `-- vintages: recent`) and keep their industry
 * trend and accuracy record. A nightly run writes a vintage of about three million rows on a
 * province, so without the rule the warehouse and its snapshot grow by that every night the inputs
 * change. Without `--keep-vintages` every vintage stays whole.
 */
export const retentionStage: Stage = {
  name: 'retention',
  async run({ wh, config }) {
    const vintages = await listVintages(wh.conn);
    const whole = vintages.filter((v) => v.detailDroppedAt === null).length;
    const keep = config.keepVintages;
    if (keep === null)
      return {
        stage: 'retention',
        changed: false,
        lines: [`Vintages: ${vintages.length}, ${whole} whole; no retention rule (--keep-vintages <n> keeps the newest n whole).`],
        figures: { vintages: vintages.length, whole },
      };
    const reports = reportsRoot(config);
    const { runs, unreadable } = readPublishedRuns(reports);
    // A report whose vintage cannot be read might have been built from any of them: drop nothing.
    if (unreadable.length > 0)
      return {
        stage: 'retention',
        changed: false,
        lines: [`Vintages: nothing dropped, ${unreadable.length} report record(s) cannot be read: ${unreadable.join(', ')}.`],
        figures: { vintages: vintages.length, whole, unreadable },
        problems: [
          `retention: cannot read ${unreadable.join(', ')}, so the vintage its reports were built from is unknown; repair or remove the file and the next run applies --keep-vintages`,
        ],
      };
    const published = new Set(runs.flatMap((r) => (r.vintage ? [r.vintage] : [])));
    const drop = vintagesBeyond(vintages, keep, published);
    const deleted = await dropVintageDetail(wh.conn, drop);
    // Freed blocks are reused by the next vintage once checkpointed: the file stops growing.
    if (drop.length > 0) await wh.conn.run('CHECKPOINT');
    const rows = [...deleted.values()].reduce((a, n) => a + n, 0);
    const protectedOld = vintages.slice(keep).filter((v) => published.has(v.runId)).length;
    const kept = `${whole - drop.length} whole: the newest ${Math.min(keep, vintages.length)}${protectedOld ? ` and ${protectedOld} older one(s) a report in ${reports} was built from` : ''}`;
    return {
      stage: 'retention',
      changed: drop.length > 0,
      lines: [
        drop.length > 0
          ? `Vintages: ${vintages.length}, ${kept}; the occupation-level rows of ${drop.length} older one(s) dropped (${fmt(rows)} rows of ${[...deleted.keys()].join(', ')}); every vintage keeps its industry trend and accuracy record.`
          : `Vintages: ${vintages.length}, ${kept}; nothing to drop.`,
      ],
      figures: { vintages: vintages.length, whole: whole - drop.length, keep, dropped: drop, rowsDeleted: Object.fromEntries(deleted) },
    };
  },
};
