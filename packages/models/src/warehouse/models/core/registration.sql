-- materialized: view
-- comment: The public employment services' registrations per occupation, region and year, summed over the quarterly
--   shortage tables (core.shortage_entry) that list the occupation. A table lists only its top occupations, so an
--   occupation absent from a quarter's table has no figure for it, not zero.
-- column occupation_code: 职业分类大典 2022 code.
-- column region_code: GB/T 2260 code of the publishing region.
-- column year: Year of the quarters.
-- column quarters: Quarterly tables of the year that list the occupation (among their shortages or their surpluses).
-- column shortage_quarters: Quarterly tables of the year that list the occupation among their shortages (more vacancies
--   than seekers).
-- column tables: Quarterly tables the region published that year.
-- column vacancies: Registered vacancies (招聘需求人数) over the quarters listed.
-- column job_seekers: Registered job seekers (求职人数) over the quarters listed.
WITH entries AS (
  SELECT occupation_code, region_code, period, core.quarter_year(period) AS year, vacancies, job_seekers
  FROM core.shortage_entry
  WHERE occupation_code IS NOT NULL AND core.quarter_year(period) IS NOT NULL
),
tables AS (SELECT region_code, year, count(DISTINCT period) AS tables FROM entries GROUP BY ALL)
SELECT e.occupation_code, e.region_code, e.year, count(DISTINCT e.period) AS quarters,
  count(DISTINCT e.period) FILTER (WHERE core.shortage_listing(e.vacancies, e.job_seekers)) AS shortage_quarters, any_value(t.tables) AS tables,
  sum(e.vacancies) AS vacancies, sum(e.job_seekers) AS job_seekers
FROM entries e JOIN tables t USING (region_code, year)
GROUP BY ALL
