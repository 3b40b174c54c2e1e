-- materialized: view
-- comment: One row per vacancy (a posting that is no other's duplicate) with the codes the projections group by:
--   the city, the GB/T 4754 大类 and the occupation, the education level of the projections and the offered pay.
--   Read from the coded postings only, so it stays cheap at millions of postings.
-- column vacancy_id: posting_id of the vacancy's original posting.
-- column year: Year the original was posted.
-- column city_code: GB/T 2260 code of the city (a county's city for county-level places); NULL when the place
--   is only a province or unknown.
-- column division_code: GB/T 4754-2017 大类 of the employer (the first two digits of finer codes); NULL when
--   uncoded or coded only to a 门类.
-- column occupation_code: 职业分类大典 2022 code, NULL when uncoded.
-- column major_group: 大典 大类 (first digit of occupation_code).
-- column education_level: Education level of the projections (ref.education_level), NULL when unstated.
-- column pay_monthly: Midpoint of the offered monthly pay, CNY; NULL without both bounds.
SELECT p.posting_id AS vacancy_id, year(p.posted_date) AS year,
  CASE r.level WHEN '市' THEN r.code WHEN '县' THEN r.parent_code END AS city_code,
  CASE WHEN regexp_full_match(p.industry_code, '[0-9]{2,4}') THEN left(p.industry_code, 2) END AS division_code,
  p.occupation_code, left(p.occupation_code, 1) AS major_group, e.education_level,
  (p.salary_min_monthly + p.salary_max_monthly) / 2 AS pay_monthly
FROM core.job_posting_codes p
LEFT JOIN ref.region r ON r.code = p.region_code
LEFT JOIN ref.education_level e ON e.field = 'posting_education' AND e.value = p.education
WHERE p.duplicate_of IS NULL AND p.posted_date IS NOT NULL
