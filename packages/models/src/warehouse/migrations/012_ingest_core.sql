-- Core layer of ingest: validated rows, cast and coded against the ref code lists.
CREATE TABLE core.job_posting (
  posting_id VARCHAR NOT NULL,
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  source_id VARCHAR,
  title VARCHAR NOT NULL,
  company VARCHAR,
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
  company_norm VARCHAR,
  title_norm VARCHAR,
  dedup_key UHUGEINT,
  duplicate_of VARCHAR
);
COMMENT ON TABLE core.job_posting IS 'Job postings, one per source row, coded to region, industry, occupation, salary and education; duplicates point at the first copy.';
COMMENT ON COLUMN core.job_posting.posting_id IS 'Unique, stable id: first 16 hex digits of the file''s SHA-256, a colon and the source line (the same file always gives the same ids; unique because a file''s content is loaded once). No index: bulk loads stay fast.';
COMMENT ON COLUMN core.job_posting.load_id IS 'Load that brought the posting (meta.loads).';
COMMENT ON COLUMN core.job_posting.line IS 'Line of the posting in its file.';
COMMENT ON COLUMN core.job_posting.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.job_posting.source_id IS 'The board''s own id or URL, when given.';
COMMENT ON COLUMN core.job_posting.title IS '职位名称 as written.';
COMMENT ON COLUMN core.job_posting.company IS '公司名称 as written.';
COMMENT ON COLUMN core.job_posting.region_code IS 'GB/T 2260 code of the most precise division the location text names (ref.region); NULL when none matched.';
COMMENT ON COLUMN core.job_posting.industry_code IS 'GB/T 4754-2017 code coded from the company industry text (ref.industry); NULL when none matched.';
COMMENT ON COLUMN core.job_posting.industry_confidence IS 'Confidence of the industry coding, 0–1.';
COMMENT ON COLUMN core.job_posting.occupation_code IS '职业分类大典 2022 code coded from the title (ref.occupation); NULL when none matched.';
COMMENT ON COLUMN core.job_posting.occupation_confidence IS 'Confidence of the occupation coding, 0–1.';
COMMENT ON COLUMN core.job_posting.salary_min_monthly IS 'Lower bound of the offered pay, CNY per month (daily and yearly figures converted).';
COMMENT ON COLUMN core.job_posting.salary_max_monthly IS 'Upper bound of the offered pay, CNY per month.';
COMMENT ON COLUMN core.job_posting.salary_months IS 'Months paid per year when stated (·13薪).';
COMMENT ON COLUMN core.job_posting.education IS 'Coded education requirement: unrestricted (学历不限), junior_secondary (初中及以下), senior_secondary (高中/中专/中技), associate (大专), bachelor (本科), master (硕士) or doctorate (博士).';
COMMENT ON COLUMN core.job_posting.experience_min_years IS 'Minimum years of experience asked (0 for 应届/经验不限).';
COMMENT ON COLUMN core.job_posting.experience_max_years IS 'Maximum years of the stated range; NULL when open-ended.';
COMMENT ON COLUMN core.job_posting.headcount IS '招聘人数 when stated.';
COMMENT ON COLUMN core.job_posting.posted_date IS 'Date the posting was published (Beijing time).';
COMMENT ON COLUMN core.job_posting.company_norm IS 'Company name folded for duplicate detection (width, case, branch and legal-form suffixes removed).';
COMMENT ON COLUMN core.job_posting.title_norm IS 'Title folded for duplicate detection (width, case, recruiting decorations removed).';
COMMENT ON COLUMN core.job_posting.dedup_key IS 'MD5 (as a 128-bit number) of the normalised company, title, region (or location text) and monthly salary bounds: equal keys = the same posting seen twice. NULL when the company is unknown (too little to tell postings apart).';
COMMENT ON COLUMN core.job_posting.duplicate_of IS 'posting_id of the head posting of its duplicate cluster (same company, title and region re-posted within a window, or the same company, title, place and pay when no date rule applies); NULL for an original.';

CREATE TABLE core.enrollment (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  school_name VARCHAR NOT NULL,
  school_code VARCHAR,
  school_level VARCHAR NOT NULL,
  region_code VARCHAR,
  major_code VARCHAR,
  major_name VARCHAR,
  major_matched BOOLEAN NOT NULL,
  year INTEGER NOT NULL,
  enrolled_new BIGINT,
  enrolled_total BIGINT,
  graduates BIGINT
);
COMMENT ON TABLE core.enrollment IS 'Enrollment returns: admitted, enrolled and graduating students by school, major and year; majors matched to ref.major, unmatched ones kept and flagged.';
COMMENT ON COLUMN core.enrollment.load_id IS 'Load that brought the row.';
COMMENT ON COLUMN core.enrollment.line IS 'Line in the source file.';
COMMENT ON COLUMN core.enrollment.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.enrollment.school_name IS '学校名称 as written.';
COMMENT ON COLUMN core.enrollment.school_code IS '学校标识码 when given.';
COMMENT ON COLUMN core.enrollment.school_level IS '中职, 高职专科, 职业本科, 本科 or 研究生.';
COMMENT ON COLUMN core.enrollment.region_code IS 'GB/T 2260 division of the school when given.';
COMMENT ON COLUMN core.enrollment.major_code IS 'Major code: as given, or matched by name in the catalogue of the school level.';
COMMENT ON COLUMN core.enrollment.major_name IS 'Major name: as given, or the catalogue name of the code.';
COMMENT ON COLUMN core.enrollment.major_matched IS 'True when the code (or name) was found in ref.major for the school level; false rows are reported, not dropped.';
COMMENT ON COLUMN core.enrollment.year IS 'Statistical year.';
COMMENT ON COLUMN core.enrollment.enrolled_new IS '招生数.';
COMMENT ON COLUMN core.enrollment.enrolled_total IS '在校生数.';
COMMENT ON COLUMN core.enrollment.graduates IS '毕业生数.';

