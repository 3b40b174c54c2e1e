import type { Assumptions, EditionSize } from '../assumptions.js';
import type { Rng } from '../prng.js';
import type { Catalog } from '../reference/reference-data.js';
import type { MajorLink } from './major-links.js';
import { bigrams, similarity } from './name-similarity.js';
import type { School } from './schools.js';
import type { TimeAxis } from './time-axis.js';

/** One school × major programme and its true yearly counts. */
export interface Series {
  school: number;
  link: MajorLink;
  /** First intake year (pre-sample programmes start at y0). */
  start: number;
  /** First year without intake, or Infinity for programmes still open. */
  close: number;
  base: number;
  completion: number;
  /** Indexed by t = year − y0. */
  intake: Int32Array;
  enrolled: Int32Array;
  graduates: Int32Array;
}

/** Chooses each school's majors (preferring majors that lead somewhere and that fit the school's name). */
export function buildSeries(a: Assumptions, rng: Rng, axis: TimeAxis, size: EditionSize, schools: School[], links: MajorLink[]): Series[] {
  const byCatalog = new Map<Catalog, MajorLink[]>();
  for (const l of links) byCatalog.set(l.major.catalog, [...(byCatalog.get(l.major.catalog) ?? []), l]);
  const grams = new Map(links.map((l) => [l.major.code + l.major.catalog, bigrams(l.major.name)]));
  const out: Series[] = [];
  schools.forEach((school, si) => {
    const pool = byCatalog.get(school.catalog) ?? [];
    if (pool.length === 0) return;
    const schoolGrams = bigrams(school.name);
    const weights = pool.map(
      (l) => (l.kind === 'random' ? 1 : 4) + 8 * similarity(schoolGrams, grams.get(l.major.code + l.major.catalog)!),
    );
    const want = Math.min(pool.length, Math.max(2, Math.round(size.majorsPerSchool[school.catalog] * rng.lognormal(0.3))));
    const chosen = new Set<number>();
    const cumulative = new Float64Array(weights.length);
    let acc = 0;
    weights.forEach((w, i) => (cumulative[i] = acc += w));
    for (let guard = 0; chosen.size < want && guard < want * 50; guard++) chosen.add(rng.pickCumulative(cumulative));
    for (const mi of [...chosen].sort((x, y) => x - y)) {
      const s = a.schools;
      const isNew = school.catalog !== '职业本科' && rng.chance(s.newMajorShare);
      // 职业本科 programmes only exist since the 2019 pilot.
      const start = school.catalog === '职业本科' ? rng.int(2019, 2022) : isNew ? rng.int(axis.first + 1, axis.latest - 1) : axis.y0;
      const close = rng.chance(s.closedMajorShare) ? rng.int(Math.max(start + 2, axis.first + 3), axis.latest) : Infinity;
      out.push({
        school: si,
        link: pool[mi]!,
        start,
        close,
        base: s.intakeBase[school.catalog] * size.intakeScale * school.size * rng.lognormal(0.35),
        completion: rng.uniform(s.completion[0], s.completion[1]),
        intake: new Int32Array(axis.length),
        enrolled: new Int32Array(axis.length),
        graduates: new Int32Array(axis.length),
      });
    }
  });
  return out;
}

/**
 * Intake follows the demand of the linked occupations one year earlier (schools respond to the
 * market late); graduates leave exactly `programmeYears` after intake, times a completion rate.
 */
export function simulateCohorts(
  a: Assumptions,
  rng: Rng,
  axis: TimeAxis,
  schools: School[],
  series: Series[],
  provinceOpenings: Float64Array[],
): void {
  const demandIndex = (s: Series, t: number): number => {
    let v = 0;
    for (const l of s.link.occupations) v += l.weight * provinceOpenings[l.occupation]![Math.max(0, t)]!;
    return v;
  };
  const refT = axis.first - axis.y0;
  for (const s of series) {
    const school = schools[s.school]!;
    const L = a.programmeYears[school.catalog];
    const ref = demandIndex(s, refT) || 1;
    for (let t = 0; t <= axis.latest - axis.y0; t++) {
      const year = axis.y0 + t;
      if (year < s.start || year >= s.close) continue;
      const market = Math.pow(demandIndex(s, t - 1) / ref, a.schools.demandElasticity);
      const ramp = year - s.start < 2 && s.start > axis.y0 ? 0.5 + 0.25 * (year - s.start) : 1;
      s.intake[t] = Math.max(
        1,
        Math.round(s.base * market * ramp * Math.exp(school.trend * (year - axis.first)) * rng.lognormal(a.schools.intakeNoiseSd)),
      );
    }
    for (let t = 0; t < axis.length; t++) {
      if (t - L >= 0) s.graduates[t] = Math.round(s.intake[t - L]! * s.completion * rng.lognormal(a.schools.completionNoiseSd));
      let enrolled = 0;
      for (let k = 0; k < L && t - k >= 0; k++) enrolled += Math.round(s.intake[t - k]! * Math.pow(s.completion, k / L));
      s.enrolled[t] = enrolled;
    }
  }
}
