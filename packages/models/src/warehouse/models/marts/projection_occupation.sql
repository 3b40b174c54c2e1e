-- materialized: incremental
-- vintages: recent
-- comment: Employment and openings per city, GB/T 4754 大类, occupation and year of each vintage, from the
--   estimate_years (ref.projection_parameter) observed years before the last one to the end of the horizon, observed
--   years estimated by the same rules as projected ones: the 大类's employment × the staffing matrix of the year
--   (core.staffing_path: the matrix moved by a bureau's change factors, if any);
--   openings = expansion (the change from the year before) + exits + transfers of the year before's workers at the
--   default rates (ref.separation_rate) × the occupation's registration benchmark (core.occupation_benchmark), floored
--   at 0 and flagged, the parts kept apart as BLS publishes them. Bounds carry the 大类's 95% interval: the change's
--   uncertainty is the growth of the level's, and separations move with the year before's bounds.
-- column run_id VARCHAR: Run of the vintage.
-- column region_code VARCHAR: GB/T 2260 code of the city.
-- column industry_code VARCHAR: 大类 code.
-- column occupation_code VARCHAR: 职业分类大典 2022 code.
-- column year INTEGER: Year.
-- column employment DOUBLE: Employed persons.
-- column expansion DOUBLE: Change in employment from the year before (negative when shrinking).
-- column exits DOUBLE: Workers of the year before leaving the labour force.
-- column transfers DOUBLE: Workers of the year before moving to other occupations.
-- column openings DOUBLE: expansion + exits + transfers, at least 0.
-- column openings_floored BOOLEAN: True when the sum was negative and floored at 0.
-- column openings_lo DOUBLE: Lower 95% bound of openings (projected years; NULL before).
-- column openings_hi DOUBLE: Upper 95% bound of openings (projected years; NULL before).
-- column is_forecast BOOLEAN: True for projected years.
WITH last_year AS (
  SELECT max(year) AS year FROM marts.industry_projection WHERE run_id = {{ run_id }} AND NOT is_forecast
),
cells AS (
  SELECT d.run_id, d.region_code, d.industry_code, s.occupation_code, d.year, d.employment * s.share AS employment,
    coalesce(d.employment_lo, d.employment) * s.share AS lo, coalesce(d.employment_hi, d.employment) * s.share AS hi, d.is_forecast
  FROM marts.projection_division d JOIN core.staffing_path s USING (industry_code, year), last_year y
  WHERE d.run_id = {{ run_id }} AND d.year >= y.year - core.projection_parameter('estimate_years') - 1
),
lagged AS (
  SELECT *,
    lag(employment) OVER w AS previous, lag(lo) OVER w AS previous_lo, lag(hi) OVER w AS previous_hi
  FROM cells WINDOW w AS (PARTITION BY region_code, industry_code, occupation_code ORDER BY year)
),
flows AS (
  SELECT l.*, l.employment - l.previous AS expansion,
    r.exit_rate * b.separation_factor * l.previous AS exits,
    r.transfer_rate * b.separation_factor * l.previous AS transfers,
    (r.exit_rate + r.transfer_rate) * b.separation_factor AS rate
  FROM lagged l
  JOIN ref.separation_rate r ON r.major_group = left(l.occupation_code, 1)
  JOIN core.occupation_benchmark b USING (occupation_code), last_year y
  WHERE l.year >= y.year - core.projection_parameter('estimate_years') AND l.previous IS NOT NULL
)
SELECT run_id, region_code, industry_code, occupation_code, year, employment, expansion, exits, transfers,
  greatest(0.0, expansion + exits + transfers) AS openings,
  expansion + exits + transfers < 0 AS openings_floored,
  -- Years before the forecast are estimates without an interval: no bound rather than a zero-width one.
  CASE WHEN is_forecast THEN greatest(0.0, expansion + exits + transfers
    - sqrt(greatest(0.0, pow(employment - lo, 2) - pow(previous - previous_lo, 2))) - rate * (previous - previous_lo)) END AS openings_lo,
  CASE WHEN is_forecast THEN greatest(0.0, expansion + exits + transfers
    + sqrt(greatest(0.0, pow(hi - employment, 2) - pow(previous_hi - previous, 2))) + rate * (previous_hi - previous)) END AS openings_hi,
  is_forecast
FROM flows