CREATE TABLE core.graduate_outcome (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  school_name VARCHAR NOT NULL,
  school_code VARCHAR,
  school_level VARCHAR,
  major_code VARCHAR,
  major_name VARCHAR,
  major_matched BOOLEAN NOT NULL,
  graduation_year INTEGER NOT NULL,
  graduates BIGINT NOT NULL,
  dest_contract BIGINT,
  dest_flexible BIGINT,
  dest_self_employed BIGINT,
  dest_further_study BIGINT,
  dest_abroad BIGINT,
  dest_military BIGINT,
  dest_unemployed BIGINT,
  destination_region_code VARCHAR,
  destination_region_text VARCHAR,
  destination_industry_code VARCHAR,
  destination_industry_text VARCHAR,
  salary_mean_monthly DOUBLE,
  salary_median_monthly DOUBLE,
  major_relevance DOUBLE,
  satisfaction DOUBLE
);
COMMENT ON TABLE core.graduate_outcome IS 'Graduate outcomes by school, major and graduation year: 毕业去向 counts, destination, salary, 专业相关度, 满意度.';
COMMENT ON COLUMN core.graduate_outcome.load_id IS 'Load that brought the row.';
COMMENT ON COLUMN core.graduate_outcome.line IS 'Line in the source file.';
COMMENT ON COLUMN core.graduate_outcome.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.graduate_outcome.school_name IS '学校名称 as written.';
COMMENT ON COLUMN core.graduate_outcome.school_code IS '学校标识码 when given.';
COMMENT ON COLUMN core.graduate_outcome.school_level IS '办学层次 when given.';
COMMENT ON COLUMN core.graduate_outcome.major_code IS 'Major code: as given, or matched by name.';
COMMENT ON COLUMN core.graduate_outcome.major_name IS 'Major name: as given, or the catalogue name of the code.';
COMMENT ON COLUMN core.graduate_outcome.major_matched IS 'True when the major was found in ref.major; false rows are reported, not dropped.';
COMMENT ON COLUMN core.graduate_outcome.graduation_year IS '毕业年份.';
COMMENT ON COLUMN core.graduate_outcome.graduates IS '毕业生数.';
COMMENT ON COLUMN core.graduate_outcome.dest_contract IS '协议和合同就业.';
COMMENT ON COLUMN core.graduate_outcome.dest_flexible IS '灵活就业.';
COMMENT ON COLUMN core.graduate_outcome.dest_self_employed IS '自主创业.';
COMMENT ON COLUMN core.graduate_outcome.dest_further_study IS '升学.';
COMMENT ON COLUMN core.graduate_outcome.dest_abroad IS '出国出境.';
COMMENT ON COLUMN core.graduate_outcome.dest_military IS '应征入伍.';
COMMENT ON COLUMN core.graduate_outcome.dest_unemployed IS '待就业.';
COMMENT ON COLUMN core.graduate_outcome.destination_region_code IS 'Destination division (GB/T 2260) when given.';
COMMENT ON COLUMN core.graduate_outcome.destination_region_text IS 'Destination region as written.';
COMMENT ON COLUMN core.graduate_outcome.destination_industry_code IS 'Destination industry (GB/T 4754) when given.';
COMMENT ON COLUMN core.graduate_outcome.destination_industry_text IS 'Destination industry as written.';
COMMENT ON COLUMN core.graduate_outcome.salary_mean_monthly IS '月均收入, CNY.';
COMMENT ON COLUMN core.graduate_outcome.salary_median_monthly IS '月收入中位数, CNY.';
COMMENT ON COLUMN core.graduate_outcome.major_relevance IS '专业相关度 (0–1).';
COMMENT ON COLUMN core.graduate_outcome.satisfaction IS '就业满意度 (0–1).';

CREATE TABLE core.shortage_entry (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  publisher VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  rank INTEGER NOT NULL,
  occupation_name VARCHAR NOT NULL,
  occupation_code VARCHAR,
  occupation_matched BOOLEAN NOT NULL,
  region_code VARCHAR,
  job_seeker_ratio DOUBLE,
  source_url VARCHAR
);
COMMENT ON TABLE core.shortage_entry IS 'Shortage-list rankings (缺工职业排行): rank, occupation matched to a 大典 code, period.';
COMMENT ON COLUMN core.shortage_entry.load_id IS 'Load that brought the row.';
COMMENT ON COLUMN core.shortage_entry.line IS 'Line in the source file.';
COMMENT ON COLUMN core.shortage_entry.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.shortage_entry.publisher IS 'Who published the ranking.';
COMMENT ON COLUMN core.shortage_entry.period IS 'Period of the ranking (2022Q1, 2022H1, 2022, 2022-03).';
COMMENT ON COLUMN core.shortage_entry.rank IS '排位 (1 = most short).';
COMMENT ON COLUMN core.shortage_entry.occupation_name IS '职业名称 as published.';
COMMENT ON COLUMN core.shortage_entry.occupation_code IS '大典 2022 code: as published, or matched by exact name in ref.occupation.';
COMMENT ON COLUMN core.shortage_entry.occupation_matched IS 'True when the code was given or the name matched ref.occupation; false rows are reported, not dropped.';
COMMENT ON COLUMN core.shortage_entry.region_code IS 'Division of the ranking (GB/T 2260); NULL for a national list.';
COMMENT ON COLUMN core.shortage_entry.job_seeker_ratio IS '求人倍率 when given.';
COMMENT ON COLUMN core.shortage_entry.source_url IS 'Where the ranking was read.';
