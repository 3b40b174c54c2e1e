import type { DuckDBConnection } from '@duckdb/node-api';
import { query } from '../sql.js';

/** 毕业去向 categories of core.graduate_outcome, in the order of the real 去向 tables, with their 分类. */
export const DESTINATIONS = [
  { key: 'contract', column: 'dest_contract', name: '协议和合同就业', group: '就业' },
  { key: 'flexible', column: 'dest_flexible', name: '灵活就业', group: '就业' },
  { key: 'self_employed', column: 'dest_self_employed', name: '自主创业', group: '就业' },
  { key: 'military', column: 'dest_military', name: '应征义务兵', group: '就业' },
  { key: 'further_study', column: 'dest_further_study', name: '升学', group: '升学' },
  { key: 'abroad', column: 'dest_abroad', name: '出国、出境', group: '升学' },
  { key: 'unemployed', column: 'dest_unemployed', name: '待就业', group: '未就业' },
] as const;
export type Destination = (typeof DESTINATIONS)[number]['key'];

/**
 * The 去向 whose graduates the flow tables count (core.graduate_region and core.graduate_industry:
 * 协议和合同就业 + 灵活就业 + 自主创业; 应征义务兵 work nowhere a school reports).
 */
export const WORKING_DESTINATIONS: readonly Destination[] = ['contract', 'flexible', 'self_employed'];

/** The three 毕业去向分类, the per-school table's columns (finer columns would hold many counts under 5). */
export const DESTINATION_GROUPS = [
  { key: 'employed', name: '就业' },
  { key: 'study', name: '升学' },
  { key: 'unemployed', name: '未就业' },
] as const;
export const groupOf = (dest: Destination) =>
  DESTINATION_GROUPS.find((g) => g.name === DESTINATIONS.find((d) => d.key === dest)!.group)!.key;

/** School levels in print order. */
export const SCHOOL_LEVELS = ['研究生', '本科', '职业本科', '高职专科', '中职'] as const;

export interface School {
  code: string;
  name: string;
  level: string;
  /** The city of the school (所在地 in the loaded school lists, core.school), when listed there. */
  cityCode: string | null;
}

/** One major of one school in the cohort: graduates by 去向 and the quality means with the graduates they cover. */
export interface SchoolMajor {
  /** `<school level>:<major code>`, as the province's rated majors are keyed. */
  key: string;
  level: string;
  code: string;
  name: string;
  destinations: Record<Destination, number>;
  salary: number | null;
  salaryN: number;
  relevance: number | null;
  relevanceN: number;
  satisfaction: number | null;
  satisfactionN: number;
}

export interface GraduateData {
  cohort: number;
  schools: School[];
  /** school → destination → graduates of the cohort. */
  destinations: Map<string, Record<Destination, number>>;
  /** Destinations no return of the cohort gives a figure for (empty cells, not zeros): their counts are unknown. */
  unreported: Destination[];
  /** Cohorts of recent years: graduates, unemployed, further study and the graduate-weighted mean monthly salary. */
  cohorts: { year: number; graduates: number; unemployed: number; study: number; salary: number | null; salaryN: number }[];
  /**
   * Per school level: graduate-weighted means and the graduates they cover, of every school (`city`
   * null) and of the schools located in each city.
   */
  quality: {
    city: string | null;
    level: string;
    salary: number | null;
    relevance: number | null;
    satisfaction: number | null;
    n: number;
  }[];
  /** school → city code (or `outside`) → graduates employed there. */
  flows: Map<string, Map<string, number>>;
  /** GB/T 4754 门类 → employed graduates of the cohort. */
  industries: { code: string; name: string; employed: number }[];
  /** school → GB/T 4754 门类 → its employed graduates of the cohort (门类 with none left out). */
  schoolIndustries: Map<string, Map<string, number>>;
  /** school → its majors in the cohort. */
  schoolMajors: Map<string, SchoolMajor[]>;
  /** school → cohort year → graduates and 待就业 (the cohorts of `cohorts`). */
  schoolCohorts: Map<string, Map<number, { graduates: number; unemployed: number }>>;
  /** Majors (per school level) of the cohort across schools. */
  majors: {
    key: string;
    level: string;
    code: string;
    name: string;
    graduates: number;
    unemployed: number;
    salary: number | null;
    satisfaction: number | null;
  }[];
}

/**
 * `located`: each school's name and city (school_code, name, city) from the latest school list holding it
 * (core.school_latest); a school of another province than $2 has no city here.
 */
const LOCATED = `located AS (
       SELECT school_code, school_name AS name, CASE WHEN left(city_code, 2) = left($2, 2) THEN city_code END AS city
         FROM core.school_latest)`;

/** The newest cohort with outcome rows, or null when none is loaded. */
export async function newestCohort(conn: DuckDBConnection): Promise<number | null> {
  const rows = await query<{ y: number | null }>(conn, `SELECT max(graduation_year)::INTEGER AS y FROM core.graduate_outcome`);
  return rows[0]?.y ?? null;
}

