-- Policy industry frameworks and the approximate crosswalks major → occupation → industry.
-- Contract columns (framework, group_code, group_name, industry_code; weight; share) are relied on
-- by forecasts and reports: add columns freely, never rename these.
CREATE TABLE ref.framework (
  framework VARCHAR PRIMARY KEY,
  name VARCHAR NOT NULL,
  region_code VARCHAR NOT NULL,
  source_file VARCHAR NOT NULL,
  source_title VARCHAR NOT NULL,
  year INTEGER NOT NULL,
  document_number VARCHAR,
  source_note VARCHAR,
  group_count INTEGER NOT NULL
);
COMMENT ON TABLE ref.framework IS 'Policy industry frameworks (九张创新名片, 柳州5+5, 贵州十大工业产业 …), one row per framework file in datasets/reference/frameworks/.';
COMMENT ON COLUMN ref.framework.framework IS 'Framework identifier, e.g. gx_nine_cards, lz_5plus5, gz_ten_industries, gx_ten_alliances, gx_ten_communities, gx_city_clusters.';
COMMENT ON COLUMN ref.framework.name IS 'Chinese name of the framework as bureaus know it.';
COMMENT ON COLUMN ref.framework.region_code IS 'GB/T 2260 code of the issuing government (province or city).';
COMMENT ON COLUMN ref.framework.source_file IS 'Policy text the groups come from (copy in datasets/reference/frameworks/sources/).';
COMMENT ON COLUMN ref.framework.source_title IS 'Official title of the policy document.';
COMMENT ON COLUMN ref.framework.year IS 'Year the document was issued (see source_note where the text is undated).';
COMMENT ON COLUMN ref.framework.document_number IS '文号 of the document when the text gives one.';
COMMENT ON COLUMN ref.framework.source_note IS 'How year or title were established when the text is incomplete.';
COMMENT ON COLUMN ref.framework.group_count IS 'Number of groups; equals the number the text announces (9, 10 …).';

CREATE TABLE ref.framework_group (
  framework VARCHAR NOT NULL,
  group_code VARCHAR NOT NULL,
  group_name VARCHAR NOT NULL,
  group_order INTEGER NOT NULL,
  tier VARCHAR,
  city_code VARCHAR,
  industry_code VARCHAR NOT NULL,
  industry_name VARCHAR,
  industry_level VARCHAR,
  quote VARCHAR NOT NULL,
  note VARCHAR NOT NULL,
  PRIMARY KEY (framework, group_code, industry_code)
);
COMMENT ON TABLE ref.framework_group IS 'One row per framework group × GB/T 4754 code defining it. A code may be any level: match postings by prefix (digits) or via ref.industry.section_code (门类 letters).';
COMMENT ON COLUMN ref.framework_group.framework IS 'Framework the group belongs to (ref.framework.framework).';
COMMENT ON COLUMN ref.framework_group.group_code IS 'Stable identifier of the group within its framework.';
COMMENT ON COLUMN ref.framework_group.group_name IS 'Group name as the policy text words it, e.g. 新能源汽车, 柳州市汽车.';
COMMENT ON COLUMN ref.framework_group.group_order IS 'Position of the group in the text (1 = first named).';
COMMENT ON COLUMN ref.framework_group.tier IS 'Sub-list the text puts the group in (柳州5+5: 传统产业 or 新兴产业); NULL otherwise.';
COMMENT ON COLUMN ref.framework_group.city_code IS 'GB/T 2260 code of the prefecture city (市域产教联合体 only); NULL otherwise.';
COMMENT ON COLUMN ref.framework_group.industry_code IS 'GB/T 4754-2017 code (门类 letter or 2/3/4 digits) included in the group.';
COMMENT ON COLUMN ref.framework_group.industry_name IS 'Official name of industry_code, copied from the industry list for readability.';
COMMENT ON COLUMN ref.framework_group.industry_level IS '门类, 大类, 中类 or 小类 of industry_code.';
COMMENT ON COLUMN ref.framework_group.quote IS 'Phrase of the policy text that names the group, verbatim.';
COMMENT ON COLUMN ref.framework_group.note IS 'Judgements made in choosing the codes of the group (repeated on each of its rows).';

