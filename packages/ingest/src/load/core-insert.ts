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
 * The duplicate key with the normalisers: one 64-bit hash of the company and title keys, the
 * prefecture and the monthly bounds to the nearest 100 yuan (unknown pay hashes alike). The same
 * employer hires the same title in the same city for several vacancies, and the pay tells them
 * apart. Measured on the generator's key: without pay, the province edition's 1,684,093 vacancies
 * became 1,212,948 demand records; with it 1,706,385 (1.5 % of records merge two vacancies, 3.0 %
 * of vacancies are split); demo edition 20,362 records for 19,774 vacancies. Two different keys
 * share a hash with odds of about 1 in 10^7 over two million postings, and then only merge if
 * they are also within the date window. Migration 019 restates this formula for stored rows.
 */
const NORMALISED_KEY = (company: string, title: string, code: string, min: string, max: string) =>
  `CASE WHEN ${company} IS NOT NULL AND ${title} IS NOT NULL AND ${code} IS NOT NULL
    THEN hash(${company}, ${title}, hash(${DEDUP_PLACE(code)}, round(${min}, -2), round(${max}, -2))) END`;

/**
 * The duplicate key without the normalisers: a 64-bit hash of company, title, place and pay as
 * written (company unknown: too little to tell). Migration 019 restates it for stored rows.
 */
const PLAIN_KEY = `CASE WHEN a.company IS NOT NULL THEN hash(lower(replace(replace(a.company, ' ', ''), '　', '')),
    lower(replace(replace(a.title, ' ', ''), '　', '')), coalesce(${DEDUP_PLACE('r.region_code')}, a.location_text, ''),
    coalesce(a.salary_min_monthly, s.mn), coalesce(a.salary_max_monthly, s.mx)) END`;

/**
 * The text of a posting as mapped, stored beside its codes (raw.job_posting is a view of these):
 * core column ← column of the validated rows.
 */
const POSTING_TEXT = [
  'source_id',
  'title',
  'company',
  'company_industry_text',
  'company_size_text',
  'location_text',
  'salary_text',
  'education_text',
  'experience_text',
  'skills',
  'description',
] as const;

/**
 * Typed fields whose text as read goes into typed_as_read (migration 019), and when: fields a
 * source may give or the coders may fill are kept whenever given; fields only ever given are kept
 * when their text differs from the cast's, which raw.job_posting shows in its place.
 */
const TYPED_AS_READ: readonly { field: string; raw: string; cast?: string }[] = [
  { field: 'salary_min_monthly', raw: 'a.salary_min_monthly__raw' },
  { field: 'salary_max_monthly', raw: 'a.salary_max_monthly__raw' },
  { field: 'salary_months', raw: 'a.salary_months__raw' },
  { field: 'education', raw: 'a.education' },
  { field: 'experience_min_years', raw: 'a.experience_min_years__raw' },
  { field: 'experience_max_years', raw: 'a.experience_max_years__raw' },
  { field: 'headcount', raw: 'a.headcount__raw', cast: 'CAST(a.headcount::INTEGER AS VARCHAR)' },
  { field: 'posted_date', raw: 'a.posted_date__raw', cast: 'CAST(a.posted_date AS VARCHAR)' },
];
const kept = (t: (typeof TYPED_AS_READ)[number]) => (t.cast ? `${t.raw} IS DISTINCT FROM ${t.cast}` : `${t.raw} IS NOT NULL`);
const TYPED_AS_READ_VALUE = `CASE WHEN ${TYPED_AS_READ.map((t) => `(${kept(t)})`).join(' OR ')}
    THEN map_from_entries(list_filter([${TYPED_AS_READ.map((t) => `{'k': ${lit(t.field)}, 'v': CASE WHEN ${kept(t)} THEN ${t.raw} END}`).join(', ')}],
      e -> e.v IS NOT NULL)) END`;

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
 * Decides duplicates for the postings of a load before they are written (an UPDATE of freshly
 * written rows makes DuckDB rewrite them at commit: +1.2 s on a million rows), from `<prefix>_key`
 * (line, dedup_key, posted_date of the new rows with a key). Fills `<prefix>_dd` (line of new
 * rows or file_key + line of stored ones, duplicate_of, is_new, stored_duplicate_of) and updates
 * the stored postings whose marking changed. With the normalisers' clustering it runs on the
 * postings, new and stored, whose key is held by two or more (a key held once is never a
 * cluster); without it the first copy (earliest load, then earliest line) of a key stays the original.
 */
