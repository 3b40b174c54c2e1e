import { CountSystem, cellKey, type Relation } from '../../disclosure/count-system.js';
import type { BandCandidate } from '../../disclosure/rate-bands.js';
import {
  addCohort,
  addDestinationGroups,
  addDestinations,
  addFlows,
  cityPlaces,
  citySchoolsCode,
  cohortOf,
  earlierCohorts,
  OUTSIDE,
  ratedMajors,
  schoolsByCity,
} from './counts.js';
import type { PublicationRules } from '../rules.js';
import { DESTINATION_GROUPS, DESTINATIONS, type GraduateData, type School } from './queries.js';

/** Code of a school's major in the `school` dimension, a child of the school. */
export const schoolMajorCode = (school: string, majorKey: string) => `${school}/${majorKey}`;
/** The schools of a cohort year that are not schools of the report's cohort, in the cohort totals. */
export const OTHER_SCHOOLS = 'other';

const COHORT_MEASURES = ['cohort_grad', 'cohort_placed', 'cohort_unemployed'] as const;

/**
 * The counts one school's report prints, in a system of its own: its graduates by major and 去向分类
 * (the majors add up to the school), its seven 去向 (adding up to their 分类) and its recent cohorts.
 * The school's total and its three 分类 are the linking cells: the region's by-school table prints
 * them under the same keys (`grad|school=<code>`, `grad|group=<g>|school=<code>`).
 */
export function schoolCountSystem(data: GraduateData, school: School, places: readonly string[]): CountSystem {
  const majors = data.schoolMajors.get(school.code) ?? [];
  const system = new CountSystem(
    {
      // The school's own code only: every cell is at the school or one of its majors.
      school: [school.code],
      dest: DESTINATIONS.map((d) => d.key),
      group: DESTINATION_GROUPS.map((g) => g.key),
      cohort: data.cohorts.map((c) => String(c.year)),
      place: places,
      section: schoolSections(data, school.code),
    },
    { school: { [school.code]: majors.map((m) => schoolMajorCode(school.code, m.key)) } },
  );
  const at = { school: school.code };
  const counts = data.destinations.get(school.code);
  addDestinationGroups(system, at, counts ?? {});
  for (const m of majors) addDestinationGroups(system, { school: schoolMajorCode(school.code, m.key) }, m.destinations);
  addDestinations(system, at, counts ?? {});
  // Every place of the region's table (zeros included); the 门类 with any.
  const byPlace = data.flows.get(school.code);
  const bySection = data.schoolIndustries.get(school.code);
  addFlows(
    system,
    at,
    places.map((p): [string, number] => [p, byPlace?.get(p) ?? 0]),
    schoolSections(data, school.code).map((c): [string, number] => [c, bySection!.get(c)!]),
  );
  for (const c of data.cohorts) addCohort(system, at, c.year, cohortOf(data, [school.code], c.year), data.cohort);
  return system;
}

/** The per-major 落实率 of the school reports, as rates that may be printed as bands: each major's 待就业 and 毕业生数. */
export function placementBandCandidates(data: GraduateData, schools: Iterable<string>): BandCandidate[] {
  const out: BandCandidate[] = [];
  for (const school of schools)
    for (const m of data.schoolMajors.get(school) ?? []) {
      const at = { school: schoolMajorCode(school, m.key) };
      out.push({ unemployed: cellKey('grad', { ...at, group: 'unemployed' }), graduates: cellKey('grad', at) });
    }
  return out;
}

/** The 门类 a school's employed graduates work in, in the region's order (the others are zero, and not printed). */
export function schoolSections(data: GraduateData, school: string): string[] {
  const own = data.schoolIndustries.get(school);
  return data.industries.map((i) => i.code).filter((c) => (own?.get(c) ?? 0) > 0);
}

/**
 * The cohorts of the schools that are not schools of the newest cohort: one pseudo-school whose
 * cells complete the cohort totals (no report prints them).
 */
export function otherSchoolsCountSystem(data: GraduateData): CountSystem | null {
  const known = new Set(data.schools.map((s) => s.code));
  const system = new CountSystem({ school: [OTHER_SCHOOLS], cohort: data.cohorts.map((c) => String(c.year)) });
  let any = false;
  const others = [...data.schoolCohorts.keys()].filter((school) => !known.has(school));
  for (const c of data.cohorts) {
    const v = cohortOf(data, others, c.year);
    if (v.graduates === 0) continue;
    any = true;
    addCohort(system, { school: OTHER_SCHOOLS }, c.year, v, data.cohort);
  }
  return any ? system : null;
}