CREATE TABLE ref.framework_overlap (
  framework VARCHAR NOT NULL,
  group_a VARCHAR NOT NULL,
  group_b VARCHAR NOT NULL,
  industry_code VARCHAR NOT NULL,
  industry_name VARCHAR,
  note VARCHAR NOT NULL,
  PRIMARY KEY (framework, group_a, group_b, industry_code)
);
COMMENT ON TABLE ref.framework_overlap IS 'Declared overlaps: codes covered by two groups of the same framework. Summing groups of one framework double-counts exactly these codes.';
COMMENT ON COLUMN ref.framework_overlap.framework IS 'Framework concerned.';
COMMENT ON COLUMN ref.framework_overlap.group_a IS 'First group_code of the overlapping pair.';
COMMENT ON COLUMN ref.framework_overlap.group_b IS 'Second group_code of the overlapping pair.';
COMMENT ON COLUMN ref.framework_overlap.industry_code IS 'GB/T 4754 code both groups cover (at the more precise of the two levels).';
COMMENT ON COLUMN ref.framework_overlap.industry_name IS 'Official name of industry_code.';
COMMENT ON COLUMN ref.framework_overlap.note IS 'Why the overlap is intended and which group to count it under when summing.';

CREATE TABLE ref.crosswalk_major_occupation (
  catalog VARCHAR NOT NULL,
  major_code VARCHAR NOT NULL,
  occupation_code VARCHAR NOT NULL,
  weight DOUBLE NOT NULL,
  method VARCHAR NOT NULL,
  note VARCHAR,
  origin VARCHAR NOT NULL,
  PRIMARY KEY (catalog, major_code, occupation_code)
);
COMMENT ON TABLE ref.crosswalk_major_occupation IS 'Approximate share of a major''s graduates going to each occupation (职业); weights of a (catalog, major_code) sum to 1. First version derived from catalog structure; bureaus override it by CSV.';
COMMENT ON COLUMN ref.crosswalk_major_occupation.catalog IS 'Major catalog: 中职, 高职专科, 职业本科 or 本科 (as ref.major.catalog).';
COMMENT ON COLUMN ref.crosswalk_major_occupation.major_code IS 'Major code at level 专业 within its catalog.';
COMMENT ON COLUMN ref.crosswalk_major_occupation.occupation_code IS '职业分类大典（2022） occupation code (a 细类, or a 小类/中类 that is itself an occupation, e.g. 2-07-04-00 律师).';
COMMENT ON COLUMN ref.crosswalk_major_occupation.weight IS 'Share of the major''s graduates assumed to work in the occupation (0–1).';
COMMENT ON COLUMN ref.crosswalk_major_occupation.method IS 'How the row was obtained (e.g. name_similarity, family_fallback, override); see datasets/reference/crosswalks/README.md.';
COMMENT ON COLUMN ref.crosswalk_major_occupation.note IS 'Evidence for the row (matched words, score) or the bureau''s remark.';
COMMENT ON COLUMN ref.crosswalk_major_occupation.origin IS 'derived (shipped file) or the override file name that replaced the major''s rows.';

CREATE TABLE ref.crosswalk_occupation_industry (
  occupation_code VARCHAR NOT NULL,
  industry_code VARCHAR NOT NULL,
  share DOUBLE NOT NULL,
  method VARCHAR NOT NULL,
  note VARCHAR,
  origin VARCHAR NOT NULL,
  PRIMARY KEY (occupation_code, industry_code)
);
COMMENT ON TABLE ref.crosswalk_occupation_industry IS 'Approximate split of each occupation (职业) across GB/T 4754 industries; shares of an occupation sum to 1. First version derived from catalog structure; bureaus override it by CSV.';
COMMENT ON COLUMN ref.crosswalk_occupation_industry.occupation_code IS '职业分类大典（2022） occupation code (a 细类, or a 小类/中类 that is itself an occupation).';
COMMENT ON COLUMN ref.crosswalk_occupation_industry.industry_code IS 'GB/T 4754-2017 code (门类 letter or 2/3/4 digits).';
COMMENT ON COLUMN ref.crosswalk_occupation_industry.share IS 'Share of the occupation''s workers assumed to be in the industry (0–1).';
COMMENT ON COLUMN ref.crosswalk_occupation_industry.method IS 'How the row was obtained (e.g. name_similarity, family_fallback, override); see datasets/reference/crosswalks/README.md.';
COMMENT ON COLUMN ref.crosswalk_occupation_industry.note IS 'Evidence for the row (matched words, score) or the bureau''s remark.';
COMMENT ON COLUMN ref.crosswalk_occupation_industry.origin IS 'derived (shipped file) or the override file name that replaced the occupation''s rows.';
