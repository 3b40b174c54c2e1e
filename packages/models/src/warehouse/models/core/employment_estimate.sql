-- materialized: view
-- comment: Estimated employment of all persons (全社会) per city, industry leaf and year: the urban-units figure
--   (core.employment_leaf) divided by what the urban-units tables cover of its 门类 that year (the province's
--   urban-units total of the 门类 over its 全社会 figure). Where no 全社会 figure is loaded the urban-units figure
--   stands, and basis says so.
-- column year: 年末 year.
-- column region_code: GB/T 2260 code of the city.
-- column industry_code: Industry leaf: a 大类 code, or a 门类 letter.
-- column industry_level: 大类 or 门类.
-- column section_code: 门类 letter.
-- column urban_employment: 城镇单位就业人员 of the cell, persons.
-- column coverage: Share of the 门类's employed persons the urban-units tables count that year (NULL without a 全社会 figure).
-- column employment: Estimated employed persons of the cell, all units and the self-employed included.
-- column basis: all (scaled to the 全社会 figure) or urban_units (no 全社会 figure loaded for the year and 门类).
WITH urban AS (
  SELECT year, section_code, sum(employment) AS urban FROM core.employment_leaf GROUP BY ALL
),
total AS (
  SELECT c.year, c.section_code, c.employment AS total FROM core.employment_current c JOIN ref.region r ON r.code = c.region_code
  WHERE c.universe = 'all' AND c.industry_level = '门类' AND r.level = '省'
),
cover AS (
  SELECT u.year, u.section_code, CASE WHEN t.total > 0 THEN u.urban / t.total END AS coverage
  FROM urban u LEFT JOIN total t USING (year, section_code)
)
SELECT l.year, l.region_code, l.industry_code, l.industry_level, l.section_code, l.employment AS urban_employment, c.coverage,
  CASE WHEN c.coverage > 0 THEN l.employment / c.coverage ELSE l.employment END AS employment,
  CASE WHEN c.coverage > 0 THEN 'all' ELSE 'urban_units' END AS basis
FROM core.employment_leaf l LEFT JOIN cover c USING (year, section_code)