/** Everything the graduate reports print, for one cohort and the cohorts before it. */
export async function readGraduateData(
  conn: DuckDBConnection,
  cohort: number,
  provinceCode: string,
  trendYears: number,
): Promise<GraduateData> {
  const schools = await query<{ code: string; name: string; level: string; cityCode: string | null }>(
    conn,
    `WITH ${LOCATED}
     SELECT o.school_code AS code,
            -- A school renamed since its returns were filed goes by the name the latest school list gives it.
            coalesce(any_value(l.name), any_value(o.school_name ORDER BY o.graduation_year DESC)) AS name,
            any_value(o.school_level ORDER BY o.graduates DESC) AS level, any_value(l.city) AS "cityCode"
       FROM core.graduate_outcome o LEFT JOIN located l USING (school_code)
      WHERE o.graduation_year = $1 AND o.school_code IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [cohort, provinceCode],
  );
  const destRows = await query<Record<string, number | string>>(
    conn,
    `SELECT school_code AS code, ${DESTINATIONS.map((d) => `sum(coalesce(${d.column}, 0))::INTEGER AS ${d.key}`).join(', ')}
       FROM core.graduate_outcome WHERE graduation_year = $1 AND school_code IS NOT NULL GROUP BY 1`,
    [cohort],
  );
  const [given] = await query<Record<string, boolean>>(
    conn,
    `SELECT ${DESTINATIONS.map((d) => `count(${d.column}) > 0 AS ${d.key}`).join(', ')} FROM core.graduate_outcome WHERE graduation_year = $1`,
    [cohort],
  );
  const unreported = DESTINATIONS.filter((d) => given !== undefined && !given[d.key]).map((d) => d.key);
  const destinations = new Map(
    destRows.map((r) => [
      String(r.code),
      Object.fromEntries(DESTINATIONS.map((d) => [d.key, Number(r[d.key])])) as Record<Destination, number>,
    ]),
  );
  const cohorts = await query<{
    year: number;
    graduates: number;
    unemployed: number;
    study: number;
    salary: number | null;
    salaryN: number;
  }>(
    conn,
    `SELECT graduation_year::INTEGER AS year, sum(graduates)::INTEGER AS graduates, coalesce(sum(dest_unemployed), 0)::INTEGER AS unemployed,
            coalesce(sum(coalesce(dest_further_study, 0) + coalesce(dest_abroad, 0)), 0)::INTEGER AS study,
            sum(salary_mean_monthly * graduates) / nullif(sum(graduates) FILTER (WHERE salary_mean_monthly IS NOT NULL), 0) AS salary,
            coalesce(sum(graduates) FILTER (WHERE salary_mean_monthly IS NOT NULL), 0)::INTEGER AS "salaryN"
       FROM core.graduate_outcome WHERE graduation_year BETWEEN $1 AND $2 AND school_code IS NOT NULL GROUP BY 1 ORDER BY 1`,
    [cohort - trendYears + 1, cohort],
  );
  const weighted = (col: string) => `sum(${col} * graduates) / nullif(sum(graduates) FILTER (WHERE ${col} IS NOT NULL), 0)`;
  const covered = (col: string) => `coalesce(sum(graduates) FILTER (WHERE ${col} IS NOT NULL), 0)::INTEGER`;
  // By level for the whole province, and for the schools of each city (grouping() tells the province's
  // rows from those of the schools no city is known for, whose city is null too).
  const quality = await query<GraduateData['quality'][number]>(
    conn,
    `WITH ${LOCATED}
     SELECT CASE WHEN grouping(l.city) = 0 THEN l.city END AS city, o.school_level AS level,
            ${weighted('salary_mean_monthly')} AS salary, ${weighted('major_relevance')} AS relevance,
            ${weighted('satisfaction')} AS satisfaction, sum(graduates)::INTEGER AS n
       FROM core.graduate_outcome o LEFT JOIN located l USING (school_code)
      WHERE o.graduation_year = $1 AND o.school_code IS NOT NULL
      GROUP BY GROUPING SETS ((o.school_level), (l.city, o.school_level))
     HAVING grouping(l.city) = 1 OR l.city IS NOT NULL`,
    [cohort, provinceCode],
  );
  const flowRows = await query<{ school: string; place: string; employed: number }>(
    conn,
    `SELECT g.school_code AS school,
            CASE WHEN g.province_code = $2 THEN coalesce(r.parent_code, g.region_code) ELSE 'outside' END AS place,
            sum(g.employed)::INTEGER AS employed
       FROM core.graduate_region g LEFT JOIN ref.region r ON r.code = g.region_code AND r.level = '县'
      WHERE g.graduation_year = $1 AND g.school_code IS NOT NULL AND g.region_matched AND g.region_code <> $2
      GROUP BY ALL`,
    [cohort, provinceCode],
  );
  const flows = new Map<string, Map<string, number>>();
  for (const r of flowRows) (flows.get(r.school) ?? flows.set(r.school, new Map()).get(r.school)!).set(r.place, r.employed);
  const industries = await query<{ code: string; name: string; employed: number }>(
    conn,
    `SELECT g.section_code AS code, any_value(i.name) AS name, sum(g.employed)::INTEGER AS employed
       FROM core.graduate_industry g JOIN ref.industry i ON i.code = g.section_code AND i.level = '门类'
      WHERE g.graduation_year = $1 GROUP BY 1 ORDER BY 1`,
    [cohort],
  );
  const schoolIndustryRows = await query<{ school: string; code: string; employed: number }>(
    conn,
    `SELECT g.school_code AS school, g.section_code AS code, sum(g.employed)::INTEGER AS employed
       FROM core.graduate_industry g JOIN ref.industry i ON i.code = g.section_code AND i.level = '门类'
      WHERE g.graduation_year = $1 AND g.school_code IS NOT NULL GROUP BY ALL HAVING sum(g.employed) > 0`,
    [cohort],
  );
  const schoolIndustries = new Map<string, Map<string, number>>();
  for (const r of schoolIndustryRows)
    (schoolIndustries.get(r.school) ?? schoolIndustries.set(r.school, new Map()).get(r.school)!).set(r.code, r.employed);
  const majors = await query<GraduateData['majors'][number]>(
    conn,
    `SELECT school_level || ':' || major_code AS key, school_level AS level, major_code AS code, any_value(major_name) AS name,
            sum(graduates)::INTEGER AS graduates, coalesce(sum(dest_unemployed), 0)::INTEGER AS unemployed,
            ${weighted('salary_mean_monthly')} AS salary, ${weighted('satisfaction')} AS satisfaction
       FROM core.graduate_outcome WHERE graduation_year = $1 AND major_code IS NOT NULL AND school_level IS NOT NULL
      GROUP BY ALL ORDER BY 1`,
    [cohort],
  );
  const majorRows = await query<Record<string, string | number | null>>(
    conn,
    `SELECT school_code AS school, coalesce(school_level, '') AS level, coalesce(major_code, '') AS code, any_value(major_name) AS name,
            ${DESTINATIONS.map((d) => `sum(coalesce(${d.column}, 0))::INTEGER AS ${d.key}`).join(', ')},
            ${weighted('salary_mean_monthly')} AS salary, ${covered('salary_mean_monthly')} AS "salaryN",
            ${weighted('major_relevance')} AS relevance, ${covered('major_relevance')} AS "relevanceN",
            ${weighted('satisfaction')} AS satisfaction, ${covered('satisfaction')} AS "satisfactionN"
       FROM core.graduate_outcome WHERE graduation_year = $1 AND school_code IS NOT NULL GROUP BY ALL ORDER BY 1, 2, 3`,
    [cohort],
  );
  const schoolMajors = new Map<string, SchoolMajor[]>();
  for (const r of majorRows) {
    const list = schoolMajors.get(String(r.school)) ?? schoolMajors.set(String(r.school), []).get(String(r.school))!;
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    list.push({
      key: `${r.level}:${r.code}`,
      level: String(r.level),
      code: String(r.code),
      name: String(r.name ?? r.code),
      destinations: Object.fromEntries(DESTINATIONS.map((d) => [d.key, Number(r[d.key])])) as Record<Destination, number>,
      salary: num(r.salary),
      salaryN: Number(r.salaryN),
      relevance: num(r.relevance),
      relevanceN: Number(r.relevanceN),
      satisfaction: num(r.satisfaction),
      satisfactionN: Number(r.satisfactionN),
    });
  }
  const cohortRows = await query<{ school: string; year: number; graduates: number; unemployed: number }>(
    conn,
    `SELECT school_code AS school, graduation_year::INTEGER AS year, sum(graduates)::INTEGER AS graduates,
            coalesce(sum(dest_unemployed), 0)::INTEGER AS unemployed
       FROM core.graduate_outcome WHERE graduation_year BETWEEN $1 AND $2 AND school_code IS NOT NULL GROUP BY ALL`,
    [cohort - trendYears + 1, cohort],
  );
  const schoolCohorts = new Map<string, Map<number, { graduates: number; unemployed: number }>>();
  for (const r of cohortRows)
    (schoolCohorts.get(r.school) ?? schoolCohorts.set(r.school, new Map()).get(r.school)!).set(r.year, {
      graduates: r.graduates,
      unemployed: r.unemployed,
    });
  return {
    cohort,
    schools,
    destinations,
    unreported,
    cohorts,
    quality,
    flows,
    industries,
    schoolIndustries,
    majors,
    schoolMajors,
    schoolCohorts,
  };
}
