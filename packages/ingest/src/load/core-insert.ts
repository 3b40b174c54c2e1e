import type { DuckDBConnection } from '@duckdb/node-api';
import type { RecordKind } from '@talent/models';
import { lit } from './sql.js';

/** A school is matched by 学校标识码, else by exact name; NULL when no school list is loaded. */
const SCHOOL_MATCH = `CASE WHEN EXISTS (SELECT 1 FROM core.school) THEN
    (a.school_code IS NOT NULL AND a.school_code IN (SELECT school_code FROM core.school))
    OR (a.school_name IN (SELECT school_name FROM core.school)) END`;

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
  /** Whole-table duplicate marking supplied by the normalisers; replaces the built-in rule. */
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
              lower(replace(replace(a.title, ' ', ''), '　', '')), coalesce(r.region_code, a.location_text, ''),
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
      await conn.run(`INSERT INTO core.job_posting
        SELECT ${lit(ctx.fileKey)} || ':' || a.line, ${L}, a.line, ${S}, a.source_id, a.title, a.company,
          r.region_code, i.code, i.conf, o.code, o.conf,
          coalesce(a.salary_min_monthly, s.mn), coalesce(a.salary_max_monthly, s.mx), coalesce(a.salary_months, s.months)::INTEGER,
          coalesce(a.education, q.education), coalesce(a.experience_min_years, q.mn), coalesce(a.experience_max_years, q.mx),
          a.headcount::INTEGER, a.posted_date::DATE, cn.norm, tn.norm,
          ${ctx.externalDedupe ? 'NULL, NULL' : 'k.dedup_key, d.first_id'}
        ${joins}
        ${ctx.externalDedupe ? '' : `JOIN ${prefix}_key k ON k.line = a.line LEFT JOIN ${prefix}_dup d ON d.line = a.line`}`);
      if (ctx.externalDedupe) {
        // The normalisers' clustering runs on the postings that share a key with this load (not
        // the whole table), and only the rows whose marking changed are written back.
        await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_dd AS
          SELECT c.posting_id, c.company_norm, c.title_norm, c.region_code, c.posted_date, c.duplicate_of
          FROM core.job_posting c
          JOIN (SELECT DISTINCT company_norm, title_norm, region_code FROM core.job_posting
                WHERE load_id = ${L} AND company_norm IS NOT NULL AND title_norm IS NOT NULL AND region_code IS NOT NULL) k
            ON k.company_norm = c.company_norm AND k.title_norm = c.title_norm AND k.region_code = c.region_code`);
        await ctx.externalDedupe(conn, `temp.main.${prefix}_dd`);
        await conn.run(`UPDATE core.job_posting c SET duplicate_of = d.duplicate_of FROM ${prefix}_dd d
          WHERE c.posting_id = d.posting_id AND c.duplicate_of IS DISTINCT FROM d.duplicate_of`);
      }
      const r = await conn.runAndReadAll(`SELECT count(*) AS n FROM core.job_posting WHERE load_id = ${L} AND duplicate_of IS NOT NULL`);
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
        LEFT JOIN (SELECT code, any_value(name) AS name, list(catalog) AS cats FROM ref.major WHERE level = '专业' GROUP BY code) bc
          ON bc.code = a.major_code AND (a.school_level IS NULL OR list_contains(bc.cats, a.school_level))
        LEFT JOIN (SELECT name, min(code) AS code, list(catalog) AS cats FROM ref.major WHERE level = '专业' GROUP BY name) bn
          ON a.major_code IS NULL AND bn.name = a.major_name AND (a.school_level IS NULL OR list_contains(bn.cats, a.school_level))`);
      return 0;
    case 'school':
      await conn.run(`INSERT INTO core.school
        SELECT ${L}, a.line, ${S}, a.school_code, a.school_name, a.authority, a.location, a.level_text, a.note FROM ${acc} a`);
      return 0;
    case 'shortage':
      // An occupation name may be both a 小类 and a 细类; the most detailed level wins.
      await conn.run(`INSERT INTO core.shortage_entry
        SELECT ${L}, a.line, ${S}, a.publisher, a.period, a.rank::INTEGER, a.occupation_name,
          coalesce(a.occupation_code, o.code), (oc.code IS NOT NULL OR o.code IS NOT NULL), a.region_code, a.job_seeker_ratio, a.source_url
        FROM ${acc} a
        LEFT JOIN ref.occupation oc ON oc.code = a.occupation_code
        LEFT JOIN (SELECT name, arg_max(code, CASE level WHEN '细类' THEN 4 WHEN '小类' THEN 3 WHEN '中类' THEN 2 ELSE 1 END) AS code
                   FROM ref.occupation GROUP BY name) o
          ON a.occupation_code IS NULL AND o.name = a.occupation_name`);
      return 0;
  }
}
