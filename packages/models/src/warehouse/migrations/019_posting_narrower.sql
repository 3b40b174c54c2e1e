-- core.job_posting rebuilt narrower. Measured on the ingest benchmark (1,000,000 postings, 2 cores),
-- every column of the table costs its write even when NULL (about 35 ms per million rows), and a
-- column of unique ids several times that: the 40-column insert took 3.4 s where DuckDB writes the
-- file's 10 columns in 1.2 s. So:
-- - posting_id is computed from file_key and line (a virtual column) instead of stored;
-- - the eight *_raw columns (text of typed fields as read) become one MAP, typed_as_read, holding
--   only what the typed columns cannot restate: a headcount or date spelt otherwise than its cast
--   (2025年3月2日), and figures a source gave directly (salary, experience, education columns);
-- - company_norm and title_norm give way to dedup_key, the hash the re-post clustering compares.
-- raw.job_posting and core.job_demand read back exactly as before.

DROP VIEW raw.job_posting;
DROP VIEW core.job_demand;

-- Every id the loader wrote is '<file key>:<line>'; anything else would change id here, so it stops the upgrade.
SELECT CASE WHEN count(*) > 0 THEN error('core.job_posting holds posting ids not of the form <file key>:<line>; upgrade refused') END
FROM core.job_posting WHERE NOT ends_with(posting_id, ':' || CAST(line AS VARCHAR));

CREATE TABLE core.job_posting_next (
  posting_id VARCHAR GENERATED ALWAYS AS (file_key || ':' || CAST(line AS VARCHAR)) VIRTUAL,
  file_key VARCHAR NOT NULL,
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  source_id VARCHAR,
  title VARCHAR NOT NULL,
  company VARCHAR,
  region_code VARCHAR,
  industry_code VARCHAR,
  industry_confidence DOUBLE,
  occupation_code VARCHAR,
  occupation_confidence DOUBLE,
  salary_min_monthly DOUBLE,
  salary_max_monthly DOUBLE,
  salary_months INTEGER,
  education VARCHAR,
  experience_min_years DOUBLE,
  experience_max_years DOUBLE,
  headcount INTEGER,
  posted_date DATE,
  dedup_key UBIGINT,
  duplicate_of VARCHAR,
  company_industry_text VARCHAR,
  company_size_text VARCHAR,
  location_text VARCHAR,
  salary_text VARCHAR,
  education_text VARCHAR,
  experience_text VARCHAR,
  skills VARCHAR,
  description VARCHAR,
  typed_as_read MAP(VARCHAR, VARCHAR)
);

-- The duplicate key of stored rows as the loader computes it from now on (packages/ingest/src/load/
-- core-insert.ts): for rows the normalisers keyed, a hash of company and title keys, prefecture and
-- pay to 100 yuan; for rows keyed by the built-in rule (an MD5 before), a hash of the same parts as written.
INSERT INTO core.job_posting_next (file_key, load_id, line, source, source_id, title, company, region_code, industry_code, industry_confidence,
  occupation_code, occupation_confidence, salary_min_monthly, salary_max_monthly, salary_months, education, experience_min_years,
  experience_max_years, headcount, posted_date, dedup_key, duplicate_of, company_industry_text, company_size_text, location_text, salary_text,
  education_text, experience_text, skills, description, typed_as_read)
SELECT left(posting_id, length(posting_id) - length(CAST(line AS VARCHAR)) - 1), load_id, line, source, source_id, title, company, region_code,
  industry_code, industry_confidence, occupation_code, occupation_confidence, salary_min_monthly, salary_max_monthly, salary_months, education,
  experience_min_years, experience_max_years, headcount, posted_date,
  CASE WHEN company_norm IS NOT NULL AND title_norm IS NOT NULL AND region_code IS NOT NULL
      THEN hash(company_norm, title_norm, hash(left(region_code, 4), round(salary_min_monthly, -2), round(salary_max_monthly, -2)))
    WHEN dedup_key IS NOT NULL
      THEN hash(lower(replace(replace(company, ' ', ''), '　', '')), lower(replace(replace(title, ' ', ''), '　', '')),
        coalesce(left(region_code, 4), location_text, ''), salary_min_monthly, salary_max_monthly) END,
  duplicate_of, company_industry_text, company_size_text, location_text, salary_text, education_text, experience_text, skills, description,
  nullif(map_from_entries(list_filter([
    {'k': 'salary_min_monthly', 'v': salary_min_monthly_raw},
    {'k': 'salary_max_monthly', 'v': salary_max_monthly_raw},
    {'k': 'salary_months', 'v': salary_months_raw},
    {'k': 'education', 'v': education_raw},
    {'k': 'experience_min_years', 'v': experience_min_years_raw},
    {'k': 'experience_max_years', 'v': experience_max_years_raw},
    {'k': 'headcount', 'v': CASE WHEN headcount_raw IS DISTINCT FROM CAST(headcount AS VARCHAR) THEN headcount_raw END},
    {'k': 'posted_date', 'v': CASE WHEN posted_date_raw IS DISTINCT FROM CAST(posted_date AS VARCHAR) THEN posted_date_raw END}], e -> e.v IS NOT NULL)), MAP {})