async function markPostingDuplicates(ctx: CoreInsertContext): Promise<void> {
  const { conn, prefix } = ctx;
  const keys = `${prefix}_key`;
  const dd = `${prefix}_dd`;
  const F = lit(ctx.fileKey);
  if (ctx.externalDedupe) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${dd} AS
      WITH g AS MATERIALIZED (SELECT dedup_key, count(*) AS c FROM ${keys} GROUP BY dedup_key),
      s AS MATERIALIZED (
        SELECT file_key, line, posting_id, dedup_key, posted_date, duplicate_of FROM core.job_posting
        WHERE dedup_key IN (SELECT dedup_key FROM g)),
      m AS (SELECT dedup_key FROM g WHERE c > 1 UNION SELECT dedup_key FROM s)
      SELECT ${F} AS file_key, line, ${F} || ':' || line AS posting_id, dedup_key, posted_date,
        NULL::VARCHAR AS duplicate_of, true AS is_new, NULL::VARCHAR AS stored_duplicate_of
      FROM ${keys} SEMI JOIN m USING (dedup_key)
      UNION ALL
      SELECT file_key, line, posting_id, dedup_key, posted_date, duplicate_of, false, duplicate_of FROM s`);
    await ctx.externalDedupe(conn, `temp.main.${dd}`);
  } else {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${dd} AS
      WITH prior AS (SELECT dedup_key, min(posting_id) AS first_id FROM core.job_posting
                     WHERE duplicate_of IS NULL AND dedup_key IN (SELECT dedup_key FROM ${keys}) GROUP BY dedup_key),
      firsts AS (SELECT dedup_key, min(line) AS first_line FROM ${keys} GROUP BY dedup_key HAVING count(*) > 1)
      SELECT ${F} AS file_key, k.line, coalesce(p.first_id, ${F} || ':' || f.first_line) AS duplicate_of, true AS is_new,
        NULL::VARCHAR AS stored_duplicate_of
      FROM ${keys} k LEFT JOIN firsts f USING (dedup_key) LEFT JOIN prior p USING (dedup_key)
      WHERE p.first_id IS NOT NULL OR k.line > f.first_line`);
  }
  await conn.run(`UPDATE core.job_posting c SET duplicate_of = d.duplicate_of
    FROM (SELECT file_key, line, duplicate_of FROM ${dd} WHERE NOT is_new AND duplicate_of IS DISTINCT FROM stored_duplicate_of) d
    WHERE c.file_key = d.file_key AND c.line = d.line`);
}

/**
 * Writes the accepted rows of one load into the kind's core table, coded against ref and the
 * posting lookups; postings with their duplicate marking (see markPostingDuplicates).
 * @returns how many postings were marked duplicates (0 for other kinds).
 */
export async function insertCore(ctx: CoreInsertContext): Promise<number> {
  const { conn, acc, prefix, loadId } = ctx;
  const L = lit(loadId);
  const S = lit(ctx.source);
  switch (ctx.kind) {
    case 'job_posting': {
      const min = 'coalesce(a.salary_min_monthly, s.mn)';
      const max = 'coalesce(a.salary_max_monthly, s.mx)';
      const key = ctx.externalDedupe ? NORMALISED_KEY('cn.norm', 'tn.norm', 'r.region_code', min, max) : PLAIN_KEY;
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_key AS
        SELECT line, dedup_key, posted_date FROM (
          SELECT a.line, ${key} AS dedup_key, a.posted_date::DATE AS posted_date
          FROM ${acc} a
          LEFT JOIN ${prefix}_lk_sal s ON s.text = a.salary_text
          LEFT JOIN ${prefix}_lk_reg r ON r.text = a.location_text
          ${ctx.externalDedupe ? `LEFT JOIN ${prefix}_lk_cmp cn ON cn.text = a.company LEFT JOIN ${prefix}_lk_ttl tn ON tn.text = a.title` : ''})
        WHERE dedup_key IS NOT NULL`);
      await markPostingDuplicates(ctx);
      await conn.run(`INSERT INTO core.job_posting (file_key, load_id, line, source, region_code, industry_code, industry_confidence,
          occupation_code, occupation_confidence, salary_min_monthly, salary_max_monthly, salary_months, education, experience_min_years,
          experience_max_years, headcount, posted_date, dedup_key, duplicate_of, ${POSTING_TEXT.join(', ')}, typed_as_read)
        SELECT ${lit(ctx.fileKey)}, ${L}, a.line, ${S}, r.region_code, i.code, i.conf, o.code, o.conf, ${min}, ${max},
          coalesce(a.salary_months, s.months)::INTEGER, coalesce(a.education, q.education), coalesce(a.experience_min_years, q.mn),
          coalesce(a.experience_max_years, q.mx), a.headcount::INTEGER, a.posted_date::DATE, k.dedup_key, d.duplicate_of,
          ${POSTING_TEXT.map((c) => `a.${c}`).join(', ')}, ${TYPED_AS_READ_VALUE}
        FROM ${acc} a
        LEFT JOIN ${prefix}_lk_sal s ON s.text = a.salary_text
        LEFT JOIN ${prefix}_lk_reg r ON r.text = a.location_text
        LEFT JOIN ${prefix}_lk_req q ON q.edu = coalesce(a.education_text, '') AND q.exp = coalesce(a.experience_text, '')
        LEFT JOIN ${prefix}_lk_ind i ON i.text = a.company_industry_text
        LEFT JOIN ${prefix}_lk_occ o ON o.title = a.title AND o.ind = coalesce(a.company_industry_text, '')
        LEFT JOIN ${prefix}_key k ON k.line = a.line
        LEFT JOIN (SELECT line, duplicate_of FROM ${prefix}_dd WHERE is_new AND duplicate_of IS NOT NULL) d ON d.line = a.line`);
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
