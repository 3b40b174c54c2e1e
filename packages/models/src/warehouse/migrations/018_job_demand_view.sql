-- One row per demand record: a posting and every re-post or cross-board copy marked duplicate_of it
-- collapse into the vacancy they advertise, coded as the head posting, with links to each posting
-- (and through load_id and line to its raw row). Demand counts start here, not from postings.
CREATE VIEW core.job_demand AS
WITH members AS (
  SELECT coalesce(duplicate_of, posting_id) AS demand_id, count(*) AS postings,
    list(posting_id ORDER BY posted_date NULLS LAST, posting_id) AS posting_ids,
    list(DISTINCT source ORDER BY source) AS sources,
    min(posted_date) AS first_posted, max(posted_date) AS last_posted,
    max(headcount) AS headcount
  FROM core.job_posting
  GROUP BY 1
)
SELECT m.demand_id, h.source, h.title, h.company, h.region_code, h.industry_code, h.occupation_code, h.occupation_confidence,
  h.salary_min_monthly, h.salary_max_monthly, h.education, h.experience_min_years, m.headcount,
  m.first_posted, m.last_posted, m.postings, m.sources, m.posting_ids
FROM members m JOIN core.job_posting h ON h.posting_id = m.demand_id;

COMMENT ON VIEW core.job_demand IS 'Demand records: each original posting with its re-posts and cross-board copies (duplicate_of) collapsed into one row, coded as the original. Count vacancies here, postings in core.job_posting.';
COMMENT ON COLUMN core.job_demand.demand_id IS 'posting_id of the original (head) posting of the record.';
COMMENT ON COLUMN core.job_demand.source IS 'Source of the original posting.';
COMMENT ON COLUMN core.job_demand.title IS '职位名称 of the original posting.';
COMMENT ON COLUMN core.job_demand.company IS '公司名称 of the original posting.';
COMMENT ON COLUMN core.job_demand.region_code IS 'GB/T 2260 code of the original posting.';
COMMENT ON COLUMN core.job_demand.industry_code IS 'GB/T 4754-2017 code of the original posting.';
COMMENT ON COLUMN core.job_demand.occupation_code IS '职业分类大典 2022 code of the original posting.';
COMMENT ON COLUMN core.job_demand.occupation_confidence IS 'Confidence of that occupation coding, 0–1.';
COMMENT ON COLUMN core.job_demand.salary_min_monthly IS 'Lower pay bound of the original posting, CNY per month.';
COMMENT ON COLUMN core.job_demand.salary_max_monthly IS 'Upper pay bound of the original posting, CNY per month.';
COMMENT ON COLUMN core.job_demand.education IS 'Coded education requirement of the original posting.';
COMMENT ON COLUMN core.job_demand.experience_min_years IS 'Minimum years of experience asked by the original posting.';
COMMENT ON COLUMN core.job_demand.headcount IS 'Largest 招聘人数 stated by any posting of the record (re-posts repeat the figure rather than add to it); NULL when none states one.';
COMMENT ON COLUMN core.job_demand.first_posted IS 'Earliest posting date of the record.';
COMMENT ON COLUMN core.job_demand.last_posted IS 'Latest posting date of the record (a re-post keeps the vacancy open).';
COMMENT ON COLUMN core.job_demand.postings IS 'Postings collapsed into the record (1 = never re-posted or copied).';
COMMENT ON COLUMN core.job_demand.sources IS 'Sources (boards) that carried the record.';
COMMENT ON COLUMN core.job_demand.posting_ids IS 'Every posting of the record, oldest first; each leads to its raw row via core.job_posting.load_id and line.';

COMMENT ON COLUMN core.job_posting.duplicate_of IS 'posting_id of the head posting of its duplicate cluster: the same company and title in the same prefecture (first four digits of region_code) at the same monthly pay (to the nearest 100 yuan), each posting at most 60 days after the previous one, across loads and boards (or, without the normalisers, the same company, title, place and pay); NULL for an original. core.job_demand collapses each cluster into one row.';
