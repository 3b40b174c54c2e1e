-- materialized: view
-- comment: The crosswalk's occupation → industry links (ref.crosswalk_occupation_industry) at the GB/T 4754 大类: a link
--   to a 门类 is spread evenly over its 大类, a link to a 大类 or a finer code belongs to that 大类. Where the crosswalk
--   places each occupation: the staffing matrix's prior mix, and the divisions in which a 大典 大类's workers per vacancy
--   hold (core.posting_intensity).
-- column occupation_code: 职业分类大典 2022 code.
-- column industry_code: GB/T 4754 大类 code.
-- column share: The link's weight, a 门类 link's divided among its 大类.
SELECT c.occupation_code, d.code AS industry_code, c.share / count(*) OVER (PARTITION BY c.occupation_code, c.industry_code) AS share
FROM ref.crosswalk_occupation_industry c
JOIN ref.industry d ON d.level = '大类' AND (d.code = left(c.industry_code, 2) OR d.parent_code = c.industry_code)
