-- materialized: incremental
-- vintages: recent
-- comment: Demand, supply and gap per framework group (or GB/T 4754 大类, framework gbt4754), occupation, region,
--   education level and year of each vintage, from estimate_years before the last observed year (observed years
--   estimated by the same rules, marts.projection_occupation) to the end of the horizon; a row wherever
--   there is demand or supply. Demand = the openings of the occupation in the group's 大类 (marts.projection_occupation,
--   weighted by core.framework_membership) split by education level (core.education_share); supply = the
--   occupation's new entrants in each city (marts.projection_supply) shared out over the 大类 that employ the
--   occupation there, in proportion to that employment (entrants of an occupation that no 大类 of the city employs are in
--   no group here: marts.projection_supply and marts.fct_occupation_shortage hold every entrant). The shortage level applies core.shortage_index to the row's
--   ratio and the occupation's signals at the region; demand bounds scale with the group's openings bounds.
-- column run_id VARCHAR: Run of the vintage.
-- column framework VARCHAR: Framework id, or gbt4754.
-- column group_code VARCHAR: Group code, or the 大类 code.
-- column occupation_code VARCHAR: 职业分类大典 2022 code.
-- column region_code VARCHAR: GB/T 2260 code of the city or province.
-- column education_level VARCHAR: secondary, associate, bachelor or postgraduate.
-- column year INTEGER: Year.
-- column demand DOUBLE: Job openings, persons.
-- column supply DOUBLE: New entrants (graduates and other job seekers), persons.
-- column graduate_supply DOUBLE: Graduates among the supply.
-- column gap DOUBLE: demand − supply (positive: shortage).
-- column ratio DOUBLE: demand / supply, a 求人倍率 of the projection (NULL without supply).
-- column shortage_index DOUBLE: core.shortage_index of the row, 0–1.
-- column shortage_level VARCHAR: 紧缺, 较紧缺, 基本平衡 or 供大于求 (core.shortage_level).
-- column demand_lo DOUBLE: Lower 95% bound of demand (projected years).
-- column demand_hi DOUBLE: Upper 95% bound of demand (projected years).
-- column is_forecast BOOLEAN: True for projected years.
WITH occupation AS (
  SELECT *, employment / nullif(sum(employment) OVER (PARTITION BY region_code, occupation_code, year), 0) AS employment_share
  FROM marts.projection_occupation WHERE run_id = {{ run_id }}
),
cells AS (
  -- Each city × 大类 × occupation × level: its share of the occupation's openings and of the city's entrants.
  SELECT o.region_code, o.industry_code, o.occupation_code, l.education_level, o.year,
    o.openings * coalesce(e.share, 0) AS demand, o.employment_share * coalesce(s.supply, 0) AS supply,
    o.employment_share * coalesce(s.graduate_supply, 0) AS graduate_supply
  FROM occupation o
  CROSS JOIN (SELECT DISTINCT education_level FROM ref.education_level) l
  LEFT JOIN core.education_share e ON e.occupation_code = o.occupation_code AND e.education_level = l.education_level
  LEFT JOIN marts.projection_supply s ON s.run_id = {{ run_id }} AND s.region_code = o.region_code AND s.occupation_code = o.occupation_code
    AND s.education_level = l.education_level AND s.year = o.year
  WHERE e.share > 0 OR s.supply > 0
),
rows AS (
  SELECT n.framework, n.group_code, n.region_code, c.occupation_code, c.education_level, c.year,
    sum(n.weight * c.demand) AS demand, sum(n.weight * c.supply) AS supply, sum(n.weight * c.graduate_supply) AS graduate_supply
  FROM core.projection_node n JOIN cells c ON c.region_code = n.city_code AND c.industry_code = n.industry_code
  GROUP BY ALL
  HAVING sum(n.weight * c.demand) > 0 OR sum(n.weight * c.supply) > 0
),
scored AS (
  SELECT r.*, core.shortage_index(r.demand, r.supply, g.posting_growth, g.pay_growth, g.listed_share) AS shortage_index,
    t.openings_lo / nullif(t.openings, 0) AS lo_ratio, t.openings_hi / nullif(t.openings, 0) AS hi_ratio, t.is_forecast
  FROM rows r
  JOIN marts.fct_industry_trend t ON t.run_id = {{ run_id }} AND t.framework = r.framework AND t.group_code = r.group_code
    AND t.region_code = r.region_code AND t.year = r.year
  LEFT JOIN core.occupation_signal g ON g.occupation_code = r.occupation_code AND g.region_code = r.region_code
)
SELECT {{ run_id }} AS run_id, framework, group_code, occupation_code, region_code, education_level, year, demand, supply, graduate_supply,
  demand - supply AS gap, demand / nullif(supply, 0) AS ratio, shortage_index, core.shortage_level(shortage_index) AS shortage_level,
  CASE WHEN is_forecast THEN demand * coalesce(lo_ratio, 1) END AS demand_lo,
  CASE WHEN is_forecast THEN demand * coalesce(hi_ratio, 1) END AS demand_hi,
  is_forecast
FROM scored
