-- materialized: incremental
-- comment: Which industries took working graduates (协议和合同就业 + 灵活就业 + 自主创业): count per school, major, graduation year
--  and GB/T 4754-2017 industry (usually a 门类 section). Unmatched codes are kept and flagged.
-- column load_id VARCHAR NOT NULL: Load that brought the row.
-- column line BIGINT NOT NULL: Line in the source file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column school_name VARCHAR: 学校名称 as written; when the file gives only the code, the name the loaded school list
--  (core.school) has for it, else NULL.
-- column school_code VARCHAR: 学校标识码 when given.
-- column school_level VARCHAR: 办学层次 when given.
-- column major_code VARCHAR: Major code: as given, or matched by name (as core.graduate_outcome).
-- column major_name VARCHAR: Major name: as given, or the catalogue name of the code.
-- column major_matched BOOLEAN NOT NULL: True when the major was found in ref.major (in the catalogue of school_level
--  when given); false rows are reported, not dropped.
-- column graduation_year INTEGER NOT NULL: 毕业年份.
-- column industry_code VARCHAR: GB/T 4754 code as given (门类 letter or 2–4 digits); when only a name is given, the code
--  of the coarsest ref.industry entry with that exact name (门类 before 大类; NULL when none).
-- column industry_text VARCHAR: 行业门类名称 as written.
-- column industry_matched BOOLEAN NOT NULL: True when industry_code is in ref.industry at any level; false rows are
--  reported, not dropped.
-- column section_code VARCHAR: The 门类 letter of the matched code (ref.industry.section_code), so deeper codes roll up
--  to sections; NULL when unmatched.
-- column employed BIGINT NOT NULL: 就业人数: working graduates of the school, major and year in this industry.
-- column school_matched BOOLEAN: True when the school code (else the name) is in core.school; NULL when no school list
--  was loaded at load time.
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, core.neutralise_formula(coalesce(a.school_name, sn.school_name)) AS school_name,
  core.neutralise_formula(a.school_code) AS school_code, core.neutralise_formula(a.school_level) AS school_level, core.neutralise_formula(coalesce(a.major_code, bn.code)) AS major_code,
  core.neutralise_formula(coalesce(a.major_name, bc.name)) AS major_name,
  (bc.code IS NOT NULL OR bn.code IS NOT NULL) AS major_matched, a.graduation_year::INTEGER AS graduation_year,
  core.neutralise_formula(coalesce(a.industry_code, inn.code)) AS industry_code,
  core.neutralise_formula(a.industry_text) AS industry_text, i.code IS NOT NULL AS industry_matched, i.section_code,
  a.employed::BIGINT AS employed, core.school_matched(a.school_code, a.school_name) AS school_matched
FROM {{ accepted }} a
LEFT JOIN core.major_by_code bc ON bc.code = a.major_code AND (a.school_level IS NULL OR bc.catalog = a.school_level)
LEFT JOIN core.major_by_name bn ON bn.name = CASE WHEN a.major_code IS NULL THEN a.major_name END AND bn.catalog IS NOT DISTINCT FROM a.school_level
LEFT JOIN core.industry_by_name inn ON inn.name = CASE WHEN a.industry_code IS NULL THEN a.industry_text END
LEFT JOIN ref.industry i ON i.code = coalesce(a.industry_code, inn.code)
LEFT JOIN core.school_name_by_code sn ON sn.school_code = CASE WHEN a.school_name IS NULL THEN a.school_code END
