-- materialized: table
-- comment: How an occupation's openings split over the education levels of the projections: the education its
--   vacancies ask for (学历要求, mapped by ref.education_level; core.vacancy_occupation, so that vacancies coded only
--   to a group, 普工 and the like, count for the occupations they are spread over), shrunk towards the mix of its 大典 大类
--   (education_prior_weight pseudo-vacancies). Vacancies open to anyone (学历不限) count as secondary, the lowest
--   level schools supply. Occupations without vacancies take their 大类's mix.
-- column occupation_code: 职业分类大典 2022 code (every occupation of core.staffing_share).
-- column education_level: secondary, associate, bachelor or postgraduate.
-- column vacancies: The occupation's vacancies asking for the level (a group's spread in fractions).
-- column share: Share of the occupation's openings at the level; an occupation's shares sum to 1.
WITH levels AS (SELECT DISTINCT education_level FROM ref.education_level),
stated AS (
  SELECT occupation_code, major_group, education_level, sum(vacancies) AS vacancies
  FROM core.vacancy_occupation WHERE education_level IS NOT NULL GROUP BY ALL
),
group_counts AS (
  SELECT g.major_group, l.education_level, coalesce(sum(s.vacancies), 0) + 1 AS vacancies
  FROM (SELECT DISTINCT major_group FROM ref.separation_rate) g CROSS JOIN levels l
  LEFT JOIN stated s ON s.major_group = g.major_group AND s.education_level = l.education_level
  GROUP BY ALL
),
group_mix AS (
  SELECT major_group, education_level, vacancies / sum(vacancies) OVER (PARTITION BY major_group) AS share FROM group_counts
),
occupations AS (SELECT DISTINCT occupation_code, left(occupation_code, 1) AS major_group FROM core.staffing_share),
counted AS (
  SELECT o.occupation_code, g.education_level, g.share AS prior, coalesce(s.vacancies, 0) AS vacancies
  FROM occupations o JOIN group_mix g USING (major_group)
  LEFT JOIN stated s ON s.occupation_code = o.occupation_code AND s.education_level = g.education_level
)
SELECT occupation_code, education_level, vacancies,
  (vacancies + core.projection_parameter('education_prior_weight') * prior)
    / (sum(vacancies) OVER (PARTITION BY occupation_code) + core.projection_parameter('education_prior_weight')) AS share
FROM counted
