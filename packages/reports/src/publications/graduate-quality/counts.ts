import { CountSystem } from '../../disclosure/count-system.js';
import { cellKey } from '../../disclosure/count-system.js';
import type { PublicationRules } from '../rules.js';
import { DESTINATION_GROUPS, DESTINATIONS, groupOf, type GraduateData } from './queries.js';

/** Code of a school level in the `school` dimension, whose children are that level's schools. */
export const levelCode = (level: string) => `L:${level}`;
/** Code of a school's major in the `school` dimension, a child of the school. */
export const schoolMajorCode = (school: string, majorKey: string) => `${school}/${majorKey}`;
export const OUTSIDE = 'outside';

/** The majors the 红/黄/绿牌 table prints: enough graduates to be rated. */
export function ratedMajors(data: GraduateData, rules: PublicationRules): GraduateData['majors'] {
  return data.majors.filter((m) => m.graduates >= rules.majorCards.minGraduates);
}

/**
 * Every count of persons the graduate reports print, in one system so that protection and the audit
 * see the links: school × 去向分类 with school, level and 分类 margins; the whole's seven 去向 adding up to
 * their 分类; employment by city and level; by 门类; cohorts; rated majors.
 */
export function graduateCountSystem(data: GraduateData, cityCodes: readonly string[], rules: PublicationRules): CountSystem {
  const levels = [...new Set(data.schools.map((s) => s.level))];
  const places = [...cityCodes, OUTSIDE];
  const majors = ratedMajors(data, rules);
  const sections = data.industries.map((i) => i.code);
  const system = new CountSystem(
    {
      school: levels.map(levelCode),
      dest: DESTINATIONS.map((d) => d.key),
      group: DESTINATION_GROUPS.map((g) => g.key),
      level: levels,
      place: places,
      section: sections,
      cohort: data.cohorts.map((c) => String(c.year)),
      major: majors.map((m) => m.key),
    },
    {
      school: {
        ...Object.fromEntries(levels.map((l) => [levelCode(l), data.schools.filter((s) => s.level === l).map((s) => s.code)])),
        // Each school into its majors (the school reports' by-major table).
        ...Object.fromEntries(
          data.schools.map((s) => [s.code, (data.schoolMajors.get(s.code) ?? []).map((m) => schoolMajorCode(s.code, m.key))]),
        ),
      },
    },
  );
  /** `total` = the parts plus, when they fall short (rows outside the parts), an unpublished remainder cell. */
  const relateWithRest = (total: string, parts: string[], rest: [string, Record<string, string>]) => {
    const missing = system.cells.get(total)!.value - parts.reduce((s, k) => s + system.cells.get(k)!.value, 0);
    if (missing < 0) throw new Error(`${total}: its parts exceed it by ${-missing}`);
    system.relate(total, missing > 0 ? [...parts, system.add(rest[0], rest[1], missing)] : parts);
  };
  const sumOf = (schools: readonly string[]) => {
    const out: Record<string, number> = {};
    for (const s of schools) for (const d of DESTINATIONS) out[d.key] = (out[d.key] ?? 0) + (data.destinations.get(s)?.[d.key] ?? 0);
    return out;
  };
  // Per school, level and the whole: graduates by 去向分类 (落实率 is printed as 100% − the 未就业 share,
  // so that no further count links the cells).
  const addGroups = (school: string | undefined, counts: Record<string, number>) => {
    const at: Record<string, string> = school ? { school } : {};
    const byGroup: Record<string, number> = {};
    for (const d of DESTINATIONS) byGroup[groupOf(d.key)] = (byGroup[groupOf(d.key)] ?? 0) + (counts[d.key] ?? 0);
    for (const g of DESTINATION_GROUPS) system.add('grad', { ...at, group: g.key }, byGroup[g.key] ?? 0);
    system.add(
      'grad',
      at,
      Object.values(byGroup).reduce((a, b) => a + b, 0),
    );
  };
  for (const s of data.schools) addGroups(s.code, sumOf([s.code]));
  for (const s of data.schools)
    for (const m of data.schoolMajors.get(s.code) ?? []) addGroups(schoolMajorCode(s.code, m.key), m.destinations);
  for (const l of levels) addGroups(levelCode(l), sumOf(data.schools.filter((s) => s.level === l).map((s) => s.code)));
  const all = sumOf(data.schools.map((s) => s.code));
  addGroups(undefined, all);
  // The seven 去向 of the whole and of each school (the school reports), each group the sum of its 去向;
  // the levels' 去向 are not printed but link the schools' to the whole's.
  const addDestinations = (school: string | undefined, counts: Record<string, number>) => {
    const at: Record<string, string> = school ? { school } : {};
    for (const d of DESTINATIONS) system.add('grad', { ...at, dest: d.key }, counts[d.key] ?? 0);
    for (const g of DESTINATION_GROUPS)
      system.relate(
        cellKey('grad', { ...at, group: g.key }),
        DESTINATIONS.filter((d) => groupOf(d.key) === g.key).map((d) => cellKey('grad', { ...at, dest: d.key })),
      );
  };
  addDestinations(undefined, all);
  for (const l of levels) addDestinations(levelCode(l), sumOf(data.schools.filter((s) => s.level === l).map((s) => s.code)));
  for (const s of data.schools) addDestinations(s.code, sumOf([s.code]));

  // Employment by place and level: the level is the school's.
  const levelOf = new Map(data.schools.map((s) => [s.code, s.level]));
  const flow = new Map<string, number>();
  for (const [school, byPlace] of data.flows) {
    const level = levelOf.get(school);
    if (!level) continue;
    for (const [place, n] of byPlace) if (places.includes(place)) flow.set(`${level}|${place}`, (flow.get(`${level}|${place}`) ?? 0) + n);
  }
  for (const l of levels) {
    let row = 0;
    for (const p of places) {
      const n = flow.get(`${l}|${p}`) ?? 0;
      system.add('flow', { level: l, place: p }, n);
      row += n;
    }
    system.add('flow', { level: l }, row);
  }
  for (const p of places)
    system.add(
      'flow',
      { place: p },
      levels.reduce((s, l) => s + (flow.get(`${l}|${p}`) ?? 0), 0),
    );
  system.add(
    'flow',
    {},
    [...flow.values()].reduce((a, b) => a + b, 0),
  );

  for (const i of data.industries) system.add('industry', { section: i.code }, i.employed);
  system.add(
    'industry',
    {},
    data.industries.reduce((s, i) => s + i.employed, 0),
  );

  for (const c of data.cohorts) {
    const at = { cohort: String(c.year) };
    system.add('cohort_grad', at, c.graduates);
    system.add('cohort_unemployed', at, c.unemployed);
    system.add('cohort_placed', at, c.graduates - c.unemployed);
    system.add('cohort_study', at, c.study);
    system.relate(cellKey('cohort_grad', at), [cellKey('cohort_placed', at), cellKey('cohort_unemployed', at)]);
  }
  // Each school's cohorts (the school reports' trends), linked to the whole's cohorts and, for the
  // newest, to the school's own counts.
  for (const c of data.cohorts) {
    const year = String(c.year);
    const parts: Record<'cohort_grad' | 'cohort_unemployed' | 'cohort_placed', string[]> = {
      cohort_grad: [],
      cohort_unemployed: [],
      cohort_placed: [],
    };
    for (const s of data.schools) {
      const v = data.schoolCohorts.get(s.code)?.get(c.year) ?? { graduates: 0, unemployed: 0 };
      const at = { cohort: year, school: s.code };
      parts.cohort_grad.push(system.add('cohort_grad', at, v.graduates));
      parts.cohort_unemployed.push(system.add('cohort_unemployed', at, v.unemployed));
      parts.cohort_placed.push(system.add('cohort_placed', at, v.graduates - v.unemployed));
      system.relate(cellKey('cohort_grad', at), [cellKey('cohort_placed', at), cellKey('cohort_unemployed', at)]);
      if (c.year === data.cohort) {
        system.relate(cellKey('grad', { school: s.code, group: 'unemployed' }), [cellKey('cohort_unemployed', at)]);
        if (v.graduates === system.cells.get(cellKey('grad', { school: s.code }))!.value)
          system.relate(cellKey('grad', { school: s.code }), [cellKey('cohort_grad', at)]);
      }
    }
    for (const [measure, list] of Object.entries(parts))
      relateWithRest(cellKey(measure, { cohort: year }), list, [`${measure}_other_schools`, { cohort: year }]);
  }

  // Rated majors across schools: each the sum of the same major at the schools (of its level).
  const atSchools = new Map<string, string[]>();
  for (const s of data.schools)
    for (const m of data.schoolMajors.get(s.code) ?? [])
      (atSchools.get(m.key) ?? atSchools.set(m.key, []).get(m.key)!).push(schoolMajorCode(s.code, m.key));
  for (const m of majors) {
    const at = { major: m.key };
    system.add('major_grad', at, m.graduates);
    system.add('major_unemployed', at, m.unemployed);
    system.add('major_placed', at, m.graduates - m.unemployed);
    system.relate(cellKey('major_grad', at), [cellKey('major_placed', at), cellKey('major_unemployed', at)]);
    const codes = atSchools.get(m.key) ?? [];
    // 毕业生数 as reported and the sum of the 去向 are one number when the returns add up; only then linked.
    const byDestination = codes.map((c) => cellKey('grad', { school: c }));
    if (byDestination.reduce((s, k) => s + system.cells.get(k)!.value, 0) <= m.graduates)
      relateWithRest(cellKey('major_grad', at), byDestination, ['major_grad_other', at]);
    relateWithRest(
      cellKey('major_unemployed', at),
      codes.map((c) => cellKey('grad', { school: c, group: 'unemployed' })),
      ['major_unemployed_other', at],
    );
  }
  return system;
}
