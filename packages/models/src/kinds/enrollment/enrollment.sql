-- materialized: incremental
-- comment: Enrollment returns: admitted, enrolled and graduating students by school, major and year; majors matched to
--  ref.major, unmatched ones kept and flagged.
-- column load_id VARCHAR NOT NULL: Load that brought the row.
-- column line BIGINT NOT NULL: Line in the source file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column school_name VARCHAR NOT NULL: 学校名称 as written.
-- column school_code VARCHAR: 学校标识码 when given.
-- column school_level VARCHAR NOT NULL: 中职, 高职专科, 职业本科, 本科 or 研究生.
-- column region_code VARCHAR: GB/T 2260 division of the school when given.
-- column major_code VARCHAR: Major code: as given, or matched by name in the catalogue of the school level.
-- column major_name VARCHAR: Major name: as given, or the catalogue name of the code.
-- column major_matched BOOLEAN NOT NULL: True when the code (or name) was found in ref.major for the school level;
--  false rows are reported, not dropped.
-- column year INTEGER NOT NULL: Statistical year.
-- column enrolled_new BIGINT: 招生数.
-- column enrolled_total BIGINT: 在校生数.
-- column graduates BIGINT: 毕业生数.
-- column school_matched BOOLEAN: True when the school code (else the name) is in core.school; NULL when no school list
--  was loaded at load time. Unmatched rows are reported, not dropped.
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, core.neutralise_formula(a.school_name) AS school_name, core.neutralise_formula(a.school_code) AS school_code, core.neutralise_formula(a.school_level) AS school_level,
  core.neutralise_formula(a.region_code) AS region_code,
  core.neutralise_formula(coalesce(a.major_code, bn.code)) AS major_code, core.neutralise_formula(coalesce(a.major_name, bc.name)) AS major_name,
  (bc.code IS NOT NULL OR bn.code IS NOT NULL) AS major_matched, a.year::INTEGER AS year, a.enrolled_new::BIGINT AS enrolled_new,
  a.enrolled_total::BIGINT AS enrolled_total, a.graduates::BIGINT AS graduates, core.school_matched(a.school_code, a.school_name) AS school_matched
FROM {{ accepted }} a
LEFT JOIN core.major_by_code bc ON bc.code = a.major_code AND bc.catalog = a.school_level
LEFT JOIN core.major_by_name bn ON bn.name = CASE WHEN a.major_code IS NULL THEN a.major_name END AND bn.catalog = a.school_level
