-- The model layer: views and macros now come from packages/models/src/warehouse/models/ (the
-- runner records each in meta.models), and every record kind keeps its rows as read in raw and its
-- codes in core. Postings had their text in core.job_posting and raw.job_posting as a view over it;
-- the text moves to a raw.job_posting table, the codes to core.job_posting_codes, and core.job_posting
-- becomes a view joining the two, with the same rows and values as before.

CREATE TABLE meta.models (
  name VARCHAR PRIMARY KEY,
  materialized VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  checksum VARCHAR NOT NULL,
  built_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE meta.models IS 'Models of the warehouse (packages/models/src/warehouse/models and the record kinds'' core models) as last built: a changed file is rebuilt.';
COMMENT ON COLUMN meta.models.name IS 'schema.relation the model builds.';
COMMENT ON COLUMN meta.models.materialized IS 'view, table, macro or incremental (a stored table the loader fills load by load).';
COMMENT ON COLUMN meta.models.file IS 'File name of the model.';
COMMENT ON COLUMN meta.models.checksum IS 'SHA-256 of the model file when it was last applied.';
COMMENT ON COLUMN meta.models.built_at IS 'When the model was last created, replaced or rebuilt.';

DROP VIEW core.job_demand;
DROP VIEW raw.job_posting;

CREATE TABLE raw.job_posting (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR,
  source_id VARCHAR,
  title VARCHAR,
  company VARCHAR,
  company_industry_text VARCHAR,
  company_size_text VARCHAR,
  location_text VARCHAR,
  salary_text VARCHAR,
  salary_min_monthly VARCHAR,
  salary_max_monthly VARCHAR,
  salary_months VARCHAR,
  education_text VARCHAR,
  education VARCHAR,
  experience_text VARCHAR,
  experience_min_years VARCHAR,
  experience_max_years VARCHAR,
  headcount VARCHAR,
  skills VARCHAR,
  description VARCHAR,
  posted_date VARCHAR
);
INSERT INTO raw.job_posting
SELECT load_id, line, source, source_id, title, company, company_industry_text, company_size_text, location_text, salary_text,
  typed_as_read['salary_min_monthly'], typed_as_read['salary_max_monthly'], typed_as_read['salary_months'], education_text,
  typed_as_read['education'], experience_text, typed_as_read['experience_min_years'], typed_as_read['experience_max_years'],
  coalesce(typed_as_read['headcount'], CAST(headcount AS VARCHAR)), skills, description,
  coalesce(typed_as_read['posted_date'], CAST(posted_date AS VARCHAR))
FROM core.job_posting ORDER BY load_id, line;

CREATE TABLE core.job_posting_codes (
  posting_id VARCHAR GENERATED ALWAYS AS (file_key || ':' || CAST(line AS VARCHAR)) VIRTUAL,
  file_key VARCHAR NOT NULL,
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  region_code VARCHAR,
  industry_code VARCHAR,
  industry_confidence DOUBLE,
  occupation_code VARCHAR,
  occupation_confidence DOUBLE,
  salary_min_monthly DOUBLE,
  salary_max_monthly DOUBLE,
  salary_months INTEGER,
  education VARCHAR,
  experience_min_years DOUBLE,
  experience_max_years DOUBLE,
  headcount INTEGER,
  posted_date DATE,
  dedup_key UBIGINT,
  duplicate_of VARCHAR
);
INSERT INTO core.job_posting_codes (file_key, load_id, line, source, region_code, industry_code, industry_confidence, occupation_code,
  occupation_confidence, salary_min_monthly, salary_max_monthly, salary_months, education, experience_min_years, experience_max_years,
  headcount, posted_date, dedup_key, duplicate_of)
SELECT file_key, load_id, line, source, region_code, industry_code, industry_confidence, occupation_code, occupation_confidence,
  salary_min_monthly, salary_max_monthly, salary_months, education, experience_min_years, experience_max_years, headcount, posted_date,
  dedup_key, duplicate_of
FROM core.job_posting ORDER BY load_id, line;

DROP TABLE core.job_posting;

COMMENT ON TABLE raw.job_posting IS 'Loaded job posting rows as text, one per accepted source row, before casting and coding.';
COMMENT ON COLUMN raw.job_posting.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.job_posting.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.job_posting.source IS 'As read: Source id from the mapping file (e.g. bosszhipin_2022).';
COMMENT ON COLUMN raw.job_posting.source_id IS 'As read: The board''s own id or URL of the posting, when it has one.';
COMMENT ON COLUMN raw.job_posting.title IS 'As read: 职位名称 as written.';
COMMENT ON COLUMN raw.job_posting.company IS 'As read: 公司名称.';
COMMENT ON COLUMN raw.job_posting.company_industry_text IS 'As read: 公司行业 text as written (platform categories, sometimes polluted with funding stage).';
COMMENT ON COLUMN raw.job_posting.company_size_text IS 'As read: 公司规模 text, e.g. 1000-9999人.';
COMMENT ON COLUMN raw.job_posting.location_text IS 'As read: 工作地点 as written (城市-区, 北京·海淀区·中关村, 广西南宁良庆区…).';
COMMENT ON COLUMN raw.job_posting.salary_text IS 'As read: 薪资 as written (12-18K·13薪, 1-1.5万/月, 150元/天, 面议).';
COMMENT ON COLUMN raw.job_posting.salary_min_monthly IS 'As read: Parsed lower bound, CNY per month.';
COMMENT ON COLUMN raw.job_posting.salary_max_monthly IS 'As read: Parsed upper bound, CNY per month.';
COMMENT ON COLUMN raw.job_posting.salary_months IS 'As read: 薪数 per year when stated (·13薪).';
COMMENT ON COLUMN raw.job_posting.education_text IS 'As read: 学历要求 as written.';
COMMENT ON COLUMN raw.job_posting.education IS 'As read: Coded education requirement.';
COMMENT ON COLUMN raw.job_posting.experience_text IS 'As read: 经验要求 as written (1-3年, 经验不限, 在校/应届).';
COMMENT ON COLUMN raw.job_posting.experience_min_years IS 'As read: Parsed minimum years of experience.';
COMMENT ON COLUMN raw.job_posting.experience_max_years IS 'As read: Parsed maximum years (absent when open-ended).';
COMMENT ON COLUMN raw.job_posting.headcount IS 'As read: 招聘人数 when stated.';
COMMENT ON COLUMN raw.job_posting.skills IS 'As read: Skills or tags, one string, separated by commas or newlines as read.';
COMMENT ON COLUMN raw.job_posting.description IS 'As read: 岗位描述 / 任职要求 text.';
COMMENT ON COLUMN raw.job_posting.posted_date IS 'As read: 发布日期 as YYYY-MM-DD.';
