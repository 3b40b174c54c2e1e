-- materialized: incremental
-- vintages: recent
-- comment: Projected demand, supply and shortage of every occupation per region (each city and the province) and year of
--   each vintage, from estimate_years before the last observed year to the end of the horizon (observed years estimated
--   by the same rules, marts.projection_occupation), with the signals of its shortage index and
--   its rank: 1 for the largest gap (openings − supply) among the region's occupations in the year, as the 最缺工
--   lists rank. Codes the 大典 does not define as occupations (postings coded only to a 大类, 中类 or 小类) keep
--   their rows and no rank, so that ranks and 上期排位 count occupations only.
-- column run_id VARCHAR: Run of the vintage.
-- column occupation_code VARCHAR: 职业分类大典 2022 code.
-- column region_code VARCHAR: GB/T 2260 code of the city or province.
-- column year INTEGER: Year.
-- column demand DOUBLE: Job openings, persons.
-- column demand_lo DOUBLE: Lower 95% bound of demand (projected years; NULL before).
-- column demand_hi DOUBLE: Upper 95% bound of demand (projected years; NULL before).
-- column supply DOUBLE: New entrants (graduates and other job seekers), persons.
-- column graduate_supply DOUBLE: Graduates among the supply.
-- column gap DOUBLE: demand − supply.
-- column ratio DOUBLE: demand / supply (NULL without supply).
-- column posting_growth DOUBLE: Vacancy growth of the last posting year (core.occupation_signal).
-- column pay_growth DOUBLE: Offered-pay growth of the last posting year.
-- column listed_share DOUBLE: Share of the latest year's shortage tables listing the occupation among their shortages.
-- column shortage_index DOUBLE: core.shortage_index, 0–1.
-- column shortage_level VARCHAR: 紧缺, 较紧缺, 基本平衡 or 供大于求.
-- column rank INTEGER: Rank of the gap among the occupations of the region and year (1 = largest); NULL for a code above the occupation level.
-- column is_forecast BOOLEAN: True for projected years.
WITH city_rows AS (
  SELECT o.region_code, o.occupation_code, o.year, sum(o.openings) AS demand, sum(o.openings_lo) AS demand_lo, sum(o.openings_hi) AS demand_hi,
    bool_or(o.is_forecast) AS is_forecast
  FROM marts.projection_occupation o WHERE o.run_id = {{ run_id }} GROUP BY ALL
),
city_supply AS (
  SELECT region_code, occupation_code, year, sum(supply) AS supply, sum(graduate_supply) AS graduate_supply
  FROM marts.projection_supply WHERE run_id = {{ run_id }} GROUP BY ALL
),
cities AS (
  SELECT region_code, occupation_code, year, coalesce(d.demand, 0) AS demand, d.demand_lo, d.demand_hi,
    coalesce(s.supply, 0) AS supply, coalesce(s.graduate_supply, 0) AS graduate_supply
  FROM city_rows d FULL JOIN city_supply s USING (region_code, occupation_code, year)
),
regions AS (
  SELECT * FROM cities
  UNION ALL
  SELECT r.parent_code, c.occupation_code, c.year, sum(c.demand), sum(c.demand_lo), sum(c.demand_hi), sum(c.supply), sum(c.graduate_supply)
  FROM cities c JOIN ref.region r ON r.code = c.region_code GROUP BY ALL
),
years AS (SELECT DISTINCT year, is_forecast FROM marts.projection_occupation WHERE run_id = {{ run_id }}),
scored AS (
  SELECT g.*, s.posting_growth, s.pay_growth, coalesce(s.listed_share, 0) AS listed_share,
    core.shortage_index(g.demand, g.supply, s.posting_growth, s.pay_growth, s.listed_share) AS shortage_index
  FROM regions g LEFT JOIN core.occupation_signal s USING (occupation_code, region_code)
)
SELECT {{ run_id }} AS run_id, occupation_code, region_code, year, demand,
  -- A projected year with supply and no demand has bounds of 0; the years before have none.
  CASE WHEN y.is_forecast THEN coalesce(demand_lo, 0) END AS demand_lo, CASE WHEN y.is_forecast THEN coalesce(demand_hi, 0) END AS demand_hi,
  supply, graduate_supply,
  demand - supply AS gap, demand / nullif(supply, 0) AS ratio, posting_growth, pay_growth, listed_share, shortage_index,
  core.shortage_level(shortage_index) AS shortage_level,
  -- Ranked on the gap to a millionth of a person: gaps equal but for the last bits of a double
  -- (most are 0) are ties, ordered by code, so that a rank never depends on summation order.
  CASE WHEN o.is_occupation THEN
    CAST(row_number() OVER (PARTITION BY region_code, year, o.is_occupation ORDER BY round(demand - supply, 6) DESC, occupation_code) AS INTEGER)
  END AS rank,
  y.is_forecast
FROM scored JOIN years y USING (year) LEFT JOIN ref.occupation o ON o.code = scored.occupation_code
