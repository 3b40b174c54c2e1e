import type { Assumptions } from '../assumptions.js';
import type { Rng } from '../prng.js';
import type { IndustryDivision, Occupation, ReferenceData } from '../reference/reference-data.js';
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

/** Crosswalk rows that place an occupation in industries by what it is (its name or its family's scope). */
const PLACING_METHODS = new Set(['name_similarity', 'family_scope']);

/**
 * How strongly the occupation → industry crosswalk places each occupation in each division: the
 * shares of its rows at or below the division's code, plus a share written for the whole 门类
 * divided among the 门类's divisions. Rows spreading an occupation over every 门类 (cross_industry)
 * say nothing about a division and are left to the generic picks.
 */
export function divisionAffinity(
  crosswalk: ReferenceData['crosswalks']['occupationIndustry'],
  divisions: IndustryDivision[],
): Map<string, Map<string, number>> {
  const bySection = new Map<string, string[]>();
  for (const d of divisions) bySection.set(d.section, [...(bySection.get(d.section) ?? []), d.code]);
  const out = new Map<string, Map<string, number>>(divisions.map((d) => [d.code, new Map()]));
  const add = (division: string, occupation: string, share: number) => {
    const m = out.get(division);
    if (m) m.set(occupation, (m.get(occupation) ?? 0) + share);
  };
  for (const r of crosswalk) {
    if (!PLACING_METHODS.has(r.method)) continue;
    const section = bySection.get(r.industry_code);
    if (section) for (const code of section) add(code, r.occupation_code, r.share / section.length);
    else add(r.industry_code.slice(0, 2), r.occupation_code, r.share);
  }
  return out;
}

/**
 * Picks each division's occupations within each occupation major group (大类 digit), as many as the
 * section's group mix asks for: drawn without replacement in proportion to the square of how strongly
 * the crosswalk places them in the division, so 教育 employs teachers and 汽车制造业 vehicle assemblers;
 * where the crosswalk places too few, the closest names fill in, and generic occupations where no name
 * is close. A few generic occupations shared by many divisions (sales, clerks) are added, at
 * `genericWeight`, so that occupations aggregate demand from several industries. The crosswalk gives
 * the world its structure only: which occupations and in what weights are drawn here.
 */
export function buildStaffing(
  a: Assumptions,
  rng: Rng,
  edition: string,
  divisions: IndustryDivision[],
  all: Occupation[],
  crosswalk: ReferenceData['crosswalks']['occupationIndustry'],
): StaffingMatrix {
  const perDivision = a.staffing.occupationsPerDivision[edition] ?? 4;
  const generic = a.staffing.genericOccupations[edition] ?? 1;
  const affinity = divisionAffinity(crosswalk, divisions);
  const byGroup = new Map<string, { occ: Occupation; grams: Set<string> }[]>();
  for (const occ of all) {
    const g = occ.code[0]!;
    const list = byGroup.get(g) ?? [];
    list.push({ occ, grams: bigrams(occ.name) });
    byGroup.set(g, list);
  }
  const known = new Set(all.map((o) => o.name));
  const genericNames = new Set(a.staffing.genericOccupationNames);
  const unknown = [...genericNames].filter((n) => !known.has(n));
  if (unknown.length > 0)
    throw new Error(`assumptions.json staffing.genericOccupationNames: not occupations of the 大典: ${unknown.join(', ')}`);
  const genericPool = new Map<string, Occupation[]>();
  for (const [g, list] of [...byGroup.entries()].sort()) {
    const cross = list.map((x) => x.occ).filter((o) => genericNames.has(o.name));
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
    const placed = affinity.get(d.code)!;
    const dGrams = bigrams(d.name);
    const shares = new Map<number, number>();
    for (const [group, w] of Object.entries(mix).sort()) {
      const candidates = byGroup.get(group) ?? [];
      if (candidates.length === 0) continue;
      const n = Math.max(1, Math.round(perDivision * w));
      const pool = candidates.filter((c) => (placed.get(c.occ.code) ?? 0) > 0);
      const picked: Occupation[] = [];
      while (picked.length < n && pool.length > 0) {
        const k = rng.weightedIndex(pool.map((c) => placed.get(c.occ.code)! ** 2));
        picked.push(pool.splice(k, 1)[0]!.occ);
      }
      if (picked.length < n) {
        const scored = candidates
          .filter((c) => !picked.includes(c.occ))
          .map((c) => ({ occ: c.occ, score: similarity(dGrams, c.grams) }))
          .filter((c) => c.score > 0)
          .map((c) => ({ ...c, score: c.score + 0.02 * rng.next() }));
        scored.sort((x, y) => y.score - x.score || (x.occ.code < y.occ.code ? -1 : 1));
        picked.push(...scored.slice(0, n - picked.length).map((s) => s.occ));
      }
      // A group neither the crosswalk nor a name ties to the division staffs it with generic occupations.
      while (picked.length < n) picked.push(rng.pick(genericPool.get(group)!));
      const own = picked.length;
      for (let k = 0; k < generic; k++) picked.push(rng.pick(genericPool.get(group)!));
      const weights = picked.map((_, k) => rng.lognormal(0.6) * (k < own ? 1 : a.staffing.genericWeight));
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
