-- materialized: view
-- comment: Each 学校标识码 as the latest school list holding it gives it (by the load's period, then its load): the name
--   printed wherever a school is named and the city it is placed in, from one and the same row. Schools are renamed
--   (钦州学院 is 北部湾大学 since 2018) and move while the code stays.
-- column school_code: 学校标识码.
-- column school_name: 学校名称 of that list.
-- column location: 所在地 of that list (the prefecture city).
-- column level_text: 办学层次 of that list.
WITH ranked AS (
  SELECT s.school_code, s.school_name, s.location, s.level_text,
    row_number() OVER (PARTITION BY s.school_code ORDER BY coalesce(l.period, '') DESC, l.finished_at DESC NULLS LAST, s.load_id DESC, s.line) AS r
  FROM core.school s LEFT JOIN meta.loads l USING (load_id)
)
SELECT school_code, school_name, location, level_text FROM ranked WHERE r = 1
