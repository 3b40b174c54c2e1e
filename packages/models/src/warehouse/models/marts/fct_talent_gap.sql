-- materialized: incremental
-- vintages: recent
-- comment: Demand, supply and gap per framework group (or GB/T 4754 大类, framework gbt4754), occupation, region,
--   education level and year of each vintage, from estimate_years before the last observed year (observed years
--   estimated by the same rules, marts.projection_occupation) to the end of the horizon; a row wherever
--   there is demand or supply. Demand = the openings of the occupation in the group's 大类 (marts.projection_occupation,
--   weighted by core.framework_membership) split by education level (core.education_share); supply = the
--   occupation's new entrants in each city (marts.projection_supply) shared out over the 大类 that employ the
--   occupation there, in proportion to that employment; entrants of an occupation that no 大类 of the city employs are
--   shared out over the 大类 of the occupation → industry crosswalk (a 门类 by the city's employment in its 大类; where the
--   city employs no one there, over all its 大类 by employment), so that the 大类 rows hold every entrant of
--   marts.projection_supply. The shortage level applies core.shortage_index to the row's
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
unplaced AS (
  -- Entrants of an occupation that no 大类 of the city employs (a new occupation the postings have not staffed yet).
  SELECT s.region_code, s.occupation_code, s.education_level, s.year, s.supply, s.graduate_supply
  FROM marts.projection_supply s
  WHERE s.run_id = {{ run_id }} AND s.supply > 0
    AND NOT EXISTS (SELECT 1 FROM occupation o WHERE o.region_code = s.region_code AND o.occupation_code = s.occupation_code AND o.year = s.year)
),
crosswalk_division AS (
  -- The crosswalk's industries of those occupations as 大类 of the city: a 大类 or a finer code counts for its 大类, a
  -- 门类 is split over its 大类 by the city's employment in them; shares renormalised over what the city has.
  SELECT occupation_code, region_code, year, industry_code, sum(share) AS share
  FROM (
    SELECT u.occupation_code, d.region_code, d.year, d.industry_code,
      c.share * CASE WHEN length(c.industry_code) = 1
        THEN d.employment / sum(d.employment) OVER (PARTITION BY u.occupation_code, c.industry_code, d.region_code, d.year)
        ELSE 1 END AS share
    FROM (SELECT DISTINCT occupation_code, region_code, year FROM unplaced) u
    JOIN ref.crosswalk_occupation_industry c ON c.occupation_code = u.occupation_code
    JOIN marts.projection_division d ON d.run_id = {{ run_id }} AND d.region_code = u.region_code AND d.year = u.year AND d.employment > 0
      AND CASE WHEN length(c.industry_code) = 1 THEN d.section_code = c.industry_code ELSE d.industry_code = left(c.industry_code, 2) END
  )
  GROUP BY ALL
),
placement AS (
  SELECT * FROM crosswalk_division
  UNION ALL
  -- Where the city employs no one in the crosswalk's industries: over all its 大类, by their employment.
  SELECT u.occupation_code, d.region_code, d.year, d.industry_code, d.employment AS share
  FROM (SELECT DISTINCT occupation_code, region_code, year FROM unplaced) u
  JOIN marts.projection_division d ON d.run_id = {{ run_id }} AND d.region_code = u.region_code AND d.year = u.year AND d.employment > 0
  WHERE NOT EXISTS (
    SELECT 1 FROM crosswalk_division w WHERE w.occupation_code = u.occupation_code AND w.region_code = u.region_code AND w.year = u.year AND w.share > 0
  )
),
placed AS (
  SELECT u.region_code, w.industry_code, u.occupation_code, u.education_level, u.year, 0.0 AS demand,
    u.supply * w.share / sum(w.share) OVER (PARTITION BY u.region_code, u.occupation_code, u.education_level, u.year) AS supply,
    u.graduate_supply * w.share / sum(w.share) OVER (PARTITION BY u.region_code, u.occupation_code, u.education_level, u.year) AS graduate_supply
  FROM unplaced u JOIN placement w USING (occupation_code, region_code, year)
  WHERE w.share > 0
),
rows AS (
  SELECT n.framework, n.group_code, n.region_code, c.occupation_code, c.education_level, c.year,
    sum(n.weight * c.demand) AS demand, sum(n.weight * c.supply) AS supply, sum(n.weight * c.graduate_supply) AS graduate_supply
  FROM core.projection_node n
  JOIN (SELECT * FROM cells UNION ALL BY NAME SELECT * FROM placed) c ON c.region_code = n.city_code AND c.industry_code = n.industry_code
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
