-- materialized: incremental
-- comment: Where working graduates (协议和合同就业 + 灵活就业 + 自主创业) took jobs: count per school, graduation year and GB/T 2260
--  division. Per school, not per major, as quality reports publish it; unmatched regions are kept and flagged.
-- column load_id VARCHAR NOT NULL: Load that brought the row.
-- column line BIGINT NOT NULL: Line in the source file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column school_name VARCHAR: 学校名称 as written; when the file gives only the code, the name the loaded school list
--  (core.school) has for it, else NULL.
-- column school_code VARCHAR: 学校标识码 when given.
-- column graduation_year INTEGER NOT NULL: 毕业年份.
-- column region_code VARCHAR: GB/T 2260 code as given; when only a name is given, the code of the one division of
--  ref.region with that exact name (NULL when none or several).
-- column region_text VARCHAR: 就业地区名称 as written.
-- column region_matched BOOLEAN NOT NULL: True when region_code is in ref.region; false rows (unknown or retired codes,
--  unmatched names) are reported, not dropped.
-- column province_code VARCHAR: Province of the matched division (ref.region.province_code), e.g. 450000 for work
--  inside Guangxi; NULL when unmatched.
-- column employed BIGINT NOT NULL: 就业人数: working graduates of the school and year who work in this region.
-- column school_matched BOOLEAN: True when the school code (else the name) is in core.school; NULL when no school list
--  was loaded at load time.
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, core.neutralise_formula(coalesce(a.school_name, sn.school_name)) AS school_name,
  core.neutralise_formula(a.school_code) AS school_code,
  a.graduation_year::INTEGER AS graduation_year, core.neutralise_formula(coalesce(a.region_code, rn.code)) AS region_code,
  core.neutralise_formula(a.region_text) AS region_text,
  r.code IS NOT NULL AS region_matched, r.province_code, a.employed::BIGINT AS employed,
  core.school_matched(a.school_code, a.school_name) AS school_matched
FROM {{ accepted }} a
LEFT JOIN core.region_by_name rn ON rn.name = CASE WHEN a.region_code IS NULL THEN a.region_text END
LEFT JOIN ref.region r ON r.code = coalesce(a.region_code, rn.code)
LEFT JOIN core.school_name_by_code sn ON sn.school_code = CASE WHEN a.school_name IS NULL THEN a.school_code END
