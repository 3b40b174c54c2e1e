-- materialized: table
-- comment: The staffing matrix of every year from the first of the employment history to the end of the horizon:
--   core.staffing_share, moved by the change factors of ref.staffing_change (METHODS.md §1) from the year the matrix
--   describes (the vacancy-weighted mean posting year of its vacancies), compounded each year before and after it, the
--   most specific row of an occupation and 大类 applying (the finest occupation code, then the 大类 before its 门类
--   before every industry), and each 大类's shares scaled back to sum to 1. A trend a bureau states holds in the past
--   as in the future: applied to the projected years alone, the registrations would have read the past years' share
--   growth as separations, and the projection would count it twice. Where no factor applies, the matrix as it is.
-- column industry_code: 大类 code.
-- column occupation_code: 职业分类大典 2022 code.
-- column year: Year.
-- column share: Share of the 大类's employment in the occupation that year; the shares of a 大类 and year sum to 1.
WITH last_year AS (SELECT max(year) AS year FROM core.division_employment),
base AS (
  SELECT coalesce(
    (SELECT sum(year * vacancies) / sum(vacancies) FROM core.vacancy_occupation WHERE division_code IS NOT NULL),
    (SELECT year FROM last_year)
  ) AS year
),
years AS (
  SELECT CAST(y AS INTEGER) AS year FROM (
    SELECT unnest(range(
      (SELECT min(year) FROM core.division_employment),
      (SELECT year FROM last_year) + CAST(core.projection_parameter('horizon_years') AS INTEGER) + 1
    )) AS y
  )
),
sections AS (SELECT DISTINCT industry_code, section_code FROM core.division_employment),
change AS (
  SELECT s.industry_code, s.occupation_code, c.annual_change
  FROM core.staffing_share s
  JOIN sections d USING (industry_code)
  JOIN (SELECT *, regexp_replace(occupation_code, '(-00)+$', '') || '-' AS prefix FROM ref.staffing_change) c
    ON c.industry_code IN ('*', d.section_code, s.industry_code) AND starts_with(s.occupation_code || '-', c.prefix)
  QUALIFY row_number() OVER (
    PARTITION BY s.industry_code, s.occupation_code
    ORDER BY length(c.prefix) DESC, CASE c.industry_code WHEN s.industry_code THEN 2 WHEN '*' THEN 0 ELSE 1 END DESC
  ) = 1
),
moved AS (
  SELECT s.industry_code, s.occupation_code, y.year, s.share, c.annual_change IS NOT NULL AS changed,
    s.share * pow(1 + coalesce(c.annual_change, 0), y.year - b.year) AS weight
  FROM core.staffing_share s CROSS JOIN years y CROSS JOIN base b
  LEFT JOIN change c USING (industry_code, occupation_code)
)
SELECT industry_code, occupation_code, year,
  -- A 大类 none of whose occupations moves keeps its shares as they are.
  CASE WHEN bool_or(changed) OVER w THEN weight / sum(weight) OVER w ELSE share END AS share
FROM moved
WINDOW w AS (PARTITION BY industry_code, year)
