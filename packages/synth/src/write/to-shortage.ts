import { join } from 'node:path';
import type { Rng } from '../prng.js';
import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import type { World } from '../world/build-world.js';
import { periodFlows, rankByGap, type OccupationTotals } from './occupation-totals.js';

export const SHORTAGE_HEADER = ['排名', '职业代码', '职业名称', '招聘需求人数', '求职人数', '缺口数', '求人倍率', '上期排名'] as const;
/** 表5 按职业分组的供求人数 of the quarterly 供求状况分析, as the public employment services print it. */
export const GROUP_HEADER = ['职业类别', '需求人数', '需求比重(%)', '求职人数', '求职比重(%)', '求人倍率'] as const;

/**
 * Quarterly public-employment-service rankings: registered vacancies and seekers are a noisy
 * fraction of the true flows, ranked by their difference like the national 最缺工 tables. Beside each
 * ranking, the same registrations summed by 大典 大类 (the table by occupation group).
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
      writeGroups(world, observed, join(out, 'shortage', `occupation_groups_${year}Q${quarter}.csv`));
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

/**
 * The registrations of one quarter by occupation group: a row per 大类 of the 大典 (zero where the world has none of
 * its occupations), 无要求 (the seekers who name no occupation, a fixed share of every group's: vacancies always
 * name one) and 合计.
 */
function writeGroups(world: World, observed: { o: number; demand: number; supply: number }[], path: string): void {
  const occs = world.staffing.occupations;
  const groups = world.ref.occupationGroups;
  const vacancies = groups.map(() => 0);
  const seekers = groups.map(() => 0);
  for (const r of observed) {
    const g = groups.findIndex((x) => x.code[0] === occs[r.o]!.code[0]);
    vacancies[g]! += r.demand;
    seekers[g]! += r.supply;
  }
  const noPreference = seekers.map((s) => Math.round(s * world.a.shortage.noPreferenceShare));
  const named = seekers.map((s, g) => s - noPreference[g]!);
  const totalV = vacancies.reduce((x, y) => x + y, 0);
  const totalS = seekers.reduce((x, y) => x + y, 0);
  const share = (x: number, of: number) => (of > 0 ? ((100 * x) / of).toFixed(2) : '');
  const ratio = (v: number, s: number) => (s > 0 ? (v / s).toFixed(2) : '');
  const sink = new TextSink(path, { encoding: 'utf8', bom: true });
  sink.line(csvLine(GROUP_HEADER));
  groups.forEach((g, i) =>
    sink.line(
      csvLine([g.name, vacancies[i]!, share(vacancies[i]!, totalV), named[i]!, share(named[i]!, totalS), ratio(vacancies[i]!, named[i]!)]),
    ),
  );
  const np = noPreference.reduce((x, y) => x + y, 0);
  sink.line(csvLine(['无要求', '', '', np, share(np, totalS), '']));
  sink.line(csvLine(['合计', totalV, share(totalV, totalV), totalS, share(totalS, totalS), ratio(totalV, totalS)]));
  sink.close();
}
