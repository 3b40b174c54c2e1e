-- materialized: view
-- comment: Each 学校标识码 as the latest school list holding it gives it (by the load's period, then its load): the name
--   printed wherever a school is named and the city it is placed in, from one and the same row. Schools are renamed
--   (钦州学院 is 北部湾大学 since 2018) and move while the code stays.
-- column school_code: 学校标识码.
-- column school_name: 学校名称 of that list.
-- column location: 所在地 of that list (the prefecture city).
-- column level_text: 办学层次 of that list.
-- column city_code: GB/T 2260 code of the city named by 所在地, read within the province of the 学校标识码 (its third and
--   fourth digits); NULL when no city of that province bears the name.
WITH ranked AS (
  SELECT s.school_code, s.school_name, s.location, s.level_text,
    row_number() OVER (PARTITION BY s.school_code ORDER BY coalesce(l.period, '') DESC, l.finished_at DESC NULLS LAST, s.load_id DESC, s.line) AS r
  FROM core.school s LEFT JOIN meta.loads l USING (load_id)
)
SELECT s.school_code, s.school_name, s.location, s.level_text, c.code AS city_code
FROM ranked s
LEFT JOIN ref.region c ON c.name = s.location AND c.level = '市' AND c.province_code = substr(s.school_code, 3, 2) || '0000'
WHERE s.r = 1
