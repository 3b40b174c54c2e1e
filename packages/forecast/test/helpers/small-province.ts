import { join } from 'node:path';
import {
  appendRows,
  loadReference,
  openWarehouse,
  readProjectionReference,
  resolveConfig,
  runModels,
  type AppendCell,
  type Warehouse,
} from '@talent/models';

/**
 * A province small enough to project by hand: two cities, manufacturing published by 大类 (13, 36)
 * and 信息 (I) only as a 门类 (split into 64 and 65 by postings), one vocational school, a year of
 * quarterly shortage tables. Every figure the step tests expect follows from these rows.
 */
export const CITY_A = '450100';
export const CITY_B = '450200';
export const PROVINCE = '450000';
export const LAST_YEAR = 2024;
export const FIRST_YEAR = 2016;

/** Published urban-units employment of LAST_YEAR; earlier years are smaller by 2% a year (linear). */
export const URBAN_2024: Record<string, Record<string, number>> = {
  [CITY_A]: { '13': 100, '36': 300, I: 200 },
  [CITY_B]: { '13': 50, '36': 150, I: 100 },
};
export const urbanIn = (city: string, code: string, year: number) => Math.round(URBAN_2024[city]![code]! * (1 - 0.02 * (LAST_YEAR - year)));

/** Parameters the hand computations use instead of the shipped defaults. */
export const TEST_PARAMETERS: Record<string, number> = {
  division_share_city_weight: 20,
  division_share_prior_weight: 10,
  staffing_prior_weight: 10,
  staffing_min_share: 0.005,
  // The staffing matrix's workers per vacancy stay at their prior (1 / (propensity × separation), scaled):
  // the fit has its own test.
  posting_intensity_iterations: 0,
  completion_prior_weight: 0,
  outcome_prior_weight: 0,
  education_prior_weight: 0,
  history_first_year: FIRST_YEAR,
};

const industries = [
  ['C', '制造业', '门类', null, 'C'],
  ['13', '农副食品加工业', '大类', 'C', 'C'],
  ['131', '谷物磨制', '中类', '13', 'C'],
  ['1311', '稻谷加工', '小类', '131', 'C'],
  ['36', '汽车制造业', '大类', 'C', 'C'],
  ['361', '汽车整车制造', '中类', '36', 'C'],
  ['3611', '汽柴油车整车制造', '小类', '361', 'C'],
  ['3612', '新能源车整车制造', '小类', '361', 'C'],
  ['362', '汽车用发动机制造', '中类', '36', 'C'],
  ['3620', '汽车用发动机制造', '小类', '362', 'C'],
  ['I', '信息传输、软件和信息技术服务业', '门类', null, 'I'],
  ['64', '互联网和相关服务', '大类', 'I', 'I'],
  ['641', '互联网接入及相关服务', '中类', '64', 'I'],
  ['6410', '互联网接入及相关服务', '小类', '641', 'I'],
  ['65', '软件和信息技术服务业', '大类', 'I', 'I'],
  ['651', '软件开发', '中类', '65', 'I'],
  ['6511', '基础软件开发', '小类', '651', 'I'],
] as const;

/** Occupations of the world: food workers, car assemblers, software engineers, a clerk. */
export const OCC = { food: '6-01-01-01', car: '6-02-01-01', software: '2-02-10-01', chemist: '2-02-01-01', clerk: '4-01-01-01' } as const;

let line = 0;
const meta = (source: string) => ({ load_id: `L-${source}`, line: ++line, source });

async function put(wh: Warehouse, table: string, rows: Record<string, AppendCell>[]): Promise<void> {
  await appendRows(wh.conn, table, rows);
}

