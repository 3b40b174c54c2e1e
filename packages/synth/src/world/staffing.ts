import type { Assumptions } from '../assumptions.js';
import type { Rng } from '../prng.js';
import type { IndustryDivision, Occupation } from '../reference/reference-data.js';
import { bigrams, similarity } from './name-similarity.js';

/** Occupation mix of one division: `occupation` indexes `StaffingMatrix.occupations`. */
export interface StaffingRow {
  occupation: number;
  share: number;
}

/** The true staffing pattern: which occupations each division employs and in what base shares. */
export interface StaffingMatrix {
  /** The occupations active in the synthetic world (a subset of the 细类 list). */
  occupations: Occupation[];
  /** `rows[d]` for division index d of `IndustryPaths.divisions`. */
  rows: StaffingRow[][];
}

/**
 * Picks each division's occupations: the closest names within each occupation major group (大类
 * digit) in proportion to the section's group mix, plus a few generic occupations shared by many
 * divisions (sales, clerks), so that occupations aggregate demand from several industries.
 */
export function buildStaffing(a: Assumptions, rng: Rng, edition: string, divisions: IndustryDivision[], all: Occupation[]): StaffingMatrix {
  const perDivision = a.staffing.occupationsPerDivision[edition] ?? 4;
  const generic = a.staffing.genericOccupations[edition] ?? 1;
  const byGroup = new Map<string, { occ: Occupation; grams: Set<string> }[]>();
  for (const occ of all) {
    const g = occ.code[0]!;
    const list = byGroup.get(g) ?? [];
    list.push({ occ, grams: bigrams(occ.name) });
    byGroup.set(g, list);
  }
  const genericPool = new Map<string, Occupation[]>();
  for (const [g, list] of [...byGroup.entries()].sort()) {
    const cross = list.map((x) => x.occ).filter((o) => a.staffing.genericKeywords.some((k) => o.name.includes(k)));
    genericPool.set(g, cross.length > 0 ? cross : rng.shuffle(list.map((x) => x.occ)).slice(0, 3 + generic * 2));
  }

  const index = new Map<string, number>();
  const occupations: Occupation[] = [];
  const idOf = (o: Occupation): number => {
    let i = index.get(o.code);
    if (i === undefined) {
      i = occupations.length;
      index.set(o.code, i);
      occupations.push(o);
    }
    return i;
  };

  const rows = divisions.map((d) => {
    const mix = a.staffing.groupMix[d.section] ?? a.staffing.groupMix.default!;
    const dGrams = bigrams(d.name);
    const shares = new Map<number, number>();
    for (const [group, w] of Object.entries(mix).sort()) {
      const candidates = byGroup.get(group) ?? [];
      if (candidates.length === 0) continue;
      const n = Math.max(1, Math.round(perDivision * w));
      const scored = candidates.map((c) => ({ occ: c.occ, score: similarity(dGrams, c.grams) + 0.02 * rng.next() }));
      scored.sort((x, y) => y.score - x.score || (x.occ.code < y.occ.code ? -1 : 1));
      const picked = scored.slice(0, n).map((s) => s.occ);
      for (let k = 0; k < generic; k++) picked.push(rng.pick(genericPool.get(group)!));
      const weights = picked.map(() => rng.lognormal(0.6));
      const total = weights.reduce((s, x) => s + x, 0);
      picked.forEach((o, k) => {
        const id = idOf(o);
        shares.set(id, (shares.get(id) ?? 0) + (w * weights[k]!) / total);
      });
    }
    return [...shares.entries()].map(([occupation, share]) => ({ occupation, share }));
  });
  return { occupations, rows };
}

/** Share multiplier of a digital/green occupation in a year: their weight inside industries grows. */
export function shareTilt(a: Assumptions, occ: Occupation, yearsSinceFirst: number): number {
  let m = 1;
  if (occ.isDigital) m *= Math.pow(1 + a.staffing.digitalShareGrowth, yearsSinceFirst);
  if (occ.isGreen) m *= Math.pow(1 + a.staffing.greenShareGrowth, yearsSinceFirst);
  return m;
}

/**
 * A division's staffing mix in a year: its base shares times each occupation's tilt, with their sum
 * (`weights[k] / norm` is the share of `rows[d][k]`). Occupation employment and industry
 * replacement rates both read the mix from here, so they stay one pattern.
 */
export function staffingMix(
  a: Assumptions,
  staff: StaffingMatrix,
  d: number,
  yearsSinceFirst: number,
): { weights: number[]; norm: number } {
  let norm = 0;
  const weights = staff.rows[d]!.map((r) => {
    const v = r.share * shareTilt(a, staff.occupations[r.occupation]!, yearsSinceFirst);
    norm += v;
    return v;
  });
  return { weights, norm };
}
