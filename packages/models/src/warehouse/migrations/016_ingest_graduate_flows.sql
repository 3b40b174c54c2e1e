-- Destination breakdowns of working graduates (协议和合同就业 + 灵活就业 + 自主创业) as a
-- 毕业生就业质量年度报告 publishes them: by region (per school × year) and by GB/T 4754 section
-- (per school × major × year). Codes are kept as given and flagged when ref has no such code.
COMMENT ON COLUMN meta.loads.kind IS 'Record kind: job_posting, enrollment, graduate_outcome, shortage, school, graduate_region or graduate_industry.';

CREATE TABLE raw.graduate_region (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  school_name VARCHAR,
  school_code VARCHAR,
  graduation_year VARCHAR,
  region_code VARCHAR,
  region_text VARCHAR,
  employed VARCHAR
);
COMMENT ON TABLE raw.graduate_region IS 'Loaded graduate-destination-by-region rows as text, one per source row, before casting and coding.';
COMMENT ON COLUMN raw.graduate_region.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.graduate_region.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.graduate_region.school_name IS 'As read: 学校名称, when the file has it.';
COMMENT ON COLUMN raw.graduate_region.school_code IS 'As read: 学校标识码 (10 digits).';
COMMENT ON COLUMN raw.graduate_region.graduation_year IS 'As read: 毕业年份.';
COMMENT ON COLUMN raw.graduate_region.region_code IS 'As read: 就业地区代码 (GB/T 2260).';
COMMENT ON COLUMN raw.graduate_region.region_text IS 'As read: 就业地区名称.';
COMMENT ON COLUMN raw.graduate_region.employed IS 'As read: 就业人数.';

CREATE TABLE raw.graduate_industry (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  school_name VARCHAR,
  school_code VARCHAR,
  school_level VARCHAR,
  major_code VARCHAR,
  major_name VARCHAR,
  graduation_year VARCHAR,
  industry_code VARCHAR,
  industry_text VARCHAR,
  employed VARCHAR
);
COMMENT ON TABLE raw.graduate_industry IS 'Loaded graduate-destination-by-industry rows as text, one per source row, before casting and coding.';
COMMENT ON COLUMN raw.graduate_industry.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.graduate_industry.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.graduate_industry.school_name IS 'As read: 学校名称, when the file has it.';
COMMENT ON COLUMN raw.graduate_industry.school_code IS 'As read: 学校标识码 (10 digits).';
COMMENT ON COLUMN raw.graduate_industry.school_level IS 'As read: 办学层次, when the file has it.';
COMMENT ON COLUMN raw.graduate_industry.major_code IS 'As read: 专业代码 (after the mapping strips K/T suffixes).';
COMMENT ON COLUMN raw.graduate_industry.major_name IS 'As read: 专业名称.';
COMMENT ON COLUMN raw.graduate_industry.graduation_year IS 'As read: 毕业年份.';
COMMENT ON COLUMN raw.graduate_industry.industry_code IS 'As read: 行业门类代码 (GB/T 4754 section letter, or a deeper code).';
COMMENT ON COLUMN raw.graduate_industry.industry_text IS 'As read: 行业门类名称.';
COMMENT ON COLUMN raw.graduate_industry.employed IS 'As read: 就业人数.';

