-- materialized: view
-- comment: Urban-units employment (城镇单位就业人员) at the finest level each city's table publishes: a 大类 where its
--   门类 is broken down, else the 门类. The leaves add up to every total, revisions included.
-- column year: 年末 year.
-- column region_code: GB/T 2260 code of the city.
-- column industry_code: The leaf: a 大类 code, or a 门类 letter.
-- column industry_level: 大类 or 门类.
-- column section_code: 门类 letter of the leaf.
-- column employment: 城镇单位就业人员, persons.
WITH cells AS (
  SELECT c.* FROM core.employment_current c JOIN ref.region r ON r.code = c.region_code
  WHERE c.universe = 'urban_units' AND r.level = '市' AND c.industry_level IN ('门类', '大类')
),
broken_down AS (SELECT DISTINCT year, region_code, section_code FROM cells WHERE industry_level = '大类')
SELECT year, region_code, industry_code, industry_level, section_code, employment FROM cells
WHERE industry_level = '大类'
  OR NOT EXISTS (SELECT 1 FROM broken_down b WHERE b.year = cells.year AND b.region_code = cells.region_code AND b.section_code = cells.section_code)
