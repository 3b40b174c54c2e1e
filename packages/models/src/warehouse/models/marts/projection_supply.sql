-- materialized: incremental
-- vintages: recent
-- comment: New entrants per city, occupation, education level and year of each vintage, the years of
--   marts.projection_occupation (estimate_years before the last observed year to the end of the horizon): graduates entering work (core.graduate_supply; a year beyond its entrants' reach repeats
--   the last year it has) and other job seekers — the occupation's leavers and movers looking again and entrants
--   from elsewhere — at core.occupation_benchmark's seeker rate per separation of the vintage, split over
--   education levels as the occupation's openings are (core.education_share).
-- column run_id VARCHAR: Run of the vintage.
-- column region_code VARCHAR: GB/T 2260 code of the city.
-- column occupation_code VARCHAR: 职业分类大典 2022 code.
-- column education_level VARCHAR: secondary, associate, bachelor or postgraduate.
-- column year INTEGER: Year.
-- column graduate_supply DOUBLE: Graduates entering work in the occupation.
-- column other_supply DOUBLE: Other job seekers for the occupation.
-- column supply DOUBLE: graduate_supply + other_supply.
-- column is_forecast BOOLEAN: True for projected years.
WITH years AS (
  SELECT DISTINCT year, is_forecast FROM marts.projection_occupation WHERE run_id = {{ run_id }}
),
reach AS (SELECT education_level, max(year) AS last_year FROM core.graduate_supply GROUP BY ALL),
graduates AS (
  SELECT g.region_code, g.occupation_code, g.education_level, y.year, g.graduates
  FROM years y JOIN reach r ON true
  JOIN core.graduate_supply g ON g.education_level = r.education_level AND g.year = least(y.year, r.last_year)
),
seekers AS (
  SELECT p.region_code, p.occupation_code, e.education_level, p.year, sum(p.exits + p.transfers) * any_value(k.seeker_rate) * any_value(e.share)
    AS seekers
  FROM marts.projection_occupation p
  JOIN core.occupation_benchmark k ON k.occupation_code = p.occupation_code
  JOIN core.education_share e ON e.occupation_code = p.occupation_code
  WHERE p.run_id = {{ run_id }}
  GROUP BY ALL
)
SELECT {{ run_id }} AS run_id, region_code, occupation_code, education_level, year,
  coalesce(g.graduates, 0) AS graduate_supply, coalesce(s.seekers, 0) AS other_supply, coalesce(g.graduates, 0) + coalesce(s.seekers, 0) AS supply,
  y.is_forecast
FROM graduates g FULL JOIN seekers s USING (region_code, occupation_code, education_level, year)
JOIN years y USING (year)
