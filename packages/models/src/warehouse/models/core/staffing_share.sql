-- materialized: table
-- comment: The staffing matrix: each occupation's share of a GB/T 4754 大类's employment. Vacancies of the 大类 by
--   occupation (all posting years; core.vacancy_occupation, where those coded only to a group are spread over its
--   occupations) are turned into employment weights by the workers per vacancy of the occupation's 大典 大类
--   (core.posting_intensity) where the crosswalk places occupations of that 大典 大类 in the 大类
--   (core.occupation_division_link). Elsewhere a vacancy stands for at most the 大类's average workers per vacancy
--   (over its vacancies that are at home in it): workers per vacancy run from about 5 to over 100 (farm work is
--   barely posted) and are learned where a 大典 大类 works, so a few vacancies coded to a rarely posted 大典 大类
--   in a 大类 that employs none of it, mostly coding errors, would otherwise outweigh thousands of others. Then
--   blended with the crosswalk's occupation mix of the 大类 (staffing_prior_weight pseudo-vacancies); shares under
--   staffing_min_share are dropped. Posting-based, as METHODS.md allows where no census table exists; the same in
--   every year.
-- column industry_code: 大类 code.
-- column occupation_code: 职业分类大典 2022 code.
-- column vacancies: Vacancies of the 大类 coded to the occupation.
-- column share: Share of the 大类's employment in the occupation; the shares of a 大类 sum to 1.
-- column basis: postings (vacancies outweigh the prior), crosswalk (the prior does) .
WITH posted AS (
  SELECT division_code AS industry_code, occupation_code, sum(vacancies) AS vacancies
  FROM core.vacancy_occupation WHERE division_code IS NOT NULL GROUP BY ALL
),
home AS (SELECT DISTINCT industry_code, left(occupation_code, 1) AS major_group FROM core.occupation_division_link),
rated AS (
  SELECT p.industry_code, p.occupation_code, p.vacancies, r.workers_per_vacancy, h.major_group IS NOT NULL AS at_home
  FROM posted p
  JOIN core.posting_intensity r ON r.major_group = left(p.occupation_code, 1)
  LEFT JOIN home h ON h.industry_code = p.industry_code AND h.major_group = left(p.occupation_code, 1)
),
division_rate AS (
  SELECT industry_code, sum(vacancies * workers_per_vacancy) / sum(vacancies) AS workers_per_vacancy
  FROM rated WHERE at_home GROUP BY ALL
),
weighted AS (
  SELECT r.industry_code, r.occupation_code, r.vacancies,
    r.vacancies * CASE WHEN r.at_home THEN r.workers_per_vacancy
      ELSE least(r.workers_per_vacancy, coalesce(d.workers_per_vacancy, r.workers_per_vacancy)) END AS weight
  FROM rated r LEFT JOIN division_rate d USING (industry_code)
),
prior_sums AS (SELECT industry_code, occupation_code, sum(share) AS share FROM core.occupation_division_link GROUP BY ALL),
prior_mix AS (
  SELECT industry_code, occupation_code, share / sum(share) OVER (PARTITION BY industry_code) AS prior_share FROM prior_sums
),
divisions AS (SELECT DISTINCT industry_code FROM core.division_employment),
blended AS (
  SELECT d.industry_code, coalesce(w.occupation_code, m.occupation_code) AS occupation_code,
    coalesce(w.vacancies, 0) AS vacancies,
    coalesce(w.weight, 0) / nullif(sum(coalesce(w.weight, 0)) OVER (PARTITION BY d.industry_code), 0) AS posted_share,
    coalesce(m.prior_share, 0) AS prior_share,
    sum(coalesce(w.vacancies, 0)) OVER (PARTITION BY d.industry_code) AS division_vacancies
  FROM divisions d
  LEFT JOIN (weighted w FULL JOIN prior_mix m USING (industry_code, occupation_code)) ON coalesce(w.industry_code, m.industry_code) = d.industry_code
),
mixed AS (
  SELECT industry_code, occupation_code, vacancies, division_vacancies,
    (division_vacancies * coalesce(posted_share, 0) + core.projection_parameter('staffing_prior_weight') * prior_share)
      / (division_vacancies + core.projection_parameter('staffing_prior_weight')) AS share
  FROM blended
),
kept AS (SELECT * FROM mixed WHERE share >= core.projection_parameter('staffing_min_share'))
SELECT industry_code, occupation_code, vacancies, share / sum(share) OVER (PARTITION BY industry_code) AS share,
  CASE WHEN division_vacancies >= core.projection_parameter('staffing_prior_weight') THEN 'postings' ELSE 'crosswalk' END AS basis
FROM kept
