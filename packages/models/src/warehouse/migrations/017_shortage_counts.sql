-- The quarterly 最缺工 tables of the public employment services also give the registered vacancies,
-- job seekers, their difference and last period's rank: the figures a 紧缺型职业目录 is ranked by.
ALTER TABLE raw.shortage ADD COLUMN vacancies VARCHAR;
ALTER TABLE raw.shortage ADD COLUMN job_seekers VARCHAR;
ALTER TABLE raw.shortage ADD COLUMN shortfall VARCHAR;
ALTER TABLE raw.shortage ADD COLUMN previous_rank VARCHAR;
ALTER TABLE core.shortage_entry ADD COLUMN vacancies BIGINT;
ALTER TABLE core.shortage_entry ADD COLUMN job_seekers BIGINT;
ALTER TABLE core.shortage_entry ADD COLUMN shortfall BIGINT;
ALTER TABLE core.shortage_entry ADD COLUMN previous_rank INTEGER;

COMMENT ON COLUMN raw.shortage.vacancies IS 'As read: 招聘需求人数.';
COMMENT ON COLUMN raw.shortage.job_seekers IS 'As read: 求职人数.';
COMMENT ON COLUMN raw.shortage.shortfall IS 'As read: 缺口数.';
COMMENT ON COLUMN raw.shortage.previous_rank IS 'As read: 上期排名.';
COMMENT ON COLUMN core.shortage_entry.vacancies IS '招聘需求人数: vacancies registered in the period; NULL when the ranking does not give it (e.g. the national top-10 news excerpts).';
COMMENT ON COLUMN core.shortage_entry.job_seekers IS '求职人数: job seekers registered in the period; NULL when not given.';
COMMENT ON COLUMN core.shortage_entry.shortfall IS '缺口数 = vacancies − job seekers (checked when all three are given); NULL when not given.';
COMMENT ON COLUMN core.shortage_entry.previous_rank IS '上期排名: rank in the previous period; NULL when the occupation was not ranked then or the table does not say.';
