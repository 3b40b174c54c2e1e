-- materialized: view
-- comment: The GB/T 4754 大类 each framework group covers, and how much of each: a group that names a 门类 or a 大类
--   takes the whole 大类; one that names 中类 or 小类 takes the share of the 大类's 小类 they cover (the yearbooks
--   publish nothing finer than 大类, so the 小类 count is the only measure of size at hand). The region is the
--   group's city where the plan names one, else the framework's region.
-- column framework: Framework id (ref.framework).
-- column group_code: Group code within the framework.
-- column group_name: Group name as the plan prints it.
-- column region_code: GB/T 2260 code of the region the group is planned for.
-- column industry_code: GB/T 4754-2017 大类 code.
-- column section_code: 门类 letter of the 大类.
-- column weight: Share of the 大类 that belongs to the group, in (0, 1].
WITH leaves AS (
  SELECT code, parent_code AS middle FROM ref.industry WHERE level = '小类'
),
small_count AS (
  SELECT d.code AS division, count(*) AS n
  FROM ref.industry d JOIN ref.industry m ON m.parent_code = d.code JOIN leaves l ON l.middle = m.code
  WHERE d.level = '大类' GROUP BY ALL
),
entries AS (
  SELECT g.framework, g.group_code, g.group_name, coalesce(g.city_code, f.region_code) AS region_code, g.industry_code, g.industry_level
  FROM ref.framework_group g JOIN ref.framework f USING (framework)
),
covered AS (
  -- 门类 entries: every 大类 of the section.
  SELECT e.framework, e.group_code, e.group_name, e.region_code, d.code AS industry_code, 1.0 AS weight
  FROM entries e JOIN ref.industry d ON d.level = '大类' AND d.parent_code = e.industry_code
  WHERE e.industry_level = '门类'
  UNION ALL
  SELECT framework, group_code, group_name, region_code, industry_code, 1.0 FROM entries WHERE industry_level = '大类'
  UNION ALL
  -- 中类 entries: their 小类 over the 大类's.
  SELECT e.framework, e.group_code, e.group_name, e.region_code, m.parent_code, count(l.code) / any_value(s.n)
  FROM entries e JOIN ref.industry m ON m.code = e.industry_code JOIN leaves l ON l.middle = m.code
    JOIN small_count s ON s.division = m.parent_code
  WHERE e.industry_level = '中类' GROUP BY ALL
  UNION ALL
  SELECT e.framework, e.group_code, e.group_name, e.region_code, m.parent_code, 1.0 / any_value(s.n)
  FROM entries e JOIN ref.industry l ON l.code = e.industry_code JOIN ref.industry m ON m.code = l.parent_code
    JOIN small_count s ON s.division = m.parent_code
  WHERE e.industry_level = '小类' GROUP BY ALL
)
SELECT c.framework, c.group_code, c.group_name, c.region_code, c.industry_code, d.section_code, least(1.0, sum(c.weight)) AS weight
FROM covered c JOIN ref.industry d ON d.code = c.industry_code
GROUP BY ALL
