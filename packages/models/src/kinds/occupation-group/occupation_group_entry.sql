-- materialized: incremental
-- comment: Registrations by occupation group (按职业分组的供求人数) of the public employment services: vacancies and job
--   seekers per 大典 大类 and period, with the table's 无要求 (seekers naming no occupation) and 合计 rows kept and marked.
-- column load_id VARCHAR NOT NULL: Load that brought the row.
-- column line BIGINT NOT NULL: Line in the source file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column publisher VARCHAR NOT NULL: Who published the table.
-- column period VARCHAR NOT NULL: Period of the table (2025Q4, 2025H1, 2025, 2025-03).
-- column group_name VARCHAR NOT NULL: 职业类别 as printed.
-- column group_code VARCHAR: 大典 2022 大类 code: as given (or mapped by the source's mapping), else the 大类 whose name
--   the printed one is, ignoring 、 and spaces; NULL for 无要求, 合计 and unknown names.
-- column row_kind VARCHAR NOT NULL: group (a 大类), no_preference (无要求: job seekers naming no occupation), total (合计)
--   or unknown (a name that is none of these: reported, not dropped).
-- column region_code VARCHAR: Division of the table (GB/T 2260).
-- column vacancies BIGINT: 需求人数; NULL where the table prints none (无要求).
-- column job_seekers BIGINT: 求职人数.
-- column job_seeker_ratio DOUBLE: 求人倍率 as printed.
-- column source_url VARCHAR: Where the table was read.
WITH a AS (SELECT *, regexp_replace(group_name, '[\s\x{3000}、]', '', 'g') AS bare_name FROM {{ accepted }}),
major_names AS (SELECT regexp_replace(name, '[\s\x{3000}、]', '', 'g') AS bare_name, code FROM ref.occupation WHERE level = '大类')
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, core.neutralise_formula(a.publisher) AS publisher,
  core.neutralise_formula(a.period) AS period, core.neutralise_formula(a.group_name) AS group_name,
  core.neutralise_formula(coalesce(a.group_code, m.code)) AS group_code,
  CASE WHEN coalesce(a.group_code, m.code) IS NOT NULL THEN 'group' WHEN a.bare_name = '无要求' THEN 'no_preference'
    WHEN a.bare_name IN ('合计', '总计') THEN 'total' ELSE 'unknown' END AS row_kind,
  core.neutralise_formula(a.region_code) AS region_code, a.vacancies::BIGINT AS vacancies, a.job_seekers::BIGINT AS job_seekers,
  a.job_seeker_ratio, core.neutralise_formula(a.source_url) AS source_url
FROM a LEFT JOIN major_names m ON m.bare_name = CASE WHEN a.group_code IS NULL THEN a.bare_name END
