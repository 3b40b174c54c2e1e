-- Raw layer of ingest: rows that passed validation, as text exactly as mapped from the source
-- (after decoding, column mapping and the mapping file's transforms), with their load and line.

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
COMMENT ON TABLE raw.job_posting IS 'Loaded job posting rows as text, one per source row, before casting and coding.';
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

CREATE TABLE raw.enrollment (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  school_name VARCHAR,
  school_code VARCHAR,
  school_level VARCHAR,
  region_code VARCHAR,
  major_code VARCHAR,
  major_name VARCHAR,
  year VARCHAR,
  enrolled_new VARCHAR,
  enrolled_total VARCHAR,
  graduates VARCHAR
);
COMMENT ON TABLE raw.enrollment IS 'Loaded enrollment rows as text, one per source row, before casting and coding.';
COMMENT ON COLUMN raw.enrollment.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.enrollment.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.enrollment.school_name IS 'As read: 学校名称 as written by the school (matched to the HEI list later).';
COMMENT ON COLUMN raw.enrollment.school_code IS 'As read: 学校标识码 (10 digits, MOE list) when the return gives it.';
COMMENT ON COLUMN raw.enrollment.school_level IS 'As read: 办学层次 of this row: 中职, 高职专科, 职业本科, 本科 or 研究生.';
COMMENT ON COLUMN raw.enrollment.region_code IS 'As read: Division the school sits in (GB/T 2260), when given.';
COMMENT ON COLUMN raw.enrollment.major_code IS 'As read: 专业代码 from the catalogue of the school level (K/T suffixes stripped).';
COMMENT ON COLUMN raw.enrollment.major_name IS 'As read: 专业名称 as written; matched to ref.major when the code is missing.';
COMMENT ON COLUMN raw.enrollment.year IS 'As read: Statistical year (学年 start year, e.g. 2024 for 2024–2025).';
COMMENT ON COLUMN raw.enrollment.enrolled_new IS 'As read: 招生数: students admitted this year.';
COMMENT ON COLUMN raw.enrollment.enrolled_total IS 'As read: 在校生数: students on the roll at the count date.';
COMMENT ON COLUMN raw.enrollment.graduates IS 'As read: 毕业生数: students who graduated this year.';

CREATE TABLE raw.graduate_outcome (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  school_name VARCHAR,
  school_code VARCHAR,
  school_level VARCHAR,
  major_code VARCHAR,
  major_name VARCHAR,
  graduation_year VARCHAR,
  graduates VARCHAR,
  dest_contract VARCHAR,
  dest_flexible VARCHAR,
  dest_self_employed VARCHAR,
  dest_further_study VARCHAR,
  dest_abroad VARCHAR,
  dest_military VARCHAR,
  dest_unemployed VARCHAR,
  destination_region_code VARCHAR,
  destination_region_text VARCHAR,
  destination_industry_code VARCHAR,
  destination_industry_text VARCHAR,
  salary_mean_monthly VARCHAR,
  salary_median_monthly VARCHAR,
  major_relevance VARCHAR,
  satisfaction VARCHAR
);
COMMENT ON TABLE raw.graduate_outcome IS 'Loaded graduate outcome rows as text, one per source row, before casting and coding.';
COMMENT ON COLUMN raw.graduate_outcome.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.graduate_outcome.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.graduate_outcome.school_name IS 'As read: 学校名称 as written.';
COMMENT ON COLUMN raw.graduate_outcome.school_code IS 'As read: 学校标识码 (10 digits) when given.';
COMMENT ON COLUMN raw.graduate_outcome.school_level IS 'As read: 办学层次 of the graduates.';
COMMENT ON COLUMN raw.graduate_outcome.major_code IS 'As read: 专业代码 (K/T suffixes stripped).';
COMMENT ON COLUMN raw.graduate_outcome.major_name IS 'As read: 专业名称 as written.';
COMMENT ON COLUMN raw.graduate_outcome.graduation_year IS 'As read: 毕业年份.';
COMMENT ON COLUMN raw.graduate_outcome.graduates IS 'As read: 毕业生数: all graduates of the cohort.';
COMMENT ON COLUMN raw.graduate_outcome.dest_contract IS 'As read: 协议和合同就业: graduates employed under an agreement or contract.';
COMMENT ON COLUMN raw.graduate_outcome.dest_flexible IS 'As read: 灵活就业: flexible employment.';
COMMENT ON COLUMN raw.graduate_outcome.dest_self_employed IS 'As read: 自主创业: started a business.';
COMMENT ON COLUMN raw.graduate_outcome.dest_further_study IS 'As read: 升学: went on to further study in China.';
COMMENT ON COLUMN raw.graduate_outcome.dest_abroad IS 'As read: 出国出境: study or work abroad.';
COMMENT ON COLUMN raw.graduate_outcome.dest_military IS 'As read: 应征入伍: enlisted.';
COMMENT ON COLUMN raw.graduate_outcome.dest_unemployed IS 'As read: 待就业: not yet placed.';
COMMENT ON COLUMN raw.graduate_outcome.destination_region_code IS 'As read: Main destination division (GB/T 2260) when the row is split by destination.';
COMMENT ON COLUMN raw.graduate_outcome.destination_region_text IS 'As read: Destination region as written, kept when no code matches.';
COMMENT ON COLUMN raw.graduate_outcome.destination_industry_code IS 'As read: Destination industry (GB/T 4754) when the row is split by industry.';
COMMENT ON COLUMN raw.graduate_outcome.destination_industry_text IS 'As read: Destination industry as written.';
COMMENT ON COLUMN raw.graduate_outcome.salary_mean_monthly IS 'As read: 月均收入: mean monthly salary of employed graduates, CNY.';
COMMENT ON COLUMN raw.graduate_outcome.salary_median_monthly IS 'As read: 月收入中位数: median monthly salary, CNY.';
COMMENT ON COLUMN raw.graduate_outcome.major_relevance IS 'As read: 专业相关度: share of employed graduates whose job matches the major (0–1).';
COMMENT ON COLUMN raw.graduate_outcome.satisfaction IS 'As read: 就业满意度: share satisfied with their job (0–1).';

CREATE TABLE raw.shortage (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  publisher VARCHAR,
  period VARCHAR,
  rank VARCHAR,
  occupation_name VARCHAR,
  occupation_code VARCHAR,
  region_code VARCHAR,
  job_seeker_ratio VARCHAR,
  source_url VARCHAR
);
COMMENT ON TABLE raw.shortage IS 'Loaded shortage rows as text, one per source row, before casting and coding.';
COMMENT ON COLUMN raw.shortage.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.shortage.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.shortage.publisher IS 'As read: Who published the ranking (e.g. 人力资源和社会保障部, a provincial 人社厅).';
COMMENT ON COLUMN raw.shortage.period IS 'As read: Period the ranking covers (2022Q1, 2022H1, 2022 or 2022-03).';
COMMENT ON COLUMN raw.shortage.rank IS 'As read: 排位: 1 = most short.';
COMMENT ON COLUMN raw.shortage.occupation_name IS 'As read: 职业名称 as published.';
COMMENT ON COLUMN raw.shortage.occupation_code IS 'As read: 职业代码 (大典 2022) as published or matched by name.';
COMMENT ON COLUMN raw.shortage.region_code IS 'As read: Division the ranking is for (GB/T 2260); absent for a national list.';
COMMENT ON COLUMN raw.shortage.job_seeker_ratio IS 'As read: 求人倍率: vacancies per job seeker, when given.';
COMMENT ON COLUMN raw.shortage.source_url IS 'As read: Where the ranking was read.';
