-- materialized: view
-- comment: Demand records: each original posting with its re-posts and cross-board copies (duplicate_of)
--   collapsed into one row, coded as the original. Count vacancies here, postings in core.job_posting.
-- column demand_id: posting_id of the original (head) posting of the record.
-- column source: Source of the original posting.
-- column title: 职位名称 of the original posting.
-- column company: 公司名称 of the original posting.
-- column region_code: GB/T 2260 code of the original posting.
-- column industry_code: GB/T 4754-2017 code of the original posting.
-- column occupation_code: 职业分类大典 2022 code of the original posting.
-- column occupation_confidence: Confidence of that occupation coding, 0–1.
-- column salary_min_monthly: Lower pay bound of the original posting, CNY per month.
-- column salary_max_monthly: Upper pay bound of the original posting, CNY per month.
-- column education: Coded education requirement of the original posting.
-- column experience_min_years: Minimum years of experience asked by the original posting.
-- column headcount: Largest 招聘人数 stated by any posting of the record (re-posts repeat the figure rather
--   than add to it); NULL when none states one.
-- column first_posted: Earliest posting date of the record.
-- column last_posted: Latest posting date of the record (a re-post keeps the vacancy open).
-- column postings: Postings collapsed into the record (1 = never re-posted or copied).
-- column sources: Sources (boards) that carried the record.
-- column posting_ids: Every posting of the record, oldest first; each leads to its raw row via
--   core.job_posting.load_id and line.
WITH members AS (
  SELECT coalesce(duplicate_of, posting_id) AS demand_id, count(*) AS postings,
    list(posting_id ORDER BY posted_date NULLS LAST, posting_id) AS posting_ids,
    list(DISTINCT source ORDER BY source) AS sources,
    min(posted_date) AS first_posted, max(posted_date) AS last_posted,
    max(headcount) AS headcount
  FROM core.job_posting_codes
  GROUP BY 1
)
SELECT m.demand_id, h.source, h.title, h.company, h.region_code, h.industry_code, h.occupation_code, h.occupation_confidence,
  h.salary_min_monthly, h.salary_max_monthly, h.education, h.experience_min_years, m.headcount,
  m.first_posted, m.last_posted, m.postings, m.sources, m.posting_ids
FROM members m JOIN core.job_posting h ON h.posting_id = m.demand_id
