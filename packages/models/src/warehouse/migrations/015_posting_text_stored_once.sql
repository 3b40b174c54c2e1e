-- Postings are stored once. A million-row board export written as text into raw.job_posting and
-- again (title, company, ids) into core.job_posting cost more than DuckDB's whole read of the file;
-- the text as mapped now sits beside its codes in core.job_posting, and raw.job_posting becomes a
-- view of that text with the same columns as before. Rows of both were always one-to-one (raw
-- holds the rows that passed validation; rejected rows live in meta.rejected_rows).

ALTER TABLE core.job_posting ADD COLUMN company_industry_text VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN company_size_text VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN location_text VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN salary_text VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN education_text VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN experience_text VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN skills VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN description VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN salary_min_monthly_raw VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN salary_max_monthly_raw VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN salary_months_raw VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN education_raw VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN experience_min_years_raw VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN experience_max_years_raw VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN headcount_raw VARCHAR;
ALTER TABLE core.job_posting ADD COLUMN posted_date_raw VARCHAR;

UPDATE core.job_posting AS c SET company_industry_text = r.company_industry_text, company_size_text = r.company_size_text, location_text = r.location_text, salary_text = r.salary_text, education_text = r.education_text, experience_text = r.experience_text, skills = r.skills, description = r.description, salary_min_monthly_raw = r.salary_min_monthly, salary_max_monthly_raw = r.salary_max_monthly, salary_months_raw = r.salary_months, education_raw = r.education, experience_min_years_raw = r.experience_min_years, experience_max_years_raw = r.experience_max_years, headcount_raw = r.headcount, posted_date_raw = r.posted_date
FROM raw.job_posting AS r WHERE r.load_id = c.load_id AND r.line = c.line;

DROP TABLE raw.job_posting;

CREATE VIEW raw.job_posting AS SELECT
  load_id,
  line,
  source,
  source_id,
  title,
  company,
  company_industry_text,
  company_size_text,
  location_text,
  salary_text,
  salary_min_monthly_raw AS salary_min_monthly,
  salary_max_monthly_raw AS salary_max_monthly,
  salary_months_raw AS salary_months,
  education_text,
  education_raw AS education,
  experience_text,
  experience_min_years_raw AS experience_min_years,
  experience_max_years_raw AS experience_max_years,
  headcount_raw AS headcount,
  skills,
  description,
  posted_date_raw AS posted_date
FROM core.job_posting;

COMMENT ON VIEW raw.job_posting IS 'Loaded job posting rows as text, one per accepted source row, before casting and coding (a view: the text is stored once, in core.job_posting).';
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
COMMENT ON COLUMN core.job_posting.company_industry_text IS 'As read: 公司行业 text as written (platform categories, sometimes polluted with funding stage).';
COMMENT ON COLUMN core.job_posting.company_size_text IS 'As read: 公司规模 text, e.g. 1000-9999人.';
COMMENT ON COLUMN core.job_posting.location_text IS 'As read: 工作地点 as written (城市-区, 北京·海淀区·中关村, 广西南宁良庆区…).';
COMMENT ON COLUMN core.job_posting.salary_text IS 'As read: 薪资 as written (12-18K·13薪, 1-1.5万/月, 150元/天, 面议).';
COMMENT ON COLUMN core.job_posting.education_text IS 'As read: 学历要求 as written.';
COMMENT ON COLUMN core.job_posting.experience_text IS 'As read: 经验要求 as written (1-3年, 经验不限, 在校/应届).';
COMMENT ON COLUMN core.job_posting.skills IS 'As read: Skills or tags, one string, separated by commas or newlines as read.';
COMMENT ON COLUMN core.job_posting.description IS 'As read: 岗位描述 / 任职要求 text.';
COMMENT ON COLUMN core.job_posting.salary_min_monthly_raw IS 'As read, before casting: Parsed lower bound, CNY per month.';
COMMENT ON COLUMN core.job_posting.salary_max_monthly_raw IS 'As read, before casting: Parsed upper bound, CNY per month.';
COMMENT ON COLUMN core.job_posting.salary_months_raw IS 'As read, before casting: 薪数 per year when stated (·13薪).';
COMMENT ON COLUMN core.job_posting.education_raw IS 'As read, before casting: Coded education requirement.';
COMMENT ON COLUMN core.job_posting.experience_min_years_raw IS 'As read, before casting: Parsed minimum years of experience.';
COMMENT ON COLUMN core.job_posting.experience_max_years_raw IS 'As read, before casting: Parsed maximum years (absent when open-ended).';
COMMENT ON COLUMN core.job_posting.headcount_raw IS 'As read, before casting: 招聘人数 when stated.';
COMMENT ON COLUMN core.job_posting.posted_date_raw IS 'As read, before casting: 发布日期 as YYYY-MM-DD.';
