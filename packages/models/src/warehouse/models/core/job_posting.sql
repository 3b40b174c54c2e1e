-- materialized: view
-- comment: Job postings, one per accepted source row: the text as read (raw.job_posting) beside the
--   codes for region, industry, occupation, pay and education (core.job_posting_codes); duplicates
--   point at the first copy. Count vacancies in core.job_demand.
-- column posting_id: Unique, stable id: file_key, a colon and the source line. The same file always gives the same ids.
-- column file_key: First 16 hex digits of the SHA-256 of the file the posting came from (meta.loads.file_sha256).
-- column load_id: Load that brought the posting (meta.loads).
-- column line: Line of the posting in its file.
-- column source: Source id (mapping file).
-- column source_id: The board's own id or URL, when given.
-- column title: 职位名称 as written (text a spreadsheet would run as a formula gets a leading apostrophe, as in every
--   text column here; raw.job_posting keeps it as read).
-- column company: 公司名称 as written.
-- column region_code: GB/T 2260 code of the most precise division the location text names (ref.region); NULL when none matched.
-- column industry_code: GB/T 4754-2017 code coded from the company industry text (ref.industry); NULL when none matched.
-- column industry_confidence: Confidence of the industry coding, 0–1.
-- column occupation_code: 职业分类大典 2022 code coded from the title (ref.occupation); NULL when none matched.
-- column occupation_confidence: Confidence of the occupation coding, 0–1.
-- column salary_min_monthly: Lower bound of the offered pay, CNY per month (daily and yearly figures converted).
-- column salary_max_monthly: Upper bound of the offered pay, CNY per month.
-- column salary_months: Months paid per year when stated (·13薪).
-- column salary_status: How the pay was read: given (numbers from the source), parsed (from the pay text), or why
--   the bounds are NULL: blank, negotiable (面议), unrecognised, inverted-range (maximum below minimum),
--   implausible (outside the monthly bounds of packages/models/src/schemas/plausibility.ts), corrupt-text, uncoded (no pay coder ran);
--   NULL for postings loaded before it was recorded.
-- column education: Coded education requirement: unrestricted (学历不限), junior_secondary (初中及以下),
--   senior_secondary (高中/中专/中技), associate (大专), bachelor (本科), master (硕士) or doctorate (博士).
-- column experience_min_years: Minimum years of experience asked (0 for 应届/经验不限).
-- column experience_max_years: Maximum years of the stated range; NULL when open-ended.
-- column headcount: 招聘人数 when stated.
-- column posted_date: Date the posting was published (Beijing time).
-- column dedup_key: Duplicate key (packages/ingest/src/dedupe/): a 64-bit hash of the company key, the title
--   key, the prefecture and the monthly pay to the nearest 100 yuan. NULL when company, title or region is
--   unknown: such postings are never marked duplicates.
-- column duplicate_of: posting_id of the head posting of its duplicate cluster (the same dedup_key, each posting
--   at most 60 days after the previous one, across loads and boards); NULL for an original.
-- column company_industry_text: As read: 公司行业 text (platform categories, sometimes polluted with funding stage).
-- column company_size_text: As read: 公司规模 text, e.g. 1000-9999人.
-- column location_text: As read: 工作地点 (城市-区, 北京·海淀区·中关村, 广西南宁良庆区…).
-- column salary_text: As read: 薪资 (12-18K·13薪, 1-1.5万/月, 150元/天, 面议).
-- column education_text: As read: 学历要求.
-- column experience_text: As read: 经验要求 (1-3年, 经验不限, 在校/应届).
-- column skills: As read: skills or tags, one string, separated by commas or newlines as read.
-- column description: As read: 岗位描述 / 任职要求 text.
-- column extra: Source columns the mapping's keep list stores, by header name (raw.job_posting.extra); NULL when none.
SELECT c.posting_id, c.file_key, c.load_id, c.line, c.source, core.neutralise_formula(r.source_id) AS source_id, core.neutralise_formula(r.title) AS title,
  core.neutralise_formula(r.company) AS company, c.region_code, c.industry_code, c.industry_confidence, c.occupation_code, c.occupation_confidence,
  c.salary_min_monthly, c.salary_max_monthly, c.salary_months, c.salary_status, c.education, c.experience_min_years,
  c.experience_max_years, c.headcount, c.posted_date, c.dedup_key, c.duplicate_of,
  core.neutralise_formula(r.company_industry_text) AS company_industry_text, core.neutralise_formula(r.company_size_text) AS company_size_text,
  core.neutralise_formula(r.location_text) AS location_text, core.neutralise_formula(r.salary_text) AS salary_text, core.neutralise_formula(r.education_text) AS education_text,
  core.neutralise_formula(r.experience_text) AS experience_text, core.neutralise_formula(r.skills) AS skills, core.neutralise_formula(r.description) AS description, r.extra
FROM core.job_posting_codes c
JOIN raw.job_posting r ON r.load_id = c.load_id AND r.line = c.line
