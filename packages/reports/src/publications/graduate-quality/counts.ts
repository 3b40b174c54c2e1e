import { CountSystem } from '../../disclosure/count-system.js';
import { cellKey } from '../../disclosure/count-system.js';
import type { PublicationRules } from '../rules.js';
import { DESTINATION_GROUPS, DESTINATIONS, groupOf, type GraduateData, type School } from './queries.js';

/** Code of a school level in the `school` dimension, whose children are that level's schools. */
export const levelCode = (level: string) => `L:${level}`;
export const OUTSIDE = 'outside';

/** Code of the schools located in a city, in the `school` dimension: its children are those of each level. */
export const citySchoolsCode = (city: string) => `C:${city}`;

/**
 * The `school` code of a city's schools of one level (`schools` are the city's): the city's own when
 * all of them are of that level, the school's when it is the only one, else `C:<city>/L:<level>`,
 * whose children are those schools. A group of one is its member: one cell, not two of one number.
 */
export function cityLevelCode(city: string, level: string, schools: readonly School[]): string {
  const of = schools.filter((s) => s.level === level);
  if (of.length === schools.length) return citySchoolsCode(city);
  return of.length === 1 ? of[0]!.code : `${citySchoolsCode(city)}/${levelCode(level)}`;
}

/** The hierarchy of a city's schools in the `school` dimension: the city into its levels, each level into its schools. */
function citySchoolsTree(city: string, schools: readonly School[]): [string, string[]][] {
  const nodes = [...new Set(schools.map((s) => s.level))].map((l) => ({
    code: cityLevelCode(city, l, schools),
    schools: schools.filter((s) => s.level === l).map((s) => s.code),
  }));
  return [
    [citySchoolsCode(city), nodes.flatMap((n) => (n.code === citySchoolsCode(city) ? n.schools : [n.code]))],
    ...nodes.filter((n) => n.code.startsWith(`${citySchoolsCode(city)}/`)).map((n): [string, string[]] => [n.code, n.schools]),
  ];
}

/** The schools of the cohort located in each city of the province (`cityCodes`) that has any, in the cities' order. */
export function schoolsByCity(data: GraduateData, cityCodes: readonly string[]): Map<string, School[]> {
  const out = new Map<string, School[]>();
  for (const city of cityCodes) {
    const located = data.schools.filter((s) => s.cityCode === city);
    if (located.length > 0) out.set(city, located);
  }
  return out;
}

/**
 * Where the employed graduates of a city's schools went, as the city's report groups the places of
 * the flow tables: the city itself, the province's other cities (one place code, `elsewhere:<city>`,
 * whose `members` are those cities) and outside the province (区外 or 省外).
 */
export function cityPlaces(city: string, cityCodes: readonly string[]): { code: string; members: string[] }[] {
  const others = cityCodes.filter((c) => c !== city);
  return [
    { code: city, members: [city] },
    // A province of one city has no other: no place of zeros.
    ...(others.length > 0 ? [{ code: `elsewhere:${city}`, members: others }] : []),
    { code: OUTSIDE, members: [OUTSIDE] },
  ];
}

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

/**
 * Employed graduates at `where` by place and by 门类 (the categories given, with their counts; no 门类
 * where `bySection` is null), each with its total. Each total is the working graduates (就业 less
 * 应征义务兵, `WORKING_DESTINATIONS`) when the returns add up: then one number.
 */
export function addFlows(
  system: CountSystem,
  where: Record<string, string>,
  byPlace: readonly (readonly [string, number])[],
  bySection: readonly (readonly [string, number])[] | null,
): void {
  // One breakdown: a cell per category, then their total; a relation the system does not derive
  // unless the categories are the dimension's whole domain.
  const addBreakdown = (measure: string, dimension: string, counts: readonly (readonly [string, number])[]) => {
    const parts = counts.map(([c, n]) => system.add(measure, { ...where, [dimension]: c }, n));
    const total = system.add(
      measure,
      where,
      counts.reduce((sum, [, n]) => sum + n, 0),
    );
    const domain = system.domains[dimension] ?? [];
    if (domain.length !== counts.length || !counts.every(([c]) => domain.includes(c))) system.relate(total, parts);
  };
  addBreakdown('flow', 'place', byPlace);
  if (bySection) addBreakdown('industry', 'section', bySection);
  // 就业 = the flow total + 应征义务兵, written with the 应征义务兵 cell (not as the sum of the working
  // 去向, which it implies): where that count is withheld, the complement it needs is a flow total,
  // and the flow table's own cells protect it, rather than other 去向 linked to every other school.
  const employed = cellKey('grad', { ...where, group: 'employed' });
  const military = cellKey('grad', { ...where, dest: 'military' });
  const working = system.cells.get(employed)!.value - system.cells.get(military)!.value;
  for (const measure of bySection ? ['flow', 'industry'] : ['flow'])
    if (system.cells.get(cellKey(measure, where))!.value === working) system.relate(employed, [cellKey(measure, where), military]);
}

/** The majors the 红/黄/绿牌 table prints: enough graduates to be rated. */
export function ratedMajors(data: GraduateData, rules: PublicationRules): GraduateData['majors'] {
  return data.majors.filter((m) => m.graduates >= rules.majorCards.minGraduates);
}

/**
 * Every count of persons the graduate reports print, in one system so that protection and the audit
 * see the links: school × 去向分类 with school, level and 分类 margins; the whole's seven 去向 adding up to
 * their 分类; employment by city and level; by 门类; cohorts; rated majors; and what the city editions
 * print of the schools located in each city ({@link addCitySchools}).
 */
