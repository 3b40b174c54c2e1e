-- materialized: table
-- comment: Every aggregate the projections publish, with the GB/T 4754 大类 it adds up: each framework group at its
--   region and, where that region is a province, at each of its cities; and each 大类 on its own (the pseudo
--   framework gbt4754) at the province and each city. The weights are core.framework_membership's; frameworks
--   planned for a region without published employment have no node.
-- column framework: Framework id, or gbt4754 for a single 大类.
-- column group_code: Group code, or the 大类 code.
-- column group_name: Group name, or the 大类 name.
-- column region_code: GB/T 2260 code of the city or province of the node.
-- column city_code: A city whose employment the node adds up.
-- column industry_code: A 大类 the node adds up.
-- column weight: Share of the 大类 counted.
-- column single_division: True when the node is one whole 大类 of one city: its projection is that division's
--   (marts.projection_division), so the engine does not forecast it a second time.
WITH cities AS (
  SELECT DISTINCT l.region_code AS city_code, r.parent_code AS province_code
  FROM core.employment_leaf l JOIN ref.region r ON r.code = l.region_code
),
scopes AS (
  -- A node's region and the cities under it: a city is its own scope; a province covers its cities.
  SELECT city_code AS region_code, city_code FROM cities
  UNION ALL
  SELECT province_code, city_code FROM cities
),
groups AS (
  SELECT m.framework, m.group_code, m.group_name, m.region_code AS plan_region, m.industry_code, m.weight FROM core.framework_membership m
  UNION ALL
  SELECT 'gbt4754', d.code, d.name, p.province_code, d.code, 1.0
  FROM ref.industry d CROSS JOIN (SELECT DISTINCT province_code FROM cities) p
  WHERE d.level = '大类'
),
node_regions AS (
  -- The plan's own region, and each city of it when the plan covers a province.
  SELECT DISTINCT g.framework, g.group_code, s.region_code
  FROM groups g JOIN scopes s ON s.region_code = g.plan_region
  UNION
  SELECT DISTINCT g.framework, g.group_code, c.city_code
  FROM groups g JOIN cities c ON c.province_code = g.plan_region
)
SELECT g.framework, g.group_code, g.group_name, n.region_code, s.city_code, g.industry_code, g.weight,
  count(*) OVER (PARTITION BY g.framework, g.group_code, n.region_code) = 1 AND g.weight = 1 AND n.region_code = s.city_code
    AS single_division
FROM groups g
JOIN node_regions n USING (framework, group_code)
JOIN scopes s ON s.region_code = n.region_code
