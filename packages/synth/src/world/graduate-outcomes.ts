import type { Assumptions } from '../assumptions.js';
import type { Rng } from '../prng.js';
import type { ReferenceData, Region } from '../reference/reference-data.js';
import type { IndustryPaths } from './industry-paths.js';
import type { OccupationPaths } from './occupation-paths.js';
import type { School } from './schools.js';
import type { Series } from './series.js';
import type { TimeAxis } from './time-axis.js';

/** What became of one graduating cohort (school × major × year). */
export interface CohortOutcome {
  series: number;
  year: number;
  graduates: number;
  furtherStudy: number;
  contract: number;
  flexible: number;
  entrepreneurship: number;
  army: number;
  unemployed: number;
  salaryMean: number | null;
  salaryMedian: number | null;
  relatedness: number;
  satisfaction: number;
  /** `[region index into GraduateOutcomes.regions, count]`. */
  destinations: [number, number][];
  /** `[section index into GraduateOutcomes.sections, count]`. */
  industries: [number, number][];
}

export interface GraduateOutcomes {
  /** Destination regions: the province's cities first, then other provinces. */
  regions: Region[];
  sections: Region[];
  /** Cohorts of the observed outcome years, in series then year order. */
  cohorts: CohortOutcome[];
  /** `[o][c][t]` graduates entering jobs of occupation o in city c (true graduate supply). */
  supply: Float64Array[][];
}

const CATALOG_WAGE = { 中职: 0.72, 高职专科: 0.88, 职业本科: 0.98, 本科: 1.08 } as const;

/**
 * Splits every graduating cohort into 毕业去向, destination regions and industry sections, and
 * adds the employed graduates who stay in the province to the true supply of their major's occupations.
 */
export function simulateOutcomes(
  a: Assumptions,
  rng: Rng,
  axis: TimeAxis,
  ref: ReferenceData,
  schools: School[],
  series: Series[],
  ind: IndustryPaths,
  occ: OccupationPaths,
  provinceOpenings: Float64Array[],
  occupationCodes: string[],
): GraduateOutcomes {
  const o = a.outcomes;
  const nCities = ref.cities.length;
  const outside = ref.otherProvinces.filter((p) => o.outside[p.code] !== undefined);
  const regions: Region[] = [...ref.cities, ...outside];
  const sectionCodes = [...new Set(ind.divisions.map((d) => d.section))].sort();
  const sections = sectionCodes.map((code) => ref.sections.find((s) => s.code === code) ?? { code, name: code });
  const cityW = ref.cities.map((c) => a.cityWeight[c.code] ?? 1);
  const cityWage = cityW.map((w) => Math.pow(w, a.wage.cityElasticity));
  const supply = occupationCodes.map(() => Array.from({ length: nCities }, () => new Float64Array(axis.length)));
  const latestT = axis.latest - axis.y0;
  const sectionWeightCache = new Map<string, number[]>();
  const sectionWeights = (s: Series): number[] => {
    const key = `${s.link.major.catalog}|${s.link.major.code}`;
    let w = sectionWeightCache.get(key);
    if (!w) {
      w = sectionCodes.map(() => 0);
      for (const l of s.link.occupations)
        for (const d of occ.divisionsOf[l.occupation]!) {
          let e = 0;
          for (let c = 0; c < nCities; c++) e += ind.employment[d.division]![c]![latestT]!;
          w[sectionCodes.indexOf(ind.divisions[d.division]!.section)]! += l.weight * d.share * e;
        }
      sectionWeightCache.set(key, w);
    }
    return w;
  };
  const cohorts: CohortOutcome[] = [];
  series.forEach((s, si) => {
    const school = schools[s.school]!;
    const destW = regions.map((_, r) => {
      if (r === school.city) return o.stayInSchoolCity;
      if (r < nCities) return (o.otherCitiesInProvince * cityW[r]!) / (cityW.reduce((x, y) => x + y, 0) - cityW[school.city]!);
      return (1 - o.stayInSchoolCity - o.otherCitiesInProvince) * o.outside[regions[r]!.code]!;
    });
    const wageBase = s.link.occupations.reduce((v, l) => v + l.weight * (a.wage.base[occupationCodes[l.occupation]![0]!] ?? 5000), 0);
    for (let t = axis.first - axis.y0; t <= axis.lastTruth - axis.y0; t++) {
      const G = s.graduates[t]!;
      if (G <= 0) continue;
      const year = axis.y0 + t;
      let dNow = 0;
      let dPrev = 0;
      for (const l of s.link.occupations) {
        dNow += l.weight * provinceOpenings[l.occupation]![t]!;
        dPrev += l.weight * provinceOpenings[l.occupation]![t - 1]!;
      }
      const tight = Math.min(1.4, Math.max(0.7, dPrev > 0 ? dNow / dPrev : 1));
      const shockBump = year === a.shock.year ? 1.6 : year === a.shock.year + 2 ? 1.3 : 1;
      const furtherStudy = rng.binomial(G, Math.min(0.8, a.outcomes.continueStudy[school.catalog] * rng.lognormal(0.15)));
      const army = rng.binomial(G - furtherStudy, o.army);
      const unemployed = rng.binomial(
        G - furtherStudy - army,
        Math.min(0.35, Math.max(0.015, o.unemployedBase * shockBump * Math.pow(tight, -3) * rng.lognormal(0.2))),
      );
      const working = G - furtherStudy - army - unemployed;
      const entrepreneurship = rng.binomial(working, o.entrepreneurship);
      const flexible = rng.binomial(working - entrepreneurship, o.flexibleShare);
      const contract = working - entrepreneurship - flexible;
      const destCounts = rng.multinomial(working, destW);
      for (let c = 0; c < nCities; c++) {
        const n = destCounts[c]!;
        if (n === 0) continue;
        for (const l of s.link.occupations) supply[l.occupation]![c]![t]! += n * l.weight;
      }
      if (year < a.years.outcomesFrom || year > axis.latest) continue;
      const indCounts = rng.multinomial(working, sectionWeights(s));
      const mean =
        wageBase *
        CATALOG_WAGE[school.catalog] *
        cityWage[school.city]! *
        Math.pow(1 + a.wage.growth, year - axis.latest) *
        Math.pow(tight, 0.5) *
        rng.lognormal(0.06);
      cohorts.push({
        series: si,
        year,
        graduates: G,
        furtherStudy,
        contract,
        flexible,
        entrepreneurship,
        army,
        unemployed,
        salaryMean: working >= 5 ? Math.round(mean) : null,
        salaryMedian: working >= 5 ? Math.round(mean * rng.uniform(0.86, 0.95)) : null,
        relatedness:
          Math.round(Math.min(96, Math.max(30, 62 + 40 * (tight - 1) + (s.link.kind === 'random' ? -10 : 8) + 5 * rng.normal())) * 10) / 10,
        satisfaction: Math.round(Math.min(99, Math.max(50, 82 + 20 * (tight - 1) + 4 * rng.normal())) * 10) / 10,
        destinations: destCounts.flatMap((n, r) => (n > 0 ? [[r, n] as [number, number]] : [])),
        industries: indCounts.flatMap((n, k) => (n > 0 ? [[k, n] as [number, number]] : [])),
      });
    }
  });
  return { regions, sections, cohorts, supply };
}
