import type { World } from '../world/build-world.js';

/** Province totals per occupation and year (index `[o][t]`), the basis of rankings. */
export interface OccupationTotals {
  employment: Float64Array[];
  openings: Float64Array[];
  graduateSupply: Float64Array[];
  otherSupply: Float64Array[];
}

export function occupationTotals(world: World): OccupationTotals {
  const T = world.axis.length;
  const sum = (cube: Float64Array[][]) =>
    cube.map((cities) => {
      const out = new Float64Array(T);
      for (const c of cities) for (let t = 0; t < T; t++) out[t]! += c[t]!;
      return out;
    });
  return {
    employment: sum(world.occupations.employment),
    openings: world.provinceOpenings,
    graduateSupply: sum(world.outcomes.supply),
    otherSupply: sum(world.occupations.seekers),
  };
}

/** A period's openings and supply of one occupation: a year (quarter 0) or one quarter of it. */
export function periodFlows(
  world: World,
  totals: OccupationTotals,
  o: number,
  year: number,
  quarter: 0 | 1 | 2 | 3 | 4,
): { openings: number; supply: number } {
  const t = year - world.axis.y0;
  const s = world.a.seasonality;
  const open = totals.openings[o]![t]!;
  const grad = totals.graduateSupply[o]![t]!;
  const other = totals.otherSupply[o]![t]!;
  if (quarter === 0) return { openings: open, supply: grad + other };
  const q = quarter - 1;
  return { openings: open * s.openings[q]!, supply: grad * s.graduates[q]! + other * s.seekers[q]! };
}

/**
 * Occupations with openings above supply by at least half a person (the lists print whole persons, so no
 * listed gap reads 0), ranked by the gap (largest first), at most `limit`.
 */
export function rankByGap(rows: { o: number; demand: number; supply: number }[], limit: number) {
  return rows
    .filter((r) => r.demand - r.supply >= 0.5)
    .sort((a, b) => b.demand - b.supply - (a.demand - a.supply) || a.o - b.o)
    .slice(0, limit);
}