/** Postings of one division, city, occupation and year: `n` vacancies, none a duplicate. */
function postings(n: number, city: string, division: string | null, occupation: string, year: number, education: string, pay: number) {
  return Array.from({ length: n }, (_, i) => ({
    file_key: 'postings.csv',
    ...meta('board'),
    region_code: city,
    industry_code: division,
    occupation_code: occupation,
    education,
    salary_min_monthly: pay,
    salary_max_monthly: pay,
    posted_date: `${year}-0${1 + (i % 9)}-15`,
  }));
}

/** Opens an in-memory warehouse holding the small province. */
export async function smallProvince(): Promise<Warehouse> {
  const wh = await openWarehouse(':memory:');
  const config = resolveConfig({}, {});
  await loadReference(wh.conn, readProjectionReference(join(config.referenceDir, 'projection')));
  for (const [name, value] of Object.entries(TEST_PARAMETERS))
    await wh.conn.run(`UPDATE ref.projection_parameter SET value = $1 WHERE name = $2`, [value, name]);

  await put(wh, 'ref.region', [
    { code: PROVINCE, name: '广西壮族自治区', level: '省', parent_code: null, province_code: PROVINCE },
    { code: CITY_A, name: '南宁市', level: '市', parent_code: PROVINCE, province_code: PROVINCE },
    { code: CITY_B, name: '柳州市', level: '市', parent_code: PROVINCE, province_code: PROVINCE },
    { code: '440000', name: '广东省', level: '省', parent_code: null, province_code: '440000' },
  ]);
  await put(
    wh,
    'ref.industry',
    industries.map(([code, name, level, parent, section]) => ({ code, name, level, parent_code: parent, section_code: section })),
  );
  await put(
    wh,
    'ref.occupation',
    Object.values(OCC).map((code) => ({ code, name: code, level: '细类', is_digital: false, is_green: false, is_occupation: true })),
  );
  await put(wh, 'ref.framework', [
    { framework: 'fw', name: '测试框架', region_code: PROVINCE, source_file: 'x', source_title: 'x', year: 2021, group_count: 3 },
    { framework: 'city_fw', name: '城市框架', region_code: CITY_B, source_file: 'x', source_title: 'x', year: 2021, group_count: 1 },
  ]);
  const group = (framework: string, group_code: string, group_order: number, industry_code: string, industry_level: string) => ({
    framework,
    group_code,
    group_name: group_code,
    group_order,
    industry_code,
    industry_level,
    quote: 'x',
    note: 'x',
  });
  await put(wh, 'ref.framework_group', [
    group('fw', 'cars', 1, '36', '大类'),
    group('fw', 'info', 2, 'I', '门类'),
    group('fw', 'petrol_cars', 3, '3611', '小类'),
    group('city_fw', 'food', 1, '13', '大类'),
  ]);
  await put(wh, 'ref.crosswalk_occupation_industry', [
    { occupation_code: OCC.food, industry_code: '13', share: 1, method: 'test', origin: 'test' },
  ]);
  await put(wh, 'ref.crosswalk_major_occupation', [
    { catalog: '高职专科', major_code: '460701', occupation_code: OCC.car, weight: 1, method: 'test', origin: 'test' },
  ]);

  // Yearbook cells: city leaves every year, and the province's all-employment by 门类 at twice the urban figure.
  const cells: Record<string, AppendCell>[] = [];
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    for (const city of [CITY_A, CITY_B])
      for (const code of ['13', '36', 'I'])
        cells.push({
          ...meta('yearbook'),
          year,
          region_code: city,
          region_matched: true,
          industry_code: code,
          industry_level: code === 'I' ? '门类' : '大类',
          industry_matched: true,
          section_code: code === 'I' ? 'I' : 'C',
          universe: 'urban_units',
          employment: urbanIn(city, code, year),
        });
    for (const section of ['C', 'I']) {
      const codes = section === 'C' ? ['13', '36'] : ['I'];
      const urban = [CITY_A, CITY_B].reduce((s, c) => s + codes.reduce((t, code) => t + urbanIn(c, code, year), 0), 0);
      cells.push({
        ...meta('yearbook_all'),
        year,
        region_code: PROVINCE,
        region_matched: true,
        industry_code: section,
        industry_level: '门类',
        industry_matched: true,
        section_code: section,
        universe: 'all',
        employment: 2 * urban,
      });
    }
  }
  await put(wh, 'core.employment', cells);

  await put(wh, 'core.job_posting_codes', [
    ...postings(30, CITY_A, '64', OCC.software, 2024, 'bachelor', 12000),
    ...postings(10, CITY_A, '65', OCC.software, 2024, 'bachelor', 12000),
    ...postings(10, CITY_B, '65', OCC.clerk, 2024, 'associate', 5000),
    ...postings(8, CITY_A, '13', OCC.food, 2024, 'senior_secondary', 4000),
    ...postings(2, CITY_A, '13', OCC.chemist, 2024, 'bachelor', 8000),
    ...postings(10, CITY_B, '36', OCC.car, 2024, 'unrestricted', 6000),
    ...postings(8, CITY_B, '36', OCC.car, 2023, 'unrestricted', 5000),
  ]);

  // One school: entrants of year t graduate in t + 3 at 90%; 80% of graduates work, 60% in city A, 20% in B.
  const entrants: Record<number, number> = { 2019: 100, 2020: 110, 2021: 120, 2022: 130, 2023: 140, 2024: 150 };
  await put(
    wh,
    'core.enrollment',
    Object.entries(entrants).map(([y, n]) => {
      const year = Number(y);
      const graduates = year >= 2022 ? Math.round(entrants[year - 3]! * 0.9) : null;
      return {
        ...meta('enrollment'),
        school_name: '南宁职业技术学院',
        school_code: '4145010001',
        school_level: '高职专科',
        major_code: '460701',
        major_matched: true,
        year,
        enrolled_new: n,
        graduates,
      };
    }),
  );
  const outcome: Record<string, AppendCell>[] = [];
  const regions: Record<string, AppendCell>[] = [];
  for (const year of [2022, 2023, 2024]) {
    outcome.push({
      ...meta('outcomes'),
      school_name: '南宁职业技术学院',
      school_code: '4145010001',
      school_level: '高职专科',
      major_code: '460701',
      major_matched: true,
      graduation_year: year,
      graduates: 100,
      dest_contract: 60,
      dest_flexible: 15,
      dest_self_employed: 5,
      dest_further_study: 10,
      dest_unemployed: 10,
    });
    for (const [region, employed] of [
      [CITY_A, 48],
      [CITY_B, 16],
      ['440000', 16],
    ] as const)
      regions.push({
        ...meta('regions'),
        school_code: '4145010001',
        graduation_year: year,
        region_code: region,
        region_matched: true,
        employed,
      });
  }
  await put(wh, 'core.graduate_outcome', outcome);
  await put(wh, 'core.graduate_region', regions);
  await runModels(wh.conn, { rebuildTables: true });
  return wh;
}

