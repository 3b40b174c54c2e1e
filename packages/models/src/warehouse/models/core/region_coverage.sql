-- materialized: view
-- comment: The provinces and cities with data of their own, and how much of each kind: published employment
--   (core.employment), job postings (core.job_posting), quarterly shortage tables (core.shortage_entry), and enrolment
--   rows of the schools located in the city (core.enrollment: the row's own region, else the latest school list's city (core.school_latest), a
--   city name read within the province of the 学校标识码). A county's rows count for
--   its city; a province has rows of its own when a source codes them to the province itself (the yearbook's 全区
--   column, the province's shortage tables). A region a row names only as a destination (graduate flows) has no rows
--   here, nor does a school list alone (a national list would cover every city). When no region is configured, the
--   publications are written for these regions: each province with data of its own, followed by its cities with data,
--   and each city with data whose province has none of its own (a city bureau's warehouse publishes the city, not the
--   province).
-- column region_code: GB/T 2260 code of the province or city.
-- column region_name: Its name.
-- column level: 省 or 市.
-- column province_code: The province it is or lies in.
-- column employment_rows: Yearbook employment cells.
-- column posting_rows: Job postings coded to the region or a county of it.
-- column shortage_rows: Rows of its quarterly shortage tables.
-- column enrollment_rows: Enrolment rows of schools located in it (or in a county of it).
WITH coded AS (
  SELECT region_code, 'employment' AS kind FROM core.employment
  UNION ALL
  SELECT region_code, 'posting' FROM core.job_posting
  UNION ALL
  SELECT region_code, 'shortage' FROM core.shortage_entry
  UNION ALL
  SELECT coalesce(e.region_code, s.city_code), 'enrollment'
  FROM core.enrollment e
  LEFT JOIN core.school_latest s ON s.school_code = e.school_code
  WHERE coalesce(e.region_code, s.city_code) IS NOT NULL
),
placed AS (
  SELECT CASE WHEN g.level = '县' THEN g.parent_code ELSE g.code END AS region_code, c.kind
  FROM coded c JOIN ref.region g ON g.code = c.region_code
)
SELECT r.code AS region_code, r.name AS region_name, r.level, r.province_code,
  count(*) FILTER (WHERE p.kind = 'employment') AS employment_rows,
  count(*) FILTER (WHERE p.kind = 'posting') AS posting_rows,
  count(*) FILTER (WHERE p.kind = 'shortage') AS shortage_rows,
  count(*) FILTER (WHERE p.kind = 'enrollment') AS enrollment_rows
FROM placed p JOIN ref.region r ON r.code = p.region_code
WHERE r.level IN ('省', '市')
GROUP BY ALL
