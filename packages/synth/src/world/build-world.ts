import type { Assumptions, EditionSize } from '../assumptions.js';
import { Rng } from '../prng.js';
import type { ReferenceData } from '../reference/reference-data.js';
import { simulateOutcomes, type GraduateOutcomes } from './graduate-outcomes.js';
import { buildIndustryPaths, type IndustryPaths } from './industry-paths.js';
import { linkMajors } from './major-links.js';
import { buildOccupationPaths, type OccupationPaths } from './occupation-paths.js';
import { buildSchools, type School } from './schools.js';
import { buildSeries, simulateCohorts, type Series } from './series.js';
import { buildStaffing, type StaffingMatrix } from './staffing.js';
import { timeAxis, type TimeAxis } from './time-axis.js';

/** The whole hidden world of one edition; the writers render observed files and truth from it. */
export interface World {
  seed: number;
  edition: string;
  size: EditionSize;
  a: Assumptions;
  axis: TimeAxis;
  ref: ReferenceData;
  industries: IndustryPaths;
  staffing: StaffingMatrix;
  occupations: OccupationPaths;
  /** `[o][t]` openings summed over cities. */
  provinceOpenings: Float64Array[];
  schools: School[];
  series: Series[];
  outcomes: GraduateOutcomes;
}

/** Simulates the province: industries → occupations → schools and cohorts → graduate outcomes. */
export function buildWorld(seed: number, edition: string, a: Assumptions, ref: ReferenceData, referenceDir: string): World {
  const size = a.editions[edition];
  if (!size) throw new Error(`unknown edition "${edition}" (known: ${Object.keys(a.editions).join(', ')})`);
  const axis = timeAxis(a);
  const industries = buildIndustryPaths(a, new Rng(seed, 'industries'), axis, ref.cities, ref.divisions, referenceDir);
  const staffing = buildStaffing(
    a,
    new Rng(seed, 'staffing'),
    edition,
    industries.divisions,
    ref.occupations,
    ref.crosswalks.occupationIndustry,
  );
  const occupations = buildOccupationPaths(a, new Rng(seed, 'occupations'), axis, industries, staffing, ref.cities.length);
  const provinceOpenings = occupations.openings.map((cities) => {
    const out = new Float64Array(axis.length);
    for (const c of cities) for (let t = 0; t < axis.length; t++) out[t]! += c[t]!;
    return out;
  });
  const schools = buildSchools(a, new Rng(seed, 'schools'), ref, size);
  const usedCatalogs = new Set(schools.map((s) => s.catalog));
  const links = linkMajors(
    new Rng(seed, 'major-links'),
    ref.majors.filter((m) => usedCatalogs.has(m.catalog)),
    staffing.occupations,
    ref.crosswalks.majorOccupation,
  );
  const series = buildSeries(a, new Rng(seed, 'series'), axis, size, schools, links);
  simulateCohorts(a, new Rng(seed, 'cohorts'), axis, schools, series, provinceOpenings);
  const outcomes = simulateOutcomes(
    a,
    new Rng(seed, 'outcomes'),
    axis,
    ref,
    schools,
    series,
    industries,
    occupations,
    provinceOpenings,
    staffing.occupations.map((o) => o.code),
  );
  return { seed, edition, size, a, axis, ref, industries, staffing, occupations, provinceOpenings, schools, series, outcomes };
}
