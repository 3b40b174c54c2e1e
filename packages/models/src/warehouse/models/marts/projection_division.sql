-- materialized: incremental
-- vintages: every
-- comment: Employment per city, GB/T 4754 大类 and year of each vintage: the engine's leaves (marts.industry_projection),
--   with a 门类 leaf split into its 大类 by core.division_share. History and the projected years.
-- column run_id VARCHAR: Run of the vintage.
-- column region_code VARCHAR: GB/T 2260 code of the city.
-- column industry_code VARCHAR: 大类 code.
-- column section_code VARCHAR: 门类 letter.
-- column year INTEGER: Year.
-- column employment DOUBLE: Employed persons (estimated history, projected mean).
-- column employment_lo DOUBLE: Lower 95% bound (projected years; the leaf's bound split like its mean).
-- column employment_hi DOUBLE: Upper 95% bound (projected years).
-- column is_forecast BOOLEAN: True for projected years.
WITH leaves AS (SELECT * FROM marts.industry_projection WHERE run_id = {{ run_id }} AND kind = 'leaf')
SELECT l.run_id, l.region_code, l.industry_code, d.section_code, l.year, l.employment, l.lo95 AS employment_lo, l.hi95 AS employment_hi,
  l.is_forecast
FROM leaves l JOIN ref.industry d ON d.code = l.industry_code AND d.level = '大类'
UNION ALL
SELECT l.run_id, l.region_code, s.industry_code, s.section_code, l.year, l.employment * s.share, l.lo95 * s.share, l.hi95 * s.share,
  l.is_forecast
FROM leaves l JOIN core.division_share s ON s.region_code = l.region_code AND s.section_code = l.industry_code
