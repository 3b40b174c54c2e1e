-- materialized: table
-- comment: Workers per vacancy of each occupation 大类 (大典), what the staffing matrix turns a vacancy into. Boards reach
--   occupations unequally (farm work barely) and openings per worker differ by 大类, so one posted vacancy stands for a
--   different number of workers in each. Fitted so that the vacancies of each GB/T 4754 门类, weighted by their 大类's
--   workers per vacancy, reproduce the 门类's estimated employment of the last year at the province (the yearbook's
--   门类 totals, independent of the postings): the Poisson maximum-likelihood fit with identity link, by
--   posting_intensity_iterations EM steps from the prior, each 大类 holding posting_intensity_prior_weight
--   pseudo-vacancies at its prior. The prior is the inverse of posting propensity × separation rate (core.posting_propensity,
--   ref.separation_rate), scaled to the province's employment: what the staffing matrix would use without the fit.
-- column major_group: 大典 大类 (first digit of an occupation code).
-- column vacancies: Vacancies of the 大类 with a known employer 大类, all posting years (core.vacancy_occupation).
-- column prior_per_vacancy: Workers per vacancy before the fit.
-- column workers_per_vacancy: Fitted workers per vacancy.
WITH RECURSIVE last_year AS (SELECT max(year) AS year FROM core.division_employment),
sections AS (
  SELECT e.section_code, sum(e.employment) AS employment
  FROM core.division_employment e JOIN last_year USING (year) GROUP BY ALL
),
posted AS (
  SELECT d.section_code, v.major_group, sum(v.vacancies) AS vacancies
  FROM core.vacancy_occupation v JOIN ref.industry d ON d.code = v.division_code
  WHERE d.section_code IN (SELECT section_code FROM sections) GROUP BY ALL
),
inverse AS (
  SELECT s.major_group, 1.0 / (coalesce(p.propensity, 1.0) * (s.exit_rate + s.transfer_rate)) AS inverse
  FROM ref.separation_rate s LEFT JOIN core.posting_propensity p USING (major_group)
),
priors AS (
  SELECT i.major_group, i.inverse * (SELECT sum(employment) FROM sections)
    / (SELECT sum(p.vacancies * j.inverse) FROM posted p JOIN inverse j USING (major_group)) AS prior_per_vacancy
  FROM inverse i WHERE i.major_group IN (SELECT major_group FROM posted)
),
groups AS (
  SELECT r.major_group, r.prior_per_vacancy, sum(p.vacancies) AS vacancies FROM priors r JOIN posted p USING (major_group) GROUP BY ALL
),
fit (step, major_group, beta) AS (
  SELECT 0, major_group, prior_per_vacancy FROM groups
  UNION ALL
  -- One EM step: each 门类's employment is shared among its 大类 in proportion to their fitted workers, and a
  -- 大类's workers per vacancy becomes the workers it is given per vacancy, with the prior's pseudo-vacancies.
  SELECT f.step + 1, f.major_group,
    (f.beta * sum(p.vacancies * s.employment / fitted.employment) + core.projection_parameter('posting_intensity_prior_weight') * any_value(g.prior_per_vacancy))
      / (any_value(g.vacancies) + core.projection_parameter('posting_intensity_prior_weight'))
  FROM fit f
  JOIN posted p USING (major_group)
  JOIN sections s USING (section_code)
  JOIN groups g USING (major_group)
  JOIN (
    SELECT p2.section_code, sum(p2.vacancies * f2.beta) AS employment FROM posted p2 JOIN fit f2 USING (major_group) GROUP BY ALL
  ) fitted USING (section_code)
  WHERE f.step < core.projection_parameter('posting_intensity_iterations')
  GROUP BY f.step, f.major_group, f.beta
)
SELECT g.major_group, g.vacancies, g.prior_per_vacancy, f.beta AS workers_per_vacancy
FROM groups g JOIN fit f USING (major_group)
WHERE f.step = core.projection_parameter('posting_intensity_iterations')