export function graduateCountSystem(data: GraduateData, cityCodes: readonly string[], rules: PublicationRules): CountSystem {
  const levels = [...new Set(data.schools.map((s) => s.level))];
  const places = [...cityCodes, OUTSIDE];
  const cities = schoolsByCity(data, cityCodes);
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
        ...Object.fromEntries([...cities].flatMap(([city, schools]) => citySchoolsTree(city, schools))),
      },
      // The other cities of a city's 地域流向, one place.
      place: Object.fromEntries(
        [...cities.keys()].flatMap((city) =>
          cityPlaces(city, cityCodes)
            .filter((p) => p.members.join() !== p.code)
            .map((p) => [p.code, p.members]),
        ),
      ),
    },
  );
  const sumOf = (schools: readonly string[]) => destinationsOf(data, schools);
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
    addCohort(system, {}, c.year, c, data.cohort);
    system.add('cohort_study', { cohort: String(c.year) }, c.study);
  }
  for (const m of majors) {
    const at = { major: m.key };
    system.add('major_grad', at, m.graduates);
    system.add('major_unemployed', at, m.unemployed);
    system.add('major_placed', at, m.graduates - m.unemployed);
    system.relate(cellKey('major_grad', at), [cellKey('major_placed', at), cellKey('major_unemployed', at)]);
  }
  for (const [city, schools] of cities) addCitySchools(system, data, city, schools, cityCodes);
  return system;
}

/**
 * One cohort's graduates, 落实 and 待就业 at `where` (graduates = 落实 + 待就业). The newest cohort
 * repeats the 去向 table at `where`: its 待就业, and its graduates, are one number with the table's
 * wherever they are equal (reported graduates differ from the sum of the 去向 when the returns do not add up).
 */
export function addCohort(
  system: CountSystem,
  where: Record<string, string>,
  year: number,
  v: { graduates: number; unemployed: number },
  newest: number,
): void {
  const t = { ...where, cohort: String(year) };
  system.add('cohort_grad', t, v.graduates);
  system.add('cohort_unemployed', t, v.unemployed);
  system.add('cohort_placed', t, v.graduates - v.unemployed);
  system.relate(cellKey('cohort_grad', t), [cellKey('cohort_placed', t), cellKey('cohort_unemployed', t)]);
  if (year !== newest) return;
  for (const [table, cohort] of [
    [cellKey('grad', { ...where, group: 'unemployed' }), cellKey('cohort_unemployed', t)],
    [cellKey('grad', where), cellKey('cohort_grad', t)],
  ] as const)
    if (system.cells.get(table)?.value === system.cells.get(cohort)!.value) system.relate(table, [cohort]);
}

/**
 * The cohorts before the newest: a city's trend holds cells of its own for these only, and reads the
 * newest from its 去向 table, so that the city's newest cohort is not a second number beside that table.
 */
export function earlierCohorts(data: GraduateData): GraduateData['cohorts'] {
  return data.cohorts.filter((c) => c.year !== data.cohort);
}

/** Graduates and 待就业 of `schools` (codes) in one cohort year (a school with no return that year adds nothing). */
export function cohortOf(data: GraduateData, schools: Iterable<string>, year: number): { graduates: number; unemployed: number } {
  const sum = { graduates: 0, unemployed: 0 };
  for (const s of schools) {
    const v = data.schoolCohorts.get(s)?.get(year);
    sum.graduates += v?.graduates ?? 0;
    sum.unemployed += v?.unemployed ?? 0;
  }
  return sum;
}

/** Graduates of `schools` (codes) by 去向. */
function destinationsOf(data: GraduateData, schools: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of schools) for (const d of DESTINATIONS) out[d.key] = (out[d.key] ?? 0) + (data.destinations.get(s)?.[d.key] ?? 0);
  return out;
}

/**
 * What a city's report prints of the schools located in the city (`schools`), at `school=C:<city>`:
 * their graduates by 去向分类, in all and per level ({@link cityLevelCode}: the levels' children are
 * the schools, as the by-school table's rows), their seven 去向, and their employed graduates by place
 * ({@link cityPlaces}). The schools' own reports print the same counts school by school:
 * `schoolLinks` writes the sums down.
 */
function addCitySchools(system: CountSystem, data: GraduateData, city: string, schools: readonly School[], cityCodes: readonly string[]) {
  const at = { school: citySchoolsCode(city) };
  for (const [code, members] of citySchoolsTree(city, schools).slice(1))
    addDestinationGroups(system, { school: code }, destinationsOf(data, members));
  const codes = schools.map((s) => s.code);
  const all = destinationsOf(data, codes);
  addDestinationGroups(system, at, all);
  addDestinations(system, at, all);
  // The earlier cohorts of the same schools (a school with no return in a year adds nothing to it).
  for (const c of earlierCohorts(data)) addCohort(system, at, c.year, cohortOf(data, codes, c.year), data.cohort);
  const employedAt = (places: readonly string[]) =>
    schools.reduce((n, s) => n + places.reduce((m, p) => m + (data.flows.get(s.code)?.get(p) ?? 0), 0), 0);
  addFlows(
    system,
    at,
    cityPlaces(city, cityCodes).map((p): [string, number] => [p.code, employedAt(p.members)]),
    // No 门类: a city's schools have few graduates in most 门类, and the sums would have cells of
    // the schools' own 行业流向 tables withheld to protect them.
    null,
  );
}
