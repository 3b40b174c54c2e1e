import type { Stage } from '../pipeline.js';
import { writeReports } from '../commands/report.js';

/**
 * Writes the annual publications of the demo province and each of its cities. Without a projection
 * vintage it says so and writes what it can (the graduate report); it never fails the run for that.
 */
export const reportStage: Stage = {
  name: 'report',
  async run({ wh, runId, config }) {
    const { manifest, lines, seconds } = await writeReports(wh.conn, config, { runId });
    return {
      stage: 'report',
      changed: manifest !== null,
      lines,
      figures: { publications: manifest?.publications.length ?? 0, seconds, dir: manifest?.dir ?? null },
    };
  },
};
