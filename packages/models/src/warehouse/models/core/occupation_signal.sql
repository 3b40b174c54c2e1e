-- materialized: table
-- comment: The observed shortage signals of each occupation per region (each city, and the province): growth of its
--   vacancies and of the pay they offer between the last two posting years, and the share of the latest year's
--   quarterly shortage tables (of the region, or of its province for a city) that list it. Vacancies are those of
--   core.vacancy_occupation, where a vacancy coded only to a group (普工 → 6-00-00-00) is spread over the group's
--   occupations, so that an occupation's growth counts the postings that hire for it without naming it; pay is read
--   from the vacancies that name the occupation (a group-coded posting's pay belongs to none of them in particular).
--   Inputs of core.shortage_index beside the projected demand / supply ratio.
-- column occupation_code: 职业分类大典 2022 code.
-- column region_code: GB/T 2260 code of the city or province.
-- column vacancies: Vacancies of the last posting year, group-coded ones spread in fractions (core.vacancy_occupation).
-- column posting_growth: Vacancies of the last posting year over the year before, minus 1 (NULL without both, or when
--   either year has fewer than shortage_growth_min_vacancies).
-- column pay_growth: Median offered pay of the last posting year over the year before, minus 1 (NULL without both, or
--   when either year has fewer than shortage_growth_min_vacancies vacancies offering pay).
-- column listed_share: Share of the latest year's quarterly shortage tables listing the occupation among their shortages
--   (0 when none; a listing among a table's surpluses is no shortage signal).
WITH last_year AS (SELECT max(year) AS year FROM core.vacancy),
counted AS (
  SELECT v.occupation_code, v.year, v.city_code, r.province_code, v.vacancies
  FROM core.vacancy_occupation v JOIN ref.region r ON r.code = v.city_code, last_year y
  WHERE v.year >= y.year - 1
),
named AS (
  SELECT v.occupation_code, v.year, v.pay_monthly, v.city_code, r.province_code
  FROM core.vacancy v JOIN ref.region r ON r.code = v.city_code, last_year y
  WHERE v.occupation_code IS NOT NULL AND v.year >= y.year - 1
),
by_region AS (
  SELECT occupation_code, city_code AS region_code, year, sum(vacancies) AS vacancies FROM counted GROUP BY ALL
  UNION ALL
  SELECT occupation_code, province_code, year, sum(vacancies) FROM counted GROUP BY ALL
),
pay AS (
  SELECT occupation_code, city_code AS region_code, year, median(pay_monthly) AS pay, count(pay_monthly) AS offers FROM named GROUP BY ALL
  UNION ALL
  SELECT occupation_code, province_code, year, median(pay_monthly), count(pay_monthly) FROM named GROUP BY ALL
),
paired AS (
  SELECT c.occupation_code, c.region_code, c.vacancies, p.vacancies AS previous_vacancies,
    cp.pay, pp.pay AS previous_pay, least(cp.offers, pp.offers) AS pay_offers
  FROM by_region c JOIN last_year y ON c.year = y.year
  LEFT JOIN by_region p ON p.occupation_code = c.occupation_code AND p.region_code = c.region_code AND p.year = y.year - 1
  LEFT JOIN pay cp ON cp.occupation_code = c.occupation_code AND cp.region_code = c.region_code AND cp.year = y.year
  LEFT JOIN pay pp ON pp.occupation_code = c.occupation_code AND pp.region_code = c.region_code AND pp.year = y.year - 1
),
latest_tables AS (
  SELECT r.occupation_code, r.region_code, r.shortage_quarters / r.tables AS listed_share
  FROM core.registration r
  WHERE r.year = (SELECT max(year) FROM core.registration)
)
SELECT p.occupation_code, p.region_code, p.vacancies,
  -- A growth over a handful of vacancies is noise (a group-coded posting spread over its occupations leaves some a
  -- hundredth of a vacancy), and the index would read it as a full signal: below the floor in either year it is unknown.
  CASE WHEN least(p.vacancies, p.previous_vacancies) >= core.projection_parameter('shortage_growth_min_vacancies')
    THEN p.vacancies / p.previous_vacancies - 1 END AS posting_growth,
  CASE WHEN p.pay_offers >= core.projection_parameter('shortage_growth_min_vacancies') THEN p.pay / p.previous_pay - 1 END AS pay_growth,
  coalesce(own.listed_share, province.listed_share, 0) AS listed_share
FROM paired p
JOIN ref.region g ON g.code = p.region_code
LEFT JOIN latest_tables own ON own.occupation_code = p.occupation_code AND own.region_code = p.region_code
LEFT JOIN latest_tables province ON province.occupation_code = p.occupation_code AND province.region_code = g.province_code
