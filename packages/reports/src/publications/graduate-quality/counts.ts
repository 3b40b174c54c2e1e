import { CountSystem } from '../../disclosure/count-system.js';
import { cellKey } from '../../disclosure/count-system.js';
import type { PublicationRules } from '../rules.js';
import { DESTINATION_GROUPS, DESTINATIONS, groupOf, type GraduateData } from './queries.js';

/** Code of a school level in the `school` dimension, whose children are that level's schools. */
export const levelCode = (level: string) => `L:${level}`;
export const OUTSIDE = 'outside';

/**
 * Graduates at `where` by 去向分类 and in all, from their counts by 去向 (落实率 is printed as 100% − the
 * 未就业 share, so that no further count links the cells).
 */
export function addDestinationGroups(system: CountSystem, where: Record<string, string>, byDest: Partial<Record<string, number>>): void {
  const byGroup: Record<string, number> = {};
  for (const d of DESTINATIONS) byGroup[groupOf(d.key)] = (byGroup[groupOf(d.key)] ?? 0) + (byDest[d.key] ?? 0);
  for (const g of DESTINATION_GROUPS) system.add('grad', { ...where, group: g.key }, byGroup[g.key] ?? 0);
  system.add(
    'grad',
    where,
    Object.values(byGroup).reduce((a, b) => a + b, 0),
  );
}

/** The seven 去向 at `where`, each 分类 the sum of its 去向. */
export function addDestinations(system: CountSystem, where: Record<string, string>, byDest: Partial<Record<string, number>>): void {
  for (const d of DESTINATIONS) system.add('grad', { ...where, dest: d.key }, byDest[d.key] ?? 0);
  for (const g of DESTINATION_GROUPS)
    system.relate(
      cellKey('grad', { ...where, group: g.key }),
      DESTINATIONS.filter((d) => groupOf(d.key) === g.key).map((d) => cellKey('grad', { ...where, dest: d.key })),
    );
}

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
    { school: Object.fromEntries(levels.map((l) => [levelCode(l), data.schools.filter((s) => s.level === l).map((s) => s.code)])) },
  );
  const sumOf = (schools: readonly string[]) => {
    const out: Record<string, number> = {};
    for (const s of schools) for (const d of DESTINATIONS) out[d.key] = (out[d.key] ?? 0) + (data.destinations.get(s)?.[d.key] ?? 0);
    return out;
  };
  // Per school, level and the whole: graduates by 去向分类; the whole's seven 去向 too.
  for (const s of data.schools) addDestinationGroups(system, { school: s.code }, sumOf([s.code]));
  for (const l of levels)
    addDestinationGroups(system, { school: levelCode(l) }, sumOf(data.schools.filter((s) => s.level === l).map((s) => s.code)));
  const all = sumOf(data.schools.map((s) => s.code));
  addDestinationGroups(system, {}, all);
  addDestinations(system, {}, all);

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
  for (const m of majors) {
    const at = { major: m.key };
    system.add('major_grad', at, m.graduates);
    system.add('major_unemployed', at, m.unemployed);
    system.add('major_placed', at, m.graduates - m.unemployed);
    system.relate(cellKey('major_grad', at), [cellKey('major_placed', at), cellKey('major_unemployed', at)]);
  }
  return system;
}