CREATE TABLE core.graduate_region (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  school_name VARCHAR,
  school_code VARCHAR,
  graduation_year INTEGER NOT NULL,
  region_code VARCHAR,
  region_text VARCHAR,
  region_matched BOOLEAN NOT NULL,
  province_code VARCHAR,
  employed BIGINT NOT NULL,
  school_matched BOOLEAN
);
COMMENT ON TABLE core.graduate_region IS 'Where working graduates (协议和合同就业 + 灵活就业 + 自主创业) took jobs: count per school, graduation year and GB/T 2260 division. Per school, not per major, as quality reports publish it; unmatched regions are kept and flagged.';
COMMENT ON COLUMN core.graduate_region.load_id IS 'Load that brought the row.';
COMMENT ON COLUMN core.graduate_region.line IS 'Line in the source file.';
COMMENT ON COLUMN core.graduate_region.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.graduate_region.school_name IS '学校名称 as written; when the file gives only the code, the name the loaded school list (core.school) has for it, else NULL.';
COMMENT ON COLUMN core.graduate_region.school_code IS '学校标识码 when given.';
COMMENT ON COLUMN core.graduate_region.graduation_year IS '毕业年份.';
COMMENT ON COLUMN core.graduate_region.region_code IS 'GB/T 2260 code as given; when only a name is given, the code of the one division of ref.region with that exact name (NULL when none or several).';
COMMENT ON COLUMN core.graduate_region.region_text IS '就业地区名称 as written.';
COMMENT ON COLUMN core.graduate_region.region_matched IS 'True when region_code is in ref.region; false rows (unknown or retired codes, unmatched names) are reported, not dropped.';
COMMENT ON COLUMN core.graduate_region.province_code IS 'Province of the matched division (ref.region.province_code), e.g. 450000 for work inside Guangxi; NULL when unmatched.';
COMMENT ON COLUMN core.graduate_region.employed IS '就业人数: working graduates of the school and year who work in this region.';
COMMENT ON COLUMN core.graduate_region.school_matched IS 'True when the school code (else the name) is in core.school; NULL when no school list was loaded at load time.';

CREATE TABLE core.graduate_industry (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  school_name VARCHAR,
  school_code VARCHAR,
  school_level VARCHAR,
  major_code VARCHAR,
  major_name VARCHAR,
  major_matched BOOLEAN NOT NULL,
  graduation_year INTEGER NOT NULL,
  industry_code VARCHAR,
  industry_text VARCHAR,
  industry_matched BOOLEAN NOT NULL,
  section_code VARCHAR,
  employed BIGINT NOT NULL,
  school_matched BOOLEAN
);
COMMENT ON TABLE core.graduate_industry IS 'Which industries took working graduates (协议和合同就业 + 灵活就业 + 自主创业): count per school, major, graduation year and GB/T 4754-2017 industry (usually a 门类 section). Unmatched codes are kept and flagged.';
COMMENT ON COLUMN core.graduate_industry.load_id IS 'Load that brought the row.';
COMMENT ON COLUMN core.graduate_industry.line IS 'Line in the source file.';
COMMENT ON COLUMN core.graduate_industry.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.graduate_industry.school_name IS '学校名称 as written; when the file gives only the code, the name the loaded school list (core.school) has for it, else NULL.';
COMMENT ON COLUMN core.graduate_industry.school_code IS '学校标识码 when given.';
COMMENT ON COLUMN core.graduate_industry.school_level IS '办学层次 when given.';
COMMENT ON COLUMN core.graduate_industry.major_code IS 'Major code: as given, or matched by name (as core.graduate_outcome).';
COMMENT ON COLUMN core.graduate_industry.major_name IS 'Major name: as given, or the catalogue name of the code.';
COMMENT ON COLUMN core.graduate_industry.major_matched IS 'True when the major was found in ref.major (in the catalogue of school_level when given); false rows are reported, not dropped.';
COMMENT ON COLUMN core.graduate_industry.graduation_year IS '毕业年份.';
COMMENT ON COLUMN core.graduate_industry.industry_code IS 'GB/T 4754 code as given (门类 letter or 2–4 digits); when only a name is given, the code of the coarsest ref.industry entry with that exact name (门类 before 大类; NULL when none).';
COMMENT ON COLUMN core.graduate_industry.industry_text IS '行业门类名称 as written.';
COMMENT ON COLUMN core.graduate_industry.industry_matched IS 'True when industry_code is in ref.industry at any level; false rows are reported, not dropped.';
COMMENT ON COLUMN core.graduate_industry.section_code IS 'The 门类 letter of the matched code (ref.industry.section_code), so deeper codes roll up to sections; NULL when unmatched.';
COMMENT ON COLUMN core.graduate_industry.employed IS '就业人数: working graduates of the school, major and year in this industry.';
COMMENT ON COLUMN core.graduate_industry.school_matched IS 'True when the school code (else the name) is in core.school; NULL when no school list was loaded at load time.';
