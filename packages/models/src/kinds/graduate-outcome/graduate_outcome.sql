-- materialized: incremental
-- comment: Graduate outcomes by school, major and graduation year: 毕业去向 counts, destination, salary, 专业相关度, 满意度.
-- column load_id VARCHAR NOT NULL: Load that brought the row.
-- column line BIGINT NOT NULL: Line in the source file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column school_name VARCHAR NOT NULL: 学校名称 as written.
-- column school_code VARCHAR: 学校标识码 when given.
-- column school_level VARCHAR: 办学层次 when given.
-- column major_code VARCHAR: Major code: as given, or matched by name.
-- column major_name VARCHAR: Major name: as given, or the catalogue name of the code.
-- column major_matched BOOLEAN NOT NULL: True when the major was found in ref.major; false rows are reported, not
--  dropped.
-- column graduation_year INTEGER NOT NULL: 毕业年份.
-- column graduates BIGINT NOT NULL: 毕业生数.
-- column dest_contract BIGINT: 协议和合同就业.
-- column dest_flexible BIGINT: 灵活就业.
-- column dest_self_employed BIGINT: 自主创业.
-- column dest_further_study BIGINT: 升学.
-- column dest_abroad BIGINT: 出国出境.
-- column dest_military BIGINT: 应征入伍.
-- column dest_unemployed BIGINT: 待就业.
-- column destination_region_code VARCHAR: Destination division (GB/T 2260) when given.
-- column destination_region_text VARCHAR: Destination region as written.
-- column destination_industry_code VARCHAR: Destination industry (GB/T 4754) when given.
-- column destination_industry_text VARCHAR: Destination industry as written.
-- column salary_mean_monthly DOUBLE: 月均收入, CNY.
-- column salary_median_monthly DOUBLE: 月收入中位数, CNY.
-- column major_relevance DOUBLE: 专业相关度 (0–1).
-- column satisfaction DOUBLE: 就业满意度 (0–1).
-- column school_matched BOOLEAN: True when the school code (else the name) is in core.school; NULL when no school list
--  was loaded at load time.
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, core.neutralise_formula(a.school_name) AS school_name, core.neutralise_formula(a.school_code) AS school_code,
  core.neutralise_formula(a.school_level) AS school_level,
  core.neutralise_formula(coalesce(a.major_code, bn.code)) AS major_code, core.neutralise_formula(coalesce(a.major_name, bc.name)) AS major_name,
  (bc.code IS NOT NULL OR bn.code IS NOT NULL) AS major_matched, a.graduation_year::INTEGER AS graduation_year, a.graduates::BIGINT AS graduates,
  a.dest_contract::BIGINT AS dest_contract, a.dest_flexible::BIGINT AS dest_flexible, a.dest_self_employed::BIGINT AS dest_self_employed,
  a.dest_further_study::BIGINT AS dest_further_study, a.dest_abroad::BIGINT AS dest_abroad, a.dest_military::BIGINT AS dest_military,
  a.dest_unemployed::BIGINT AS dest_unemployed, core.neutralise_formula(a.destination_region_code) AS destination_region_code,
  core.neutralise_formula(a.destination_region_text) AS destination_region_text, core.neutralise_formula(a.destination_industry_code) AS destination_industry_code,
  core.neutralise_formula(a.destination_industry_text) AS destination_industry_text, a.salary_mean_monthly, a.salary_median_monthly, a.major_relevance, a.satisfaction,
  core.school_matched(a.school_code, a.school_name) AS school_matched
FROM {{ accepted }} a
LEFT JOIN core.major_by_code bc ON bc.code = a.major_code AND (a.school_level IS NULL OR bc.catalog = a.school_level)
LEFT JOIN core.major_by_name bn ON bn.name = CASE WHEN a.major_code IS NULL THEN a.major_name END AND bn.catalog IS NOT DISTINCT FROM a.school_level
