-- materialized: incremental
-- vintages: every
-- comment: Employment and openings of every framework group (and every GB/T 4754 大类, framework gbt4754) per region and
--   year, each vintage: history and the projected years. Levels are the sums of the city × 大类 projections
--   (bottom-up, so cities add up to the province and the 大类 to the groups); the 95% bounds are the engine's own
--   forecast of the aggregate (its interval relative to its mean) around that sum; a node that is one whole 大类 of one
--   city keeps the bounds of marts.projection_division. Openings from estimate_years
--   (ref.projection_parameter) before the last observed year on (observed years estimated, marts.projection_occupation),
--   with their parts; their bounds follow from the employment bounds as in marts.projection_occupation.
-- column run_id VARCHAR: Run of the vintage.
-- column framework VARCHAR: Framework id (ref.framework), or gbt4754 for a single 大类.
-- column group_code VARCHAR: Group code, or the 大类 code.
-- column group_name VARCHAR: Group name, or the 大类 name.
-- column region_code VARCHAR: GB/T 2260 code of the city or province.
-- column year INTEGER: Year.
-- column employment DOUBLE: Employed persons (estimated history, projected mean).
-- column employment_lo DOUBLE: Lower 95% bound (projected years).
-- column employment_hi DOUBLE: Upper 95% bound (projected years).
-- column openings DOUBLE: Job openings of the year (estimated for observed years from estimate_years before the last one): the
--   sum of its city × 大类 × occupation cells' openings, each floored at 0, so it exceeds expansion + exits + transfers by
--   what the floored cells lacked (marts.projection_occupation.openings_floored).
-- column expansion DOUBLE: Openings from employment growth (negative when shrinking).
-- column exits DOUBLE: Openings from workers leaving the labour force.
-- column transfers DOUBLE: Openings from workers moving to other occupations.
-- column openings_lo DOUBLE: Lower 95% bound of openings (projected years).
-- column openings_hi DOUBLE: Upper 95% bound of openings (projected years).
-- column is_forecast BOOLEAN: True for projected years.
WITH nodes AS (SELECT * FROM core.projection_node),
employment AS (
  SELECT n.framework, n.group_code, any_value(n.group_name) AS group_name, n.region_code, d.year, sum(n.weight * d.employment) AS employment,
    bool_or(d.is_forecast) AS is_forecast
  FROM nodes n JOIN marts.projection_division d ON d.region_code = n.city_code AND d.industry_code = n.industry_code
  WHERE d.run_id = {{ run_id }}
  GROUP BY ALL
),
openings AS (
  SELECT n.framework, n.group_code, n.region_code, o.year, sum(n.weight * o.openings) AS openings, sum(n.weight * o.expansion) AS expansion,
    sum(n.weight * o.exits) AS exits, sum(n.weight * o.transfers) AS transfers
  FROM nodes n JOIN marts.projection_occupation o ON o.region_code = n.city_code AND o.industry_code = n.industry_code
  WHERE o.run_id = {{ run_id }}
  GROUP BY ALL
),
direct AS (
  -- A node that is one whole 大类 of one city is a division of the projection: its interval is the division's.
  SELECT n.framework, n.group_code, n.region_code, d.year, d.employment_lo / nullif(d.employment, 0) AS lo_ratio,
    d.employment_hi / nullif(d.employment, 0) AS hi_ratio
  FROM nodes n JOIN marts.projection_division d ON d.run_id = {{ run_id }} AND d.is_forecast AND d.region_code = n.region_code
    AND d.industry_code = n.industry_code
  WHERE n.single_division
  UNION ALL
  SELECT framework, group_code, region_code, year, lo95 / nullif(employment, 0), hi95 / nullif(employment, 0)
  FROM marts.industry_projection WHERE run_id = {{ run_id }} AND kind = 'node' AND is_forecast
),
joined AS (
  SELECT e.*, e.employment * d.lo_ratio AS employment_lo, e.employment * d.hi_ratio AS employment_hi,
    o.openings, o.expansion, o.exits, o.transfers
  FROM employment e
  LEFT JOIN direct d USING (framework, group_code, region_code, year)
  LEFT JOIN openings o USING (framework, group_code, region_code, year)
),
lagged AS (
  SELECT *, lag(employment) OVER w AS previous, coalesce(lag(employment_lo) OVER w, lag(employment) OVER w) AS previous_lo,
    coalesce(lag(employment_hi) OVER w, lag(employment) OVER w) AS previous_hi
  FROM joined WINDOW w AS (PARTITION BY framework, group_code, region_code ORDER BY year)
)
SELECT {{ run_id }} AS run_id, framework, group_code, group_name, region_code, year, employment, employment_lo, employment_hi,
  openings, expansion, exits, transfers,
  CASE WHEN is_forecast THEN greatest(0.0, openings
    - sqrt(greatest(0.0, pow(employment - employment_lo, 2) - pow(previous - previous_lo, 2)))
    - (exits + transfers) / nullif(previous, 0) * (previous - previous_lo)) END AS openings_lo,
  CASE WHEN is_forecast THEN openings
    + sqrt(greatest(0.0, pow(employment_hi - employment, 2) - pow(previous_hi - previous, 2)))
    + (exits + transfers) / nullif(previous, 0) * (previous_hi - previous) END AS openings_hi,
  is_forecast
FROM lagged