/** One year of the province's quarterly shortage tables: car and food workers every quarter, software twice. */
export const REGISTRATIONS: { period: string; occupation: string; vacancies: number; seekers: number }[] = [
  ...['2024Q1', '2024Q2', '2024Q3', '2024Q4'].flatMap((period) => [
    { period, occupation: OCC.car, vacancies: 30, seekers: 24 },
    { period, occupation: OCC.food, vacancies: 5, seekers: 3 },
  ]),
  { period: '2024Q1', occupation: OCC.software, vacancies: 9, seekers: 6 },
  { period: '2024Q2', occupation: OCC.software, vacancies: 8, seekers: 6 },
];

/** Adds quarterly shortage tables (REGISTRATIONS unless given) to a small province. */
export async function addRegistrations(wh: Warehouse, registrations = REGISTRATIONS): Promise<void> {
  const byPeriod = new Map<string, typeof REGISTRATIONS>();
  for (const r of registrations) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  const rows: Record<string, AppendCell>[] = [];
  for (const [period, list] of byPeriod)
    [...list]
      .sort((a, b) => b.vacancies - b.seekers - (a.vacancies - a.seekers))
      .forEach((r, i) =>
        rows.push({
          ...meta('shortage'),
          publisher: '公共就业服务机构',
          period,
          rank: i + 1,
          occupation_name: r.occupation,
          occupation_code: r.occupation,
          occupation_matched: true,
          region_code: PROVINCE,
          vacancies: r.vacancies,
          job_seekers: r.seekers,
          shortfall: r.vacancies - r.seekers,
        }),
      );
  await put(wh, 'core.shortage_entry', rows);
  await runModels(wh.conn, { rebuildTables: true });
}