FROM core.job_posting ORDER BY load_id, line;

DROP TABLE core.job_posting;
ALTER TABLE core.job_posting_next RENAME TO job_posting;

CREATE VIEW raw.job_posting AS SELECT
  load_id,
  line,
  source,
  source_id,
  title,
  company,
  company_industry_text,
  company_size_text,
  location_text,
  salary_text,
  typed_as_read['salary_min_monthly'] AS salary_min_monthly,
  typed_as_read['salary_max_monthly'] AS salary_max_monthly,
  typed_as_read['salary_months'] AS salary_months,
  education_text,
  typed_as_read['education'] AS education,
  experience_text,
  typed_as_read['experience_min_years'] AS experience_min_years,
  typed_as_read['experience_max_years'] AS experience_max_years,
  coalesce(typed_as_read['headcount'], CAST(headcount AS VARCHAR)) AS headcount,
  skills,
  description,
  coalesce(typed_as_read['posted_date'], CAST(posted_date AS VARCHAR)) AS posted_date
FROM core.job_posting;

CREATE VIEW core.job_demand AS
WITH members AS (
  SELECT coalesce(duplicate_of, posting_id) AS demand_id, count(*) AS postings,
    list(posting_id ORDER BY posted_date NULLS LAST, posting_id) AS posting_ids,
    list(DISTINCT source ORDER BY source) AS sources,
    min(posted_date) AS first_posted, max(posted_date) AS last_posted,
    max(headcount) AS headcount
  FROM core.job_posting
  GROUP BY 1
)
SELECT m.demand_id, h.source, h.title, h.company, h.region_code, h.industry_code, h.occupation_code, h.occupation_confidence,
  h.salary_min_monthly, h.salary_max_monthly, h.education, h.experience_min_years, m.headcount,
  m.first_posted, m.last_posted, m.postings, m.sources, m.posting_ids
FROM members m JOIN core.job_posting h ON h.posting_id = m.demand_id;

