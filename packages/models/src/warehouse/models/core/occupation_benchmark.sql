-- materialized: table
-- comment: Each occupation's separation-rate factor and job-seeker rate, benchmarked to the public employment services'
--   registrations. An occupation listed in every quarterly shortage table of the latest registration year (at the
--   province) has its separations scaled so that its openings that year stand to the other listed occupations' as its
--   registered vacancies do (the listed occupations' total openings kept), and its job seekers other than new
--   graduates set so that supply / openings equals its registered 求职人数 / 招聘需求人数. Other occupations take the
--   median factor and seeker rate of the listed ones of their 大典 大类 (of all listed ones when their 大类 has fewer
--   than three, 1 and the overall median when none are listed). registration_weight moves the factors between the
--   defaults (0) and the registrations (1); factors are kept within benchmark_factor_min and _max.
-- column occupation_code: 职业分类大典 2022 code (every occupation of core.staffing_share).
-- column basis: registered (its own registrations), major_group (its 大类's median), overall or default.
-- column separation_factor: Factor applied to the default exit and transfer rates of the occupation.
-- column seeker_rate: Job seekers other than new graduates per separation (the occupation's own leavers, movers and
--   entrants from elsewhere who look for its jobs in a year).
-- column registered_vacancies: Registered vacancies of the benchmark year (NULL when not benchmarked).
-- column registered_job_seekers: Registered job seekers of the benchmark year (NULL when not benchmarked).
WITH reg_year AS (
  SELECT max(r.year) AS year FROM core.registration r JOIN ref.region g ON g.code = r.region_code AND g.level = '省'
),
registered AS (
  SELECT r.occupation_code, r.vacancies, r.job_seekers
  FROM core.registration r JOIN ref.region g ON g.code = r.region_code AND g.level = '省', reg_year y
  WHERE r.year = y.year AND r.quarters >= core.projection_parameter('registration_min_quarters') AND r.vacancies > 0 AND r.job_seekers > 0
),
model AS (
  SELECT f.occupation_code, sum(f.expansion) AS expansion, sum(f.separations) AS separations, sum(f.openings) AS openings
  FROM core.occupation_flow f, reg_year y WHERE f.year = y.year GROUP BY ALL
),
graduates AS (
  SELECT occupation_code, sum(graduates) AS graduates FROM core.graduate_supply g, reg_year y WHERE g.year = y.year GROUP BY ALL
),
matched AS (
  SELECT r.*, m.expansion, m.separations, m.openings, coalesce(g.graduates, 0) AS graduates
  FROM registered r JOIN model m USING (occupation_code) LEFT JOIN graduates g USING (occupation_code)
  WHERE m.separations > 0
),
coverage AS (SELECT sum(vacancies) / sum(openings) AS rate FROM matched),
own AS (
  SELECT m.occupation_code, m.vacancies, m.job_seekers,
    greatest(core.projection_parameter('benchmark_factor_min'), least(core.projection_parameter('benchmark_factor_max'),
      pow((m.vacancies / c.rate - m.expansion) / m.separations, core.projection_parameter('registration_weight')))) AS separation_factor,
    m.expansion, m.separations, m.graduates
  FROM matched m, coverage c
),
own_rates AS (
  -- Openings at the benchmarked factor; supply from the registered ratio; the rest of supply beyond graduates are seekers.
  SELECT *, greatest(0.0,
      greatest(0.0, expansion + separation_factor * separations) * job_seekers / vacancies - graduates
    ) / (separation_factor * separations) AS seeker_rate
  FROM own
),
group_medians AS (
  SELECT left(occupation_code, 1) AS major_group, count(*) AS n, median(separation_factor) AS factor, median(seeker_rate) AS seeker_rate
  FROM own_rates GROUP BY ALL
),
overall AS (SELECT count(*) AS n, median(separation_factor) AS factor, median(seeker_rate) AS seeker_rate FROM own_rates),
occupations AS (SELECT DISTINCT occupation_code FROM core.staffing_share)
SELECT o.occupation_code,
  CASE WHEN r.occupation_code IS NOT NULL THEN 'registered' WHEN g.n >= 3 THEN 'major_group' WHEN a.n > 0 THEN 'overall' ELSE 'default' END AS basis,
  CASE WHEN r.occupation_code IS NOT NULL THEN r.separation_factor WHEN g.n >= 3 THEN g.factor WHEN a.n > 0 THEN a.factor ELSE 1.0 END
    AS separation_factor,
  coalesce(r.seeker_rate, CASE WHEN g.n >= 3 THEN g.seeker_rate END, a.seeker_rate, 1.0) AS seeker_rate,
  r.vacancies AS registered_vacancies, r.job_seekers AS registered_job_seekers
FROM occupations o
LEFT JOIN own_rates r USING (occupation_code)
LEFT JOIN group_medians g ON g.major_group = left(o.occupation_code, 1)
CROSS JOIN overall a
