import type { DuckDBConnection } from '@duckdb/node-api';
import type { RecordKind } from '@talent/models';
import { lit } from './sql.js';

/**
 * A school is matched by 学校标识码, else by exact name; a missing code or name is no match (so an
 * unlisted code alone still gives false); NULL when no school list is loaded.
 */
const SCHOOL_MATCH = `CASE WHEN EXISTS (SELECT 1 FROM core.school) THEN
    coalesce(a.school_code IN (SELECT school_code FROM core.school), false)
    OR coalesce(a.school_name IN (SELECT school_name FROM core.school), false) END`;

/**
 * A major by its code (among the catalogues of the school's level when given), else by its name:
 * joins `bc` and `bn`, for rows that may carry either (outcomes and their industry breakdown).
 */
const MAJOR_BY_CODE_OR_NAME = `LEFT JOIN (SELECT code, any_value(name) AS name, list(catalog) AS cats FROM ref.major WHERE level = '专业' GROUP BY code) bc
          ON bc.code = a.major_code AND (a.school_level IS NULL OR list_contains(bc.cats, a.school_level))
        LEFT JOIN (SELECT name, min(code) AS code, list(catalog) AS cats FROM ref.major WHERE level = '专业' GROUP BY name) bn
          ON a.major_code IS NULL AND bn.name = a.major_name AND (a.school_level IS NULL OR list_contains(bn.cats, a.school_level))`;

/** The school list's name for a code, filled in where a breakdown file gives only the code. */
const SCHOOL_NAME_BY_CODE = `LEFT JOIN (SELECT school_code, min(school_name) AS school_name FROM core.school GROUP BY school_code) sn
    ON a.school_name IS NULL AND sn.school_code = a.school_code`;

/** The place duplicates are keyed on: the prefecture of a GB/T 2260 code (its first four digits). */
const DEDUP_PLACE = (code: string) => `left(${code}, 4)`;

/**
 * Place and pay of the duplicate key, as one 64-bit hash of the prefecture and the monthly bounds
 * to the nearest 100 yuan (unknown pay hashes alike): the same employer hires the same title in the same city for several vacancies, and
 * the pay tells them apart. Measured on the generator's key: without pay, the province edition's
 * 1,684,093 vacancies became 1,212,948 demand records; with it 1,706,385 (1.5 % of records merge
 * two vacancies, 3.0 % of vacancies are split); demo edition 20,362 records for 19,774 vacancies.
 */
const DEDUP_SLOT = (code: string, min: string, max: string) => `hash(${DEDUP_PLACE(code)}, round(${min}, -2), round(${max}, -2))`;

/** Columns of core.job_posting in the order the inserts fill them. */
const CORE_POSTING_COLUMNS = [
  'posting_id', 'load_id', 'line', 'source', 'source_id', 'title', 'company', 'region_code', 'industry_code', 'industry_confidence',
  'occupation_code', 'occupation_confidence', 'salary_min_monthly', 'salary_max_monthly', 'salary_months', 'education',
  'experience_min_years', 'experience_max_years', 'headcount', 'posted_date', 'company_norm', 'title_norm', 'dedup_key', 'duplicate_of',
];

/**
 * The text of a posting as mapped, stored beside its codes (raw.job_posting is a view of these):
 * core column ← column of the validated rows. Typed fields keep the text they were cast from.
 */
const POSTING_TEXT: readonly (readonly [string, string])[] = [
  ['company_industry_text', 'company_industry_text'], ['company_size_text', 'company_size_text'], ['location_text', 'location_text'],
  ['salary_text', 'salary_text'], ['education_text', 'education_text'], ['experience_text', 'experience_text'], ['skills', 'skills'],
  ['description', 'description'], ['salary_min_monthly_raw', 'salary_min_monthly__raw'], ['salary_max_monthly_raw', 'salary_max_monthly__raw'],
  ['salary_months_raw', 'salary_months__raw'], ['education_raw', 'education'], ['experience_min_years_raw', 'experience_min_years__raw'],
  ['experience_max_years_raw', 'experience_max_years__raw'], ['headcount_raw', 'headcount__raw'], ['posted_date_raw', 'posted_date__raw'],
];
const POSTING_INSERT_COLUMNS = [...CORE_POSTING_COLUMNS, ...POSTING_TEXT.map(([c]) => c)].join(', ');
const POSTING_TEXT_VALUES = POSTING_TEXT.map(([, a]) => `a.${a}`).join(', ');

