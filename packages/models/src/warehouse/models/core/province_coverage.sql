-- materialized: view
-- comment: The provinces whose own data the warehouse holds, and how much of each kind: published employment
--   (core.employment), job postings (core.job_posting) and quarterly shortage tables (core.shortage_entry) of the
--   province or its cities, and enrolment rows of the schools located in its cities (core.enrollment by the school
--   lists' location). A region a row names only as a destination (graduate flows) does not count, nor does a school
--   list on its own: a national list would make every province look covered. The publications are written for these
--   provinces and their cities when no region is asked for.
-- column province_code: GB/T 2260 code of the province.
-- column province_name: Its name.
-- column employment_rows: Yearbook employment cells of the province and its cities.
-- column posting_rows: Job postings coded to the province or a place in it.
-- column shortage_rows: Rows of its quarterly shortage tables.
-- column enrollment_rows: Enrolment rows of schools located in its cities.
WITH counted AS (
  SELECT r.province_code, 'employment' AS kind, count(*) AS n
  FROM core.employment e JOIN ref.region r ON r.code = e.region_code GROUP BY ALL
  UNION ALL
  SELECT r.province_code, 'posting', count(*)
  FROM core.job_posting p JOIN ref.region r ON r.code = p.region_code GROUP BY ALL
  UNION ALL
  SELECT r.province_code, 'shortage', count(*)
  FROM core.shortage_entry s JOIN ref.region r ON r.code = s.region_code GROUP BY ALL
  UNION ALL
  SELECT r.province_code, 'enrollment', count(*)
  FROM core.enrollment e
  JOIN (SELECT DISTINCT school_code, location FROM core.school) s ON s.school_code = e.school_code
  JOIN ref.region r ON r.name = s.location AND r.level = '市'
  GROUP BY ALL
)
SELECT c.province_code, p.name AS province_name,
  coalesce(sum(n) FILTER (WHERE kind = 'employment'), 0)::BIGINT AS employment_rows,
  coalesce(sum(n) FILTER (WHERE kind = 'posting'), 0)::BIGINT AS posting_rows,
  coalesce(sum(n) FILTER (WHERE kind = 'shortage'), 0)::BIGINT AS shortage_rows,
  coalesce(sum(n) FILTER (WHERE kind = 'enrollment'), 0)::BIGINT AS enrollment_rows
FROM counted c JOIN ref.region p ON p.code = c.province_code
GROUP BY ALL
