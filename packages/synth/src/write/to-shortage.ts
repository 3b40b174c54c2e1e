import { join } from 'node:path';
import type { Rng } from '../prng.js';
import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import type { World } from '../world/build-world.js';
import { periodFlows, rankByGap, type OccupationTotals } from './occupation-totals.js';

export const SHORTAGE_HEADER = ['排名', '职业代码', '职业名称', '招聘需求人数', '求职人数', '缺口数', '求人倍率', '上期排名'] as const;

/**
 * Quarterly public-employment-service rankings: registered vacancies and seekers are a noisy
 * fraction of the true flows, ranked by their difference like the national 最缺工 tables.
 */
export function writeShortage(
  world: World,
  totals: OccupationTotals,
  rng: Rng,
  out: string,
): { files: number; rows: number; missingCodes: number } {
  const sh = world.a.shortage;
  const occs = world.staffing.occupations;
  let previous = new Map<number, number>();
  let files = 0;
  let rows = 0;
  let missingCodes = 0;
  for (let year = world.a.years.shortageFrom; year <= world.axis.latest; year++) {
    for (const quarter of [1, 2, 3, 4] as const) {
      const observed = occs.map((_, o) => {
        const f = periodFlows(world, totals, o, year, quarter);
        return {
          o,
          demand: Math.round(f.openings * sh.registrationRate * rng.lognormal(sh.noiseSd)),
          supply: Math.round(f.supply * sh.registrationRate * rng.lognormal(sh.noiseSd)),
        };
      });
      const ranked = rankByGap(observed, sh.rows);
      const sink = new TextSink(join(out, 'shortage', `shortage_${year}Q${quarter}.csv`), { encoding: 'utf8', bom: true });
      sink.line(csvLine(SHORTAGE_HEADER));
      const current = new Map<number, number>();
      ranked.forEach((r, i) => {
        const occ = occs[r.o]!;
        const missing = rng.chance(sh.missingCodeRate);
        if (missing) missingCodes++;
        const ratio = r.supply > 0 ? (r.demand / r.supply).toFixed(2) : '';
        sink.line(
          csvLine([i + 1, missing ? '' : occ.code, occ.name, r.demand, r.supply, r.demand - r.supply, ratio, previous.get(r.o) ?? '']),
        );
        current.set(r.o, i + 1);
        rows++;
      });
      sink.close();
      files++;
      previous = current;
    }
  }
  return { files, rows, missingCodes };
}