/** Rows of an accepted-rows table, and the names of its lookup tables, to write into core. */
export interface CoreInsertContext {
  conn: DuckDBConnection;
  kind: RecordKind;
  acc: string;
  prefix: string;
  loadId: string;
  source: string;
  /** First 16 hex digits of the file hash: posting ids are stable for the same file. */
  fileKey: string;
  /** Duplicate marking supplied by the normalisers (run on the postings that can cluster); replaces the built-in rule. */
  externalDedupe?: ((conn: DuckDBConnection, table: string) => Promise<void>) | undefined;
}

/**
 * Writes the accepted rows of one load into the kind's core table, coded against ref and the
 * posting lookups. Postings get `duplicate_of` here: the first copy (earliest load, then earliest
 * line) of the same company, title, place and pay stays the original.
 * @returns how many postings were marked duplicates (0 for other kinds).
 */
export async function insertCore(ctx: CoreInsertContext): Promise<number> {
  const { conn, acc, prefix, loadId } = ctx;
  const L = lit(loadId);
  const S = lit(ctx.source);
  switch (ctx.kind) {
    case 'job_posting': {
      const joins = `FROM ${acc} a
        LEFT JOIN ${prefix}_lk_sal s ON s.text = a.salary_text
        LEFT JOIN ${prefix}_lk_reg r ON r.text = a.location_text
        LEFT JOIN ${prefix}_lk_req q ON q.edu = coalesce(a.education_text, '') AND q.exp = coalesce(a.experience_text, '')
        LEFT JOIN ${prefix}_lk_ind i ON i.text = a.company_industry_text
        LEFT JOIN ${prefix}_lk_occ o ON o.title = a.title AND o.ind = coalesce(a.company_industry_text, '')
        LEFT JOIN ${prefix}_lk_cmp cn ON cn.text = a.company
        LEFT JOIN ${prefix}_lk_ttl tn ON tn.text = a.title`;
      if (!ctx.externalDedupe) {
        // Same posting = same company, title, place and pay (company unknown: too little to tell).
        await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_key AS
          SELECT a.line, CASE WHEN a.company IS NOT NULL THEN md5_number(concat_ws('|', lower(replace(replace(a.company, ' ', ''), '　', '')),
              lower(replace(replace(a.title, ' ', ''), '　', '')), coalesce(${DEDUP_PLACE('r.region_code')}, a.location_text, ''),
              coalesce(coalesce(a.salary_min_monthly, s.mn)::VARCHAR, ''), coalesce(coalesce(a.salary_max_monthly, s.mx)::VARCHAR, ''))) END AS dedup_key
          FROM ${acc} a
          LEFT JOIN ${prefix}_lk_sal s ON s.text = a.salary_text
          LEFT JOIN ${prefix}_lk_reg r ON r.text = a.location_text`);
        // The first copy stays the original: an earlier load's original if there is one, else the
        // earliest line of this load.
        await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_dup AS
          WITH prior AS (SELECT dedup_key, min(posting_id) AS first_id FROM core.job_posting
                         WHERE duplicate_of IS NULL AND dedup_key IN (SELECT dedup_key FROM ${prefix}_key) GROUP BY dedup_key),
          firsts AS (SELECT dedup_key, min(line) AS first_line FROM ${prefix}_key WHERE dedup_key IS NOT NULL GROUP BY dedup_key HAVING count(*) > 1)
          SELECT k.line, coalesce(p.first_id, ${lit(ctx.fileKey)} || ':' || f.first_line) AS first_id
          FROM ${prefix}_key k LEFT JOIN firsts f USING (dedup_key) LEFT JOIN prior p USING (dedup_key)
          WHERE p.first_id IS NOT NULL OR k.line > f.first_line`);
      }
      const cols = `${lit(ctx.fileKey)} || ':' || a.line AS posting_id, ${L} AS load_id, a.line, ${S} AS source, a.source_id, a.title, a.company,
          r.region_code, i.code AS industry_code, i.conf AS industry_confidence, o.code AS occupation_code, o.conf AS occupation_confidence,
          coalesce(a.salary_min_monthly, s.mn) AS salary_min_monthly, coalesce(a.salary_max_monthly, s.mx) AS salary_max_monthly,
          coalesce(a.salary_months, s.months)::INTEGER AS salary_months,
          coalesce(a.education, q.education) AS education, coalesce(a.experience_min_years, q.mn) AS experience_min_years,
          coalesce(a.experience_max_years, q.mx) AS experience_max_years,
          a.headcount::INTEGER AS headcount, a.posted_date::DATE AS posted_date, cn.norm AS company_norm, tn.norm AS title_norm`;
      if (!ctx.externalDedupe) {
        await conn.run(`INSERT INTO core.job_posting (${POSTING_INSERT_COLUMNS})
          SELECT ${cols}, k.dedup_key, d.first_id AS duplicate_of, ${POSTING_TEXT_VALUES}
          ${joins} JOIN ${prefix}_key k ON k.line = a.line LEFT JOIN ${prefix}_dup d ON d.line = a.line`);
        const r = await conn.runAndReadAll(`SELECT count(*) AS n FROM ${prefix}_dup`);
        return Number(r.getRowObjectsJson()[0]!.n);
      }
      // The normalisers' clustering runs on a small temp table: the postings (new, and stored ones
      // sharing a key with them) whose company, title and region key is held by two or more. A key
      // held once is never a cluster, so leaving those out changes nothing. The new rows are then
      // written once with their marking, and only stored rows whose marking changed are updated.
      // The third part of the key is place and pay (DEDUP_SLOT), the place being the prefecture:
      // boards copy a vacancy as 柳州市 on one and 柳州-城中区 on another (on the demo key, the
      // exact district left 2,335 vacancies split over several records). The temp table carries
      // it in its region_code column, which is what the clustering compares.
      const keyed = 'company_norm IS NOT NULL AND title_norm IS NOT NULL AND region_code IS NOT NULL';
      const storedSlot = (y: string) => DEDUP_SLOT(`${y}.region_code`, `${y}.salary_min_monthly`, `${y}.salary_max_monthly`);
      const on = (x: string, y: string) =>
        `${x}.company_norm = ${y}.company_norm AND ${x}.title_norm = ${y}.title_norm AND ${x}.region_code = ${storedSlot(y)}`;
      const newSlot = DEDUP_SLOT('r.region_code', 'coalesce(a.salary_min_monthly, s.mn)', 'coalesce(a.salary_max_monthly, s.mx)');
      // Keys are counted by their 64-bit hash (one integer to group, not three strings): a hash
      // held once means the key is held once; a collision only lets a few single keys through,
      // which the clustering leaves unmarked. Stored rows are matched on the exact key.
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_dd AS
        WITH n AS MATERIALIZED (
          SELECT a.line, cn.norm AS company_norm, tn.norm AS title_norm, ${newSlot} AS region_code, a.posted_date::DATE AS posted_date,
            hash(cn.norm, tn.norm, ${newSlot}) AS h
          FROM ${acc} a
          JOIN ${prefix}_lk_cmp cn ON cn.text = a.company
          JOIN ${prefix}_lk_ttl tn ON tn.text = a.title
          JOIN ${prefix}_lk_reg r ON r.text = a.location_text
          LEFT JOIN ${prefix}_lk_sal s ON s.text = a.salary_text
          WHERE cn.norm IS NOT NULL AND tn.norm IS NOT NULL AND r.region_code IS NOT NULL),
        g AS MATERIALIZED (SELECT h, count(*) AS c FROM n GROUP BY h),
        s AS MATERIALIZED (
          SELECT c.posting_id, c.company_norm, c.title_norm, ${storedSlot('c')} AS region_code, c.posted_date, c.duplicate_of
          FROM core.job_posting c SEMI JOIN n ON ${on('n', 'c')}
          WHERE ${keyed} AND hash(c.company_norm, c.title_norm, ${storedSlot('c')}) IN (SELECT h FROM g)),
        m AS (SELECT h FROM g WHERE c > 1 UNION SELECT hash(company_norm, title_norm, region_code) FROM s)
        SELECT n.line, ${lit(ctx.fileKey)} || ':' || n.line AS posting_id, n.company_norm, n.title_norm, n.region_code, n.posted_date,
          NULL::VARCHAR AS duplicate_of, true AS is_new, NULL::VARCHAR AS stored_duplicate_of
        FROM n SEMI JOIN m ON m.h = n.h
        UNION ALL
        SELECT NULL, posting_id, company_norm, title_norm, region_code, posted_date, duplicate_of, false, duplicate_of FROM s`);
      await ctx.externalDedupe(conn, `temp.main.${prefix}_dd`);
      await conn.run(`INSERT INTO core.job_posting (${POSTING_INSERT_COLUMNS})
        SELECT ${cols}, NULL::UHUGEINT, d.duplicate_of, ${POSTING_TEXT_VALUES} ${joins}
        LEFT JOIN (SELECT line, duplicate_of FROM ${prefix}_dd WHERE is_new AND duplicate_of IS NOT NULL) d ON d.line = a.line`);
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_chg AS SELECT posting_id, duplicate_of FROM ${prefix}_dd
        WHERE NOT is_new AND duplicate_of IS DISTINCT FROM stored_duplicate_of`);
      const changed = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${prefix}_chg`)).getRows()[0]![0]);
      if (changed > 0)
        await conn.run(`UPDATE core.job_posting c SET duplicate_of = d.duplicate_of FROM ${prefix}_chg d WHERE c.posting_id = d.posting_id`);
      const r = await conn.runAndReadAll(`SELECT count(*) AS n FROM ${prefix}_dd WHERE is_new AND duplicate_of IS NOT NULL`);
      return Number(r.getRowObjectsJson()[0]!.n);
    }
    case 'enrollment':
      await conn.run(`INSERT INTO core.enrollment
        SELECT ${L}, a.line, ${S}, a.school_name, a.school_code, a.school_level, a.region_code,
          coalesce(a.major_code, bn.code), coalesce(a.major_name, bc.name), (bc.code IS NOT NULL OR bn.code IS NOT NULL),
          a.year::INTEGER, a.enrolled_new::BIGINT, a.enrolled_total::BIGINT, a.graduates::BIGINT, ${SCHOOL_MATCH}
        FROM ${acc} a
        LEFT JOIN ref.major bc ON bc.level = '专业' AND bc.catalog = a.school_level AND bc.code = a.major_code
        LEFT JOIN (SELECT catalog, name, min(code) AS code FROM ref.major WHERE level = '专业' GROUP BY ALL) bn
          ON a.major_code IS NULL AND bn.catalog = a.school_level AND bn.name = a.major_name`);
      return 0;
    case 'graduate_outcome':
      await conn.run(`INSERT INTO core.graduate_outcome
        SELECT ${L}, a.line, ${S}, a.school_name, a.school_code, a.school_level,
          coalesce(a.major_code, bn.code), coalesce(a.major_name, bc.name), (bc.code IS NOT NULL OR bn.code IS NOT NULL),
          a.graduation_year::INTEGER, a.graduates::BIGINT, a.dest_contract::BIGINT, a.dest_flexible::BIGINT, a.dest_self_employed::BIGINT,
          a.dest_further_study::BIGINT, a.dest_abroad::BIGINT, a.dest_military::BIGINT, a.dest_unemployed::BIGINT, a.destination_region_code, a.destination_region_text,
          a.destination_industry_code, a.destination_industry_text, a.salary_mean_monthly, a.salary_median_monthly, a.major_relevance, a.satisfaction, ${SCHOOL_MATCH}
        FROM ${acc} a
        ${MAJOR_BY_CODE_OR_NAME}`);
      return 0;
    case 'graduate_region':
      // A name alone is coded only when exactly one division bears it (市辖区 and many county
      // names repeat across provinces).
      await conn.run(`INSERT INTO core.graduate_region (load_id, line, source, school_name, school_code, graduation_year,
          region_code, region_text, region_matched, province_code, employed, school_matched)
        SELECT ${L}, a.line, ${S}, coalesce(a.school_name, sn.school_name), a.school_code, a.graduation_year::INTEGER,
          coalesce(a.region_code, rn.code), a.region_text, r.code IS NOT NULL, r.province_code, a.employed::BIGINT, ${SCHOOL_MATCH}
        FROM ${acc} a
        LEFT JOIN (SELECT name, min(code) AS code FROM ref.region GROUP BY name HAVING count(*) = 1) rn
          ON a.region_code IS NULL AND rn.name = a.region_text
        LEFT JOIN ref.region r ON r.code = coalesce(a.region_code, rn.code)
        ${SCHOOL_NAME_BY_CODE}`);
      return 0;
    case 'graduate_industry':
      // Majors as in graduate_outcome; an industry name alone takes the coarsest level bearing it
      // (教育 is both 门类 P and 大类 83, which share the section anyway).
      await conn.run(`INSERT INTO core.graduate_industry (load_id, line, source, school_name, school_code, school_level, major_code, major_name,
          major_matched, graduation_year, industry_code, industry_text, industry_matched, section_code, employed, school_matched)
        SELECT ${L}, a.line, ${S}, coalesce(a.school_name, sn.school_name), a.school_code, a.school_level,
          coalesce(a.major_code, bn.code), coalesce(a.major_name, bc.name), (bc.code IS NOT NULL OR bn.code IS NOT NULL),
          a.graduation_year::INTEGER, coalesce(a.industry_code, inn.code), a.industry_text, i.code IS NOT NULL, i.section_code,
          a.employed::BIGINT, ${SCHOOL_MATCH}
        FROM ${acc} a
        ${MAJOR_BY_CODE_OR_NAME}
        LEFT JOIN (SELECT name, arg_min(code, CASE level WHEN '门类' THEN 1 WHEN '大类' THEN 2 WHEN '中类' THEN 3 ELSE 4 END) AS code
                   FROM ref.industry GROUP BY name) inn
          ON a.industry_code IS NULL AND inn.name = a.industry_text
        LEFT JOIN ref.industry i ON i.code = coalesce(a.industry_code, inn.code)
        ${SCHOOL_NAME_BY_CODE}`);
      return 0;
    case 'school':
      await conn.run(`INSERT INTO core.school
        SELECT ${L}, a.line, ${S}, a.school_code, a.school_name, a.authority, a.location, a.level_text, a.note FROM ${acc} a`);
      return 0;
    case 'shortage':
      // An occupation name may be both a 小类 and a 细类; the most detailed level wins.
      await conn.run(`INSERT INTO core.shortage_entry
        SELECT ${L}, a.line, ${S}, a.publisher, a.period, a.rank::INTEGER, a.occupation_name,
          coalesce(a.occupation_code, o.code), (oc.code IS NOT NULL OR o.code IS NOT NULL), a.region_code, a.job_seeker_ratio, a.source_url,
          a.vacancies::BIGINT, a.job_seekers::BIGINT, a.shortfall::BIGINT, a.previous_rank::INTEGER
        FROM ${acc} a
        LEFT JOIN ref.occupation oc ON oc.code = a.occupation_code
        LEFT JOIN (SELECT name, arg_max(code, CASE level WHEN '细类' THEN 4 WHEN '小类' THEN 3 WHEN '中类' THEN 2 ELSE 1 END) AS code
                   FROM ref.occupation GROUP BY name) o
          ON a.occupation_code IS NULL AND o.name = a.occupation_name`);
      return 0;
  }
}
