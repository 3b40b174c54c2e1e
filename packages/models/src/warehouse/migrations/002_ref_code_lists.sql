-- National code lists. Contract columns (code, name, level, parent_code; catalog for majors) are
-- relied on by analysts and later packages: add columns freely, never rename these.
CREATE TABLE ref.industry (
  code VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  level VARCHAR NOT NULL,
  parent_code VARCHAR,
  section_code VARCHAR NOT NULL
);
COMMENT ON TABLE ref.industry IS 'GB/T 4754-2017 国民经济行业分类 (edition recorded in meta.reference_loads): 门类 letter, 大类 2 digits, 中类 3, 小类 4.';
COMMENT ON COLUMN ref.industry.code IS 'Industry code: letter for 门类 (A–T), 2/3/4 digits for 大类/中类/小类 (no letter prefix).';
COMMENT ON COLUMN ref.industry.name IS 'Official Chinese name.';
COMMENT ON COLUMN ref.industry.level IS '门类, 大类, 中类 or 小类.';
COMMENT ON COLUMN ref.industry.parent_code IS 'Code of the enclosing level; NULL for 门类.';
COMMENT ON COLUMN ref.industry.section_code IS 'The 门类 letter this code belongs to (equals code for a 门类).';

CREATE TABLE ref.occupation (
  code VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  level VARCHAR NOT NULL,
  parent_code VARCHAR,
  is_digital BOOLEAN NOT NULL,
  is_green BOOLEAN NOT NULL,
  definition VARCHAR
);
COMMENT ON TABLE ref.occupation IS '中华人民共和国职业分类大典（2022年版）: 大类, 中类, 小类, 细类 (职业), codes like 6-22-02-01.';
COMMENT ON COLUMN ref.occupation.code IS 'Occupation code: 1-00-00-00 (大类), 1-01-00-00 (中类), 1-01-01-00 (小类), 1-01-01-01 (细类). A 小类 code ends in -00.';
COMMENT ON COLUMN ref.occupation.name IS 'Official Chinese name, without the 2022 S/L marker suffixes.';
COMMENT ON COLUMN ref.occupation.level IS '大类, 中类, 小类 or 细类.';
COMMENT ON COLUMN ref.occupation.parent_code IS 'Code of the enclosing level; NULL for 大类.';
COMMENT ON COLUMN ref.occupation.is_digital IS 'Marked S (数字职业) in the 2022 edition.';
COMMENT ON COLUMN ref.occupation.is_green IS 'Marked L (绿色职业) in the 2022 edition.';
COMMENT ON COLUMN ref.occupation.definition IS 'Official definition (定义) where the source gives one.';

CREATE TABLE ref.region (
  code VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  level VARCHAR NOT NULL,
  parent_code VARCHAR,
  province_code VARCHAR NOT NULL
);
COMMENT ON TABLE ref.region IS 'GB/T 2260 administrative divisions: all provinces and prefectures of China; counties for Guangxi (45) and Guizhou (52).';
COMMENT ON COLUMN ref.region.code IS 'Six-digit division code (e.g. 450200 柳州市, 450202 城中区).';
COMMENT ON COLUMN ref.region.name IS 'Official Chinese name.';
COMMENT ON COLUMN ref.region.level IS '省 (province level), 市 (prefecture level) or 县 (county level).';
COMMENT ON COLUMN ref.region.parent_code IS 'Six-digit code of the enclosing division; NULL for a province.';
COMMENT ON COLUMN ref.region.province_code IS 'Six-digit code of the province (e.g. 450000).';

CREATE TABLE ref.major (
  code VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  catalog VARCHAR NOT NULL,
  level VARCHAR NOT NULL,
  parent_code VARCHAR,
  is_national_control BOOLEAN NOT NULL,
  is_special BOOLEAN NOT NULL,
  PRIMARY KEY (catalog, code)
);
COMMENT ON TABLE ref.major IS 'Majors: 职业教育专业目录（2021年） (中职, 高职专科, 职业本科) and 普通高等学校本科专业目录 (本科).';
COMMENT ON COLUMN ref.major.code IS 'Major code without the K/T suffixes (flags hold them); unique within its catalog.';
COMMENT ON COLUMN ref.major.name IS 'Official Chinese name.';
COMMENT ON COLUMN ref.major.catalog IS '中职, 高职专科, 职业本科 or 本科.';
COMMENT ON COLUMN ref.major.level IS '专业大类 (本科: 学科门类), 专业类 or 专业.';
COMMENT ON COLUMN ref.major.parent_code IS 'Code of the enclosing level in the same catalog; NULL at the top.';
COMMENT ON COLUMN ref.major.is_national_control IS 'K: 国家控制专业 (the catalog controls where it may be offered).';
COMMENT ON COLUMN ref.major.is_special IS 'T: 特设专业 (本科 only).';

CREATE TABLE ref.code_list_total (
  list_id VARCHAR NOT NULL,
  edition VARCHAR NOT NULL,
  level VARCHAR NOT NULL,
  loaded_count INTEGER NOT NULL,
  official_count INTEGER,
  note VARCHAR,
  PRIMARY KEY (list_id, level)
);
COMMENT ON TABLE ref.code_list_total IS 'Codes loaded per level of each list beside the edition''s official total, with a note wherever they differ.';
COMMENT ON COLUMN ref.code_list_total.list_id IS 'industry, occupation, region, major_zhongzhi, major_gaozhi, major_zhiben or major_benke.';
COMMENT ON COLUMN ref.code_list_total.edition IS 'Edition of the standard loaded.';
COMMENT ON COLUMN ref.code_list_total.level IS 'Level within the list (e.g. 小类).';
COMMENT ON COLUMN ref.code_list_total.loaded_count IS 'Codes of that level in ref.';
COMMENT ON COLUMN ref.code_list_total.official_count IS 'Total published for the edition; NULL where none is published (e.g. partial region coverage).';
COMMENT ON COLUMN ref.code_list_total.note IS 'Why loaded and official counts differ, if they do.';

CREATE TABLE ref.code_reconciliation (
  list_id VARCHAR NOT NULL,
  code VARCHAR NOT NULL,
  issue VARCHAR NOT NULL,
  resolution VARCHAR NOT NULL,
  evidence VARCHAR
);
COMMENT ON TABLE ref.code_reconciliation IS 'Every difference found between the source copies of a code list and the official edition, and what was loaded.';
COMMENT ON COLUMN ref.code_reconciliation.list_id IS 'Code list concerned.';
COMMENT ON COLUMN ref.code_reconciliation.code IS 'Code concerned.';
COMMENT ON COLUMN ref.code_reconciliation.issue IS 'What differs (extra code, missing code, name mismatch, level mismatch…).';
COMMENT ON COLUMN ref.code_reconciliation.resolution IS 'What the warehouse holds as a result (dropped, kept, renamed…).';
COMMENT ON COLUMN ref.code_reconciliation.evidence IS 'Which copies disagree and how the decision was made.';
