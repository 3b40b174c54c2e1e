-- materialized: view
-- comment: How much more often online postings carry a vacancy of each occupation 大类 than the public employment
--   services register one, relative to all occupations: vacancies (core.vacancy_occupation) per registered vacancy
--   of the occupations both sources cover in the latest registration years, divided by the same ratio over every
--   大类. Online boards over-represent office and professional jobs and barely reach farm work, so posting counts
--   are divided by this before they stand for openings. 1 where no occupation of the 大类 is registered.
-- column major_group: 大典 大类 (first digit of the occupation code).
-- column occupations: Occupations of the 大类 found in both sources.
-- column propensity: Relative posting propensity (1 = as often as the average occupation).
WITH last_years AS (
  SELECT DISTINCT year FROM core.registration
  QUALIFY dense_rank() OVER (ORDER BY year DESC) <= core.projection_parameter('registration_years')
),
registered AS (
  SELECT r.occupation_code, sum(r.vacancies) AS registered
  FROM core.registration r JOIN last_years USING (year)
  JOIN ref.region g ON g.code = r.region_code AND g.level = '省'
  GROUP BY ALL
),
posted AS (
  SELECT occupation_code, sum(vacancies) AS vacancies FROM core.vacancy_occupation JOIN last_years USING (year) GROUP BY ALL
),
both_sources AS (
  SELECT left(occupation_code, 1) AS major_group, p.vacancies, r.registered
  FROM registered r JOIN posted p USING (occupation_code) WHERE r.registered > 0
),
overall AS (SELECT sum(vacancies) / sum(registered) AS ratio FROM both_sources)
SELECT o.major_group, count(b.major_group) AS occupations,
  coalesce((sum(b.vacancies) / sum(b.registered)) / any_value(overall.ratio), 1.0) AS propensity
FROM ref.separation_rate o LEFT JOIN both_sources b USING (major_group), overall
GROUP BY ALL
