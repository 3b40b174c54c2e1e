import type { Assumptions } from '../assumptions.js';
import type { Rng } from '../prng.js';
import type { IndustryPaths } from './industry-paths.js';
import { staffingMix, type StaffingMatrix } from './staffing.js';
import type { TimeAxis } from './time-axis.js';

/** True occupation employment, openings and non-graduate job seekers per occupation × city × year. */
export interface OccupationPaths {
  /** `[o][c][t]` employment. */
  employment: Float64Array[][];
  /** `[o][c][t]` openings = growth + replacement of the previous year's employment. */
  openings: Float64Array[][];
  /** `[o][c][t]` experienced job seekers (non-graduate supply). */
  seekers: Float64Array[][];
  /** Per occupation: `[d, weight]` of divisions employing it (for posting industry and outcomes). */
  divisionsOf: { division: number; share: number }[][];
  replacement: number[];
}

/** Applies the staffing pattern (tilted towards digital and green occupations over time) to industry paths. */
export function buildOccupationPaths(
  a: Assumptions,
  rng: Rng,
  axis: TimeAxis,
  ind: IndustryPaths,
  staff: StaffingMatrix,
  cityCount: number,
): OccupationPaths {
  const T = axis.length;
  const employment = staff.occupations.map(() => Array.from({ length: cityCount }, () => new Float64Array(T)));
  const divisionsOf: { division: number; share: number }[][] = staff.occupations.map(() => []);
  staff.rows.forEach((row, d) => {
    for (const r of row) divisionsOf[r.occupation]!.push({ division: d, share: r.share });
    for (let t = 0; t < T; t++) {
      const { weights: tilted, norm } = staffingMix(a, staff, d, axis.y0 + t - axis.first);
      for (let c = 0; c < cityCount; c++) {
        const e = ind.employment[d]![c]![t]!;
        row.forEach((r, k) => {
          employment[r.occupation]![c]![t]! += (e * tilted[k]!) / norm;
        });
      }
    }
  });
  const replacement = staff.occupations.map((o) => (a.replacementRate[o.code[0]!] ?? 0.1) * rng.uniform(0.8, 1.2));
  const openings = employment.map((cities, o) =>
    cities.map((e) => {
      const out = new Float64Array(T);
      for (let t = 1; t < T; t++) out[t] = Math.max(0, e[t]! - e[t - 1]!) + replacement[o]! * e[t - 1]!;
      out[0] = out[1]!;
      return out;
    }),
  );
  const m = a.mobility;
  const seekers = employment.map((cities, o) => {
    // Structural mobility: some occupations attract many seekers (surplus), others few (chronic shortage);
    // office work draws more of them than other work (datasets/README.md).
    const structural = m.mean * rng.lognormal(m.structuralSd) * (m.groupFactor[staff.occupations[o]!.code[0]!] ?? 1);
    const shocks = new Float64Array(T);
    let x = 0;
    for (let t = 0; t < T; t++) {
      x = m.ar * x + m.sd * rng.normal();
      shocks[t] = x;
    }
    return cities.map((e) => {
      const cityFactor = rng.lognormal(0.15);
      const out = new Float64Array(T);
      for (let t = 0; t < T; t++) out[t] = replacement[o]! * e[Math.max(0, t - 1)]! * structural * cityFactor * Math.exp(shocks[t]!);
      return out;
    });
  });
  return { employment, openings, seekers, divisionsOf, replacement };
}
