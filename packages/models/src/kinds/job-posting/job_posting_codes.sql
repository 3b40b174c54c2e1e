-- materialized: incremental
-- comment: The codes of each job posting (its text as read is in raw.job_posting; core.job_posting shows
--   both): region, industry, occupation, pay, education and experience coded once per distinct text by the
--   run's coders, and the duplicate marking. One row per accepted source row.
-- column posting_id VARCHAR GENERATED ALWAYS AS (file_key || ':' || CAST(line AS VARCHAR)) VIRTUAL: Unique, stable
--   id, computed: file_key, a colon and the source line. The same file always gives the same ids; unique
--   because a file's content is loaded once.
-- column file_key VARCHAR NOT NULL: First 16 hex digits of the SHA-256 of the file the posting came from.
-- column load_id VARCHAR NOT NULL: Load that brought the posting (meta.loads).
-- column line BIGINT NOT NULL: Line of the posting in its file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column region_code VARCHAR: GB/T 2260 code of the most precise division the location text names; NULL when none matched.
-- column industry_code VARCHAR: GB/T 4754-2017 code coded from the company industry text; NULL when none matched.
-- column industry_confidence DOUBLE: Confidence of the industry coding, 0–1.
-- column occupation_code VARCHAR: 职业分类大典 2022 code coded from the title; NULL when none matched.
-- column occupation_confidence DOUBLE: Confidence of the occupation coding, 0–1.
-- column salary_min_monthly DOUBLE: Lower bound of the offered pay, CNY per month (given by the source, else parsed from its pay text).
-- column salary_max_monthly DOUBLE: Upper bound of the offered pay, CNY per month.
-- column salary_months INTEGER: Months paid per year when stated (·13薪).
-- column salary_status VARCHAR: How the pay was read: given (numbers from the source), parsed (from the pay text), or
--   why the bounds are NULL: blank, negotiable (面议), unrecognised, inverted-range, implausible (outside
--   packages/models/src/schemas/plausibility.ts), corrupt-text, uncoded (no pay coder ran); NULL for postings loaded before it was
--   recorded. Never a reject: the
--   posting is a real vacancy whatever its pay text says.
-- column education VARCHAR: Coded education requirement (see core.job_posting.education).
-- column experience_min_years DOUBLE: Minimum years of experience asked (0 for 应届/经验不限).
-- column experience_max_years DOUBLE: Maximum years of the stated range; NULL when open-ended.
-- column headcount INTEGER: 招聘人数 when stated.
-- column posted_date DATE: Date the posting was published (Beijing time).
-- column dedup_key UBIGINT: Duplicate key (packages/ingest/src/dedupe/): a 64-bit hash of the company key, the
--   title key, the prefecture and the monthly pay to the nearest 100 yuan; NULL when company, title or region is unknown.
-- column duplicate_of VARCHAR: posting_id of the head posting of its duplicate cluster; NULL for an original.
WITH coded AS (
  SELECT a.line, r.region_code, i.code AS industry_code, i.conf AS industry_confidence, o.code AS occupation_code,
    o.conf AS occupation_confidence, coalesce(a.salary_min_monthly, s.mn) AS salary_min_monthly,
    coalesce(a.salary_max_monthly, s.mx) AS salary_max_monthly, coalesce(a.salary_months, s.months)::INTEGER AS salary_months,
    CASE WHEN a.salary_min_monthly IS NOT NULL OR a.salary_max_monthly IS NOT NULL THEN 'given'
      WHEN a.salary_text IS NULL THEN 'blank' ELSE coalesce(s.status, 'uncoded') END AS salary_status,
    coalesce(a.education, q.education) AS education, coalesce(a.experience_min_years, q.mn) AS experience_min_years,
    coalesce(a.experience_max_years, q.mx) AS experience_max_years, a.headcount::INTEGER AS headcount,
    a.posted_date::DATE AS posted_date, ck.norm AS company_key, tk.norm AS title_key
  FROM {{ accepted }} a
  LEFT JOIN {{ salary_lookup }} s ON s.text = a.salary_text
  LEFT JOIN {{ region_lookup }} r ON r.text = a.location_text
  LEFT JOIN {{ requirements_lookup }} q ON q.edu = coalesce(a.education_text, '') AND q.exp = coalesce(a.experience_text, '')
  LEFT JOIN {{ industry_lookup }} i ON i.text = a.company_industry_text
  LEFT JOIN {{ occupation_lookup }} o ON o.title = a.title AND o.ind = coalesce(a.company_industry_text, '')
  LEFT JOIN {{ company_key_lookup }} ck ON ck.text = a.company
  LEFT JOIN {{ title_key_lookup }} tk ON tk.text = a.title
)
-- duplicate_of is decided across loads once the keys are known (packages/ingest/src/dedupe/).
SELECT {{ file_key }} AS file_key, {{ load_id }} AS load_id, line, {{ source }} AS source, region_code, industry_code,
  industry_confidence, occupation_code, occupation_confidence, salary_min_monthly, salary_max_monthly, salary_months, salary_status, education,
  experience_min_years, experience_max_years, headcount, posted_date,
  core.duplicate_key(company_key, title_key, region_code, salary_min_monthly, salary_max_monthly) AS dedup_key,
  NULL::VARCHAR AS duplicate_of
FROM coded
