-- materialized: view
-- comment: Each 学校标识码's name in the latest school list that holds it, filled in where a file gives only the code
--   and printed wherever a school is named: schools are renamed (钦州学院 is 北部湾大学 since 2018) while the code stays.
-- column school_code: 学校标识码.
-- column school_name: 学校名称 of the latest list (by the load's period, then its load) holding the code.
SELECT s.school_code, arg_max(s.school_name, (coalesce(l.period, ''), l.finished_at, s.school_name)) AS school_name
FROM core.school s LEFT JOIN meta.loads l USING (load_id)
GROUP BY s.school_code