/** One quarter's table by occupation group: 大类 digit → [vacancies, seekers], and the seekers who name no occupation. */
export interface GroupTable {
  period: string;
  groups: Record<string, [number, number]>;
  noPreference: number;
}

/** Adds quarterly tables by occupation group (按职业分组的供求人数) of the province to a small province. */
export async function addGroupTables(wh: Warehouse, tables: GroupTable[]): Promise<void> {
  const rows: Record<string, AppendCell>[] = [];
  const row = (period: string, name: string, code: string | null, kind: string, vacancies: number | null, seekers: number) => ({
    ...meta('groups'),
    publisher: '公共就业服务机构',
    period,
    group_name: name,
    group_code: code,
    row_kind: kind,
    region_code: PROVINCE,
    vacancies,
    job_seekers: seekers,
  });
  for (const t of tables) {
    for (const [digit, [v, s]] of Object.entries(t.groups)) rows.push(row(t.period, `大类${digit}`, `${digit}-00-00-00`, 'group', v, s));
    rows.push(row(t.period, '无要求', null, 'no_preference', null, t.noPreference));
  }
  await put(wh, 'core.occupation_group_entry', rows);
  await runModels(wh.conn, { rebuildTables: true });
}

/**
 * The 大典's groups above the occupations (大类, 中类, 小类: none an occupation) and postings coded only to a group, as
 * generic titles are (普工 → 6-00-00-00): 6 in city A's 13, 4 in A's 64 (where no 大类-6 occupation is named), 2 coded
 * 6-02-00-00 without an industry in city B, 1 to 大类 5, none of whose occupations any posting names.
 */
export async function addGroupCodedPostings(wh: Warehouse): Promise<void> {
  const groups = new Map<string, string | null>([['5-00-00-00', null]]);
  for (const code of Object.values(OCC)) {
    groups.set(`${code.slice(0, 1)}-00-00-00`, null);
    groups.set(`${code.slice(0, 4)}-00-00`, `${code.slice(0, 1)}-00-00-00`);
    groups.set(`${code.slice(0, 7)}-00`, `${code.slice(0, 4)}-00-00`);
  }
  const level = (code: string) => (code.endsWith('-00-00-00') ? '大类' : code.endsWith('-00-00') ? '中类' : '小类');
  await put(
    wh,
    'ref.occupation',
    [...groups].map(([code, parent]) => ({
      code,
      name: code,
      level: level(code),
      parent_code: parent,
      is_digital: false,
      is_green: false,
      is_occupation: false,
    })),
  );
  await wh.conn.run(`UPDATE ref.occupation SET parent_code = left(code, 7) || '-00' WHERE level = '细类'`);
  await put(wh, 'core.job_posting_codes', [
    ...postings(6, CITY_A, '13', '6-00-00-00', 2024, 'senior_secondary', 4000),
    ...postings(4, CITY_A, '64', '6-00-00-00', 2024, 'associate', 4000),
    ...postings(2, CITY_B, null, '6-02-00-00', 2024, 'unrestricted', 6000),
    ...postings(1, CITY_A, '13', '5-00-00-00', 2024, 'unrestricted', 3000),
  ]);
  await runModels(wh.conn, { rebuildTables: true });
}