COMMENT ON VIEW raw.job_posting IS 'Loaded job posting rows as text, one per accepted source row, before casting and coding (a view: the text is stored once, in core.job_posting).';
COMMENT ON COLUMN raw.job_posting.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.job_posting.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.job_posting.source IS 'As read: Source id from the mapping file (e.g. bosszhipin_2022).';
COMMENT ON COLUMN raw.job_posting.source_id IS 'As read: The board''s own id or URL of the posting, when it has one.';
COMMENT ON COLUMN raw.job_posting.title IS 'As read: 职位名称 as written.';
COMMENT ON COLUMN raw.job_posting.company IS 'As read: 公司名称.';
COMMENT ON COLUMN raw.job_posting.company_industry_text IS 'As read: 公司行业 text as written (platform categories, sometimes polluted with funding stage).';
COMMENT ON COLUMN raw.job_posting.company_size_text IS 'As read: 公司规模 text, e.g. 1000-9999人.';
COMMENT ON COLUMN raw.job_posting.location_text IS 'As read: 工作地点 as written (城市-区, 北京·海淀区·中关村, 广西南宁良庆区…).';
COMMENT ON COLUMN raw.job_posting.salary_text IS 'As read: 薪资 as written (12-18K·13薪, 1-1.5万/月, 150元/天, 面议).';
COMMENT ON COLUMN raw.job_posting.salary_min_monthly IS 'As read: Parsed lower bound, CNY per month.';
COMMENT ON COLUMN raw.job_posting.salary_max_monthly IS 'As read: Parsed upper bound, CNY per month.';
COMMENT ON COLUMN raw.job_posting.salary_months IS 'As read: 薪数 per year when stated (·13薪).';
COMMENT ON COLUMN raw.job_posting.education_text IS 'As read: 学历要求 as written.';
COMMENT ON COLUMN raw.job_posting.education IS 'As read: Coded education requirement.';
COMMENT ON COLUMN raw.job_posting.experience_text IS 'As read: 经验要求 as written (1-3年, 经验不限, 在校/应届).';
COMMENT ON COLUMN raw.job_posting.experience_min_years IS 'As read: Parsed minimum years of experience.';
COMMENT ON COLUMN raw.job_posting.experience_max_years IS 'As read: Parsed maximum years (absent when open-ended).';
COMMENT ON COLUMN raw.job_posting.headcount IS 'As read: 招聘人数 when stated.';
COMMENT ON COLUMN raw.job_posting.skills IS 'As read: Skills or tags, one string, separated by commas or newlines as read.';
COMMENT ON COLUMN raw.job_posting.description IS 'As read: 岗位描述 / 任职要求 text.';
COMMENT ON COLUMN raw.job_posting.posted_date IS 'As read: 发布日期 as YYYY-MM-DD.';
COMMENT ON VIEW core.job_demand IS 'Demand records: each original posting with its re-posts and cross-board copies (duplicate_of) collapsed into one row, coded as the original. Count vacancies here, postings in core.job_posting.';
COMMENT ON COLUMN core.job_demand.demand_id IS 'posting_id of the original (head) posting of the record.';
COMMENT ON COLUMN core.job_demand.source IS 'Source of the original posting.';
COMMENT ON COLUMN core.job_demand.title IS '职位名称 of the original posting.';
COMMENT ON COLUMN core.job_demand.company IS '公司名称 of the original posting.';
COMMENT ON COLUMN core.job_demand.region_code IS 'GB/T 2260 code of the original posting.';
COMMENT ON COLUMN core.job_demand.industry_code IS 'GB/T 4754-2017 code of the original posting.';
COMMENT ON COLUMN core.job_demand.occupation_code IS '职业分类大典 2022 code of the original posting.';
COMMENT ON COLUMN core.job_demand.occupation_confidence IS 'Confidence of that occupation coding, 0–1.';
COMMENT ON COLUMN core.job_demand.salary_min_monthly IS 'Lower pay bound of the original posting, CNY per month.';
COMMENT ON COLUMN core.job_demand.salary_max_monthly IS 'Upper pay bound of the original posting, CNY per month.';
COMMENT ON COLUMN core.job_demand.education IS 'Coded education requirement of the original posting.';
COMMENT ON COLUMN core.job_demand.experience_min_years IS 'Minimum years of experience asked by the original posting.';
COMMENT ON COLUMN core.job_demand.headcount IS 'Largest 招聘人数 stated by any posting of the record (re-posts repeat the figure rather than add to it); NULL when none states one.';
COMMENT ON COLUMN core.job_demand.first_posted IS 'Earliest posting date of the record.';
COMMENT ON COLUMN core.job_demand.last_posted IS 'Latest posting date of the record (a re-post keeps the vacancy open).';
COMMENT ON COLUMN core.job_demand.postings IS 'Postings collapsed into the record (1 = never re-posted or copied).';
COMMENT ON COLUMN core.job_demand.sources IS 'Sources (boards) that carried the record.';
COMMENT ON COLUMN core.job_demand.posting_ids IS 'Every posting of the record, oldest first; each leads to its raw row via core.job_posting.load_id and line.';