/**
 * The relations between the region's system and the schools' that an attacker reading every report
 * can write down, besides the linking cells: the region's employed graduates by level and place,
 * and by 门类, are sums of the schools' flow tables; each of the region's seven 去向 is the sum of the
 * schools' (every school of the cohort has a system, with or without a report); each cohort total
 * the sum of the schools' cohorts (and of the other schools of that year); each rated major's
 * graduates and 待就业 the sum of that major at the schools (graduates only when the returns add up,
 * as reported counts and 去向 sums are otherwise two numbers); and the city editions' counts of the
 * schools located in each city, sums of those schools' cells.
 */
export function schoolLinks(data: GraduateData, rules: PublicationRules, withOthers: boolean, places: readonly string[]): Relation[] {
  const links: Relation[] = [];
  // The region's employed graduates by level and place are the sums of its schools' by place; by
  // 门类, of the schools' (when the region's rows are the schools' rows: then one number).
  for (const level of new Set(data.schools.map((s) => s.level))) {
    const schools = data.schools.filter((s) => s.level === level);
    for (const p of places)
      links.push({
        total: cellKey('flow', { level, place: p }),
        parts: schools.map((s) => cellKey('flow', { place: p, school: s.code })),
      });
  }
  for (const i of data.industries) {
    const at = data.schools.filter((s) => (data.schoolIndustries.get(s.code)?.get(i.code) ?? 0) > 0);
    if (at.reduce((sum, s) => sum + data.schoolIndustries.get(s.code)!.get(i.code)!, 0) === i.employed)
      links.push({
        total: cellKey('industry', { section: i.code }),
        parts: at.map((s) => cellKey('industry', { school: s.code, section: i.code })),
      });
  }
  for (const d of DESTINATIONS)
    links.push({
      total: cellKey('grad', { dest: d.key }),
      parts: data.schools.map((s) => cellKey('grad', { school: s.code, dest: d.key })),
    });
  for (const c of data.cohorts) {
    const year = String(c.year);
    const schools = [...data.schools.map((s) => s.code), ...(withOthers ? [OTHER_SCHOOLS] : [])];
    for (const m of COHORT_MEASURES)
      links.push({
        total: cellKey(m, { cohort: year }),
        parts: schools.map((s) => cellKey(m, { cohort: year, school: s })),
      });
  }
  const atSchools = new Map<string, { code: string; graduates: number; unemployed: number }[]>();
  for (const s of data.schools)
    for (const m of data.schoolMajors.get(s.code) ?? []) {
      const graduates = Object.values(m.destinations).reduce((a, b) => a + b, 0);
      (atSchools.get(m.key) ?? atSchools.set(m.key, []).get(m.key)!).push({
        code: schoolMajorCode(s.code, m.key),
        graduates,
        unemployed: m.destinations.unemployed,
      });
    }
  for (const m of ratedMajors(data, rules)) {
    const parts = atSchools.get(m.key) ?? [];
    if (parts.length === 0) continue;
    links.push({
      total: cellKey('major_unemployed', { major: m.key }),
      parts: parts.map((p) => cellKey('grad', { school: p.code, group: 'unemployed' })),
    });
    if (parts.reduce((s, p) => s + p.graduates, 0) === m.graduates)
      links.push({ total: cellKey('major_grad', { major: m.key }), parts: parts.map((p) => cellKey('grad', { school: p.code })) });
  }
  // What a city's report prints of its schools is the sum of their reports' cells: each 去向, the
  // employed graduates in each of its places, and each recent cohort.
  const cityCodes = places.filter((p) => p !== OUTSIDE);
  for (const [city, schools] of schoolsByCity(data, cityCodes)) {
    const at = citySchoolsCode(city);
    for (const d of DESTINATIONS)
      links.push({
        total: cellKey('grad', { school: at, dest: d.key }),
        parts: schools.map((s) => cellKey('grad', { school: s.code, dest: d.key })),
      });
    for (const p of cityPlaces(city, cityCodes))
      links.push({
        total: cellKey('flow', { school: at, place: p.code }),
        parts: schools.flatMap((s) => p.members.map((m) => cellKey('flow', { school: s.code, place: m }))),
      });
    for (const c of earlierCohorts(data))
      for (const m of COHORT_MEASURES)
        links.push({
          total: cellKey(m, { school: at, cohort: String(c.year) }),
          parts: schools.map((s) => cellKey(m, { school: s.code, cohort: String(c.year) })),
        });
  }
  return links;
}