COMMENT ON TABLE core.job_posting IS 'Job postings, one per accepted source row: the text as mapped beside its codes for region, industry, occupation, salary and education; duplicates point at the first copy.';
COMMENT ON COLUMN core.job_posting.posting_id IS 'Unique, stable id, computed (not stored): file_key, a colon and the source line. The same file always gives the same ids; unique because a file''s content is loaded once.';
COMMENT ON COLUMN core.job_posting.file_key IS 'First 16 hex digits of the SHA-256 of the file the posting came from (meta.loads.file_sha256).';
COMMENT ON COLUMN core.job_posting.load_id IS 'Load that brought the posting (meta.loads).';
COMMENT ON COLUMN core.job_posting.line IS 'Line of the posting in its file.';
COMMENT ON COLUMN core.job_posting.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.job_posting.source_id IS 'The board''s own id or URL, when given.';
COMMENT ON COLUMN core.job_posting.title IS '职位名称 as written.';
COMMENT ON COLUMN core.job_posting.company IS '公司名称 as written.';
COMMENT ON COLUMN core.job_posting.region_code IS 'GB/T 2260 code of the most precise division the location text names (ref.region); NULL when none matched.';
COMMENT ON COLUMN core.job_posting.industry_code IS 'GB/T 4754-2017 code coded from the company industry text (ref.industry); NULL when none matched.';
COMMENT ON COLUMN core.job_posting.industry_confidence IS 'Confidence of the industry coding, 0–1.';
COMMENT ON COLUMN core.job_posting.occupation_code IS '职业分类大典 2022 code coded from the title (ref.occupation); NULL when none matched.';
COMMENT ON COLUMN core.job_posting.occupation_confidence IS 'Confidence of the occupation coding, 0–1.';
COMMENT ON COLUMN core.job_posting.salary_min_monthly IS 'Lower bound of the offered pay, CNY per month (daily and yearly figures converted).';
COMMENT ON COLUMN core.job_posting.salary_max_monthly IS 'Upper bound of the offered pay, CNY per month.';
COMMENT ON COLUMN core.job_posting.salary_months IS 'Months paid per year when stated (·13薪).';
COMMENT ON COLUMN core.job_posting.education IS 'Coded education requirement: unrestricted (学历不限), junior_secondary (初中及以下), senior_secondary (高中/中专/中技), associate (大专), bachelor (本科), master (硕士) or doctorate (博士).';
COMMENT ON COLUMN core.job_posting.experience_min_years IS 'Minimum years of experience asked (0 for 应届/经验不限).';
COMMENT ON COLUMN core.job_posting.experience_max_years IS 'Maximum years of the stated range; NULL when open-ended.';
COMMENT ON COLUMN core.job_posting.headcount IS '招聘人数 when stated.';
COMMENT ON COLUMN core.job_posting.posted_date IS 'Date the posting was published (Beijing time).';
COMMENT ON COLUMN core.job_posting.dedup_key IS 'Duplicate key: with the normalisers (the default), a 64-bit hash of the company key (width, case, branch and legal-form suffixes folded), the title key (recruiting decorations removed), the prefecture and the monthly pay to the nearest 100 yuan; without them, a 64-bit hash of company, title, place and pay as written. NULL when the key cannot be formed (company, title or region unknown; without the normalisers, company unknown): such postings are never marked duplicates.';
COMMENT ON COLUMN core.job_posting.duplicate_of IS 'posting_id of the head posting of its duplicate cluster: the same dedup_key (company, title, prefecture, pay to 100 yuan), each posting at most 60 days after the previous one, across loads and boards (without the normalisers: the same key at any distance); NULL for an original. core.job_demand collapses each cluster into one row.';
COMMENT ON COLUMN core.job_posting.company_industry_text IS 'As read: 公司行业 text as written (platform categories, sometimes polluted with funding stage).';
COMMENT ON COLUMN core.job_posting.company_size_text IS 'As read: 公司规模 text, e.g. 1000-9999人.';
COMMENT ON COLUMN core.job_posting.location_text IS 'As read: 工作地点 as written (城市-区, 北京·海淀区·中关村, 广西南宁良庆区…).';
COMMENT ON COLUMN core.job_posting.salary_text IS 'As read: 薪资 as written (12-18K·13薪, 1-1.5万/月, 150元/天, 面议).';
COMMENT ON COLUMN core.job_posting.education_text IS 'As read: 学历要求 as written.';
COMMENT ON COLUMN core.job_posting.experience_text IS 'As read: 经验要求 as written (1-3年, 经验不限, 在校/应届).';
COMMENT ON COLUMN core.job_posting.skills IS 'As read: Skills or tags, one string, separated by commas or newlines as read.';
COMMENT ON COLUMN core.job_posting.description IS 'As read: 岗位描述 / 任职要求 text.';
COMMENT ON COLUMN core.job_posting.typed_as_read IS 'As read, for typed fields the typed columns cannot restate: field name → text. Holds salary_min_monthly, salary_max_monthly, salary_months, education, experience_min_years and experience_max_years when the source gave them as columns, and headcount and posted_date when spelt otherwise than their cast (2025年3月2日); NULL when there is nothing of the kind. raw.job_posting reads it back.';
