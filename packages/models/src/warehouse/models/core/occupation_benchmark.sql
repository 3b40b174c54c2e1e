-- materialized: table
-- comment: What the public employment services' registrations of the latest year (the province's quarterly shortage
--   tables and, where published, its tables by occupation group) say about each occupation's separations and job
--   seekers. The coverage is the year's registered vacancies per model opening: of all occupations where the tables by
--   occupation group (core.occupation_group_entry) cover the year's four quarters (registrations are coded by the
--   services, so they share out the model's openings whatever codes the postings were given), else of the occupations
--   listed in every quarter. Either way a registered vacancy is taken to stand for as many openings in every
--   occupation; where the services register some kinds of work more fully than others, a registration_weight below 1
--   keeps the factors nearer the default rates. An occupation listed in every quarter has its separations scaled so that its openings
--   that year are its registered vacancies over the coverage (with the listed occupations' coverage: their total
--   openings kept). With the tables by group, the other occupations of a 大典 大类 share one factor, which makes their
--   openings the 大类's registered vacancies less those listed all year, over the coverage. Without them others take
--   the factor of those of their 大典 大类 together (their benchmarked
--   separations over their default ones: separations follow the age and education of a 大类's workers, which its
--   occupations share); a 大类 with fewer than benchmark_group_min_listed takes the same from its occupations listed in
--   some quarters (their vacancies of those quarters taken as the year's at the same pace), else that of all occupations
--   listed all year; 1 when there are none.
--   An occupation listed in every quarter has its job seekers other than new graduates per separation
--   observed: supply / openings equals its registered 求职人数 / 招聘需求人数, pooled over the latest seeker_ratio_years
--   in which it was listed in every quarter. An occupation listed in only some quarters
--   takes the rate that leaves its registered gaps over the same years' tables that list it (each year's gaps over that
--   year's coverage, beside the model's flows of the year): its listed gaps, and each table of such a year it is absent
--   from counted as balanced (0: below the shortages listed and above the surpluses, where a table lists those too, as
--   local releases list 求职大于需求 beside 需求大于求职). A year's gaps are
--   noisy samples, and an occupation drops out of a table it would otherwise top by that noise alone. For every other
--   occupation the tables
--   only bound them from below: its gap of the year, in registered persons, was at most its listed gaps plus, for each
--   quarter it is absent, the smallest shortage that table lists (the tables rank shortages by gap). Those take the
--   job seekers per vacancy that the tables by occupation group (core.occupation_group_entry) show for the occupations
--   of their 大类 that the shortage tables do not list: each quarter's registrations of the 大类 less those of its
--   occupations that quarter's shortage table lists, pooled over the latest seeker_ratio_years, the seekers who name
--   no occupation (无要求) shared among the groups as their named seekers are. Without such tables (or with nothing
--   left unlisted) they take the steady-state default (seeker_rate_default: each separation brings one job seeker
--   back, be it the leaver, a mover or someone from elsewhere). Either is raised to their bound where the bound is
--   higher. registration_weight moves
--   the factors between the defaults (0) and the registrations (1); factors stay within benchmark_factor_min and _max.
-- column occupation_code: 职业分类大典 2022 code (every occupation of core.staffing_share).
-- column basis: registered (its own registrations), group_table (its 大类's registrations in the tables by occupation
--   group), major_group (its 大类's factor), major_group_partial (its 大类's factor from occupations listed in some
--   quarters), overall or default.
-- column separation_factor: Factor applied to the default exit and transfer rates of the occupation.
-- column seeker_basis: registered (listed all year), listed (some quarters), group (the unlisted occupations of its 大类
--   in the tables by occupation group), bound (the bound its absence from the shortage tables sets) or default.
-- column seeker_rate: Job seekers other than new graduates per separation of the occupation in a year.
-- column registered_vacancies: Registered vacancies of the benchmark year over the quarters listed (NULL when never
--   listed).
-- column registered_job_seekers: Registered job seekers of the benchmark year over the quarters listed.
WITH reg_year AS (
  SELECT max(r.year) AS year FROM core.registration r JOIN ref.region g ON g.code = r.region_code AND g.level = '省'
),
occupations AS (SELECT DISTINCT occupation_code FROM core.staffing_share),
province_entries AS (
  SELECT e.* FROM core.shortage_entry e JOIN ref.region g ON g.code = e.region_code AND g.level = '省', reg_year y
  WHERE e.occupation_code IS NOT NULL AND left(e.period, 4) = CAST(y.year AS VARCHAR)
),
quarter_floor AS (
  -- The smallest shortage each quarterly table lists: an occupation absent from a table had a smaller gap that quarter
  -- (the surpluses a table lists after its shortages bound it from the other side).
  SELECT period, coalesce(min(vacancies - job_seekers) FILTER (WHERE core.shortage_listing(vacancies, job_seekers)), 0) AS smallest
  FROM province_entries GROUP BY ALL
),
gap_bound AS (
  -- Per occupation, the most its registered gap of the year can have been: its listed gaps plus the floor of every
  -- quarter it was not listed in.
  SELECT o.occupation_code, sum(coalesce(e.vacancies - e.job_seekers, q.smallest)) AS gap
  FROM occupations o CROSS JOIN quarter_floor q
  LEFT JOIN province_entries e ON e.occupation_code = o.occupation_code AND e.period = q.period
  GROUP BY ALL
),
registered AS (
  SELECT r.occupation_code, r.vacancies, r.job_seekers, r.quarters, r.tables,
    r.quarters >= core.projection_parameter('registration_min_quarters') AS full_year
  FROM core.registration r JOIN ref.region g ON g.code = r.region_code AND g.level = '省', reg_year y
  WHERE r.year = y.year AND r.vacancies > 0 AND r.job_seekers > 0
),
pool_years AS (
  -- The latest seeker_ratio_years years of the province's tables (the latest year always).
  SELECT DISTINCT r.year FROM core.registration r JOIN ref.region g ON g.code = r.region_code AND g.level = '省'
  QUALIFY dense_rank() OVER (ORDER BY r.year DESC) <= greatest(1, core.projection_parameter('seeker_ratio_years'))
),
pooled_ratio AS (
  -- 求职人数 / 招聘需求人数 of an occupation listed all the latest year, over the latest seeker_ratio_years in which it
  -- was listed all year: each quarter's figures are noisy samples of the flows, and the ratio moves slowly.
  SELECT r.occupation_code, sum(r.job_seekers) / sum(r.vacancies) AS ratio
  FROM core.registration r JOIN ref.region g ON g.code = r.region_code AND g.level = '省'
  WHERE r.vacancies > 0 AND r.job_seekers > 0 AND r.quarters >= core.projection_parameter('registration_min_quarters')
    AND r.occupation_code IN (SELECT occupation_code FROM registered WHERE full_year)
    AND r.year IN (SELECT year FROM pool_years)
  GROUP BY ALL
),
year_graduates AS (SELECT occupation_code, year, sum(graduates) AS graduates FROM core.graduate_supply GROUP BY ALL),
pool_flows AS (
  -- The model's flows of each pooled year at the default rates, and its graduates.
  SELECT f.occupation_code, f.year, sum(f.expansion) AS expansion, sum(f.separations) AS separations, sum(f.openings) AS openings,
    any_value(coalesce(g.graduates, 0)) AS graduates
  FROM core.occupation_flow f JOIN pool_years USING (year)
  LEFT JOIN year_graduates g USING (occupation_code, year)
  GROUP BY f.occupation_code, f.year
),
listed_coverage AS (
  SELECT r.year, sum(r.vacancies) / sum(m.openings) AS rate
  FROM core.registration r JOIN ref.region g ON g.code = r.region_code AND g.level = '省' JOIN pool_flows m USING (occupation_code, year)
  WHERE r.vacancies > 0 AND r.job_seekers > 0 AND m.separations > 0 AND r.quarters >= core.projection_parameter('registration_min_quarters')
  GROUP BY ALL
),
group_quarters AS (
  -- The province's tables by occupation group of the pooled years: each 大类's registrations of a quarter, its seekers
  -- raised by its part of those who name no occupation.
  SELECT e.period, core.quarter_year(e.period) AS year, left(e.group_code, 1) AS major_group, e.vacancies,
    e.job_seekers * (1 + coalesce(n.no_preference, 0) / sum(e.job_seekers) OVER (PARTITION BY e.region_code, e.period)) AS job_seekers
  FROM core.occupation_group_entry e JOIN ref.region g ON g.code = e.region_code AND g.level = '省'
  LEFT JOIN (
    SELECT region_code, period, sum(job_seekers) AS no_preference FROM core.occupation_group_entry
    WHERE row_kind = 'no_preference' GROUP BY ALL
  ) n USING (region_code, period)
  WHERE e.row_kind = 'group' AND core.quarter_year(e.period) IN (SELECT year FROM pool_years)
),
group_vacancies AS (
  -- Each 大类's registered vacancies of a pooled year in the tables by group, and the quarters printed.
  SELECT year, major_group, count(DISTINCT period) AS quarters, sum(vacancies) AS vacancies FROM group_quarters GROUP BY ALL
),
all_coverage AS (
  SELECT t.year, any_value(t.vacancies) / sum(m.openings) AS rate
  FROM (SELECT year, min(quarters) AS quarters, sum(vacancies) AS vacancies FROM group_vacancies GROUP BY year) t
  JOIN pool_flows m USING (year)
  WHERE t.quarters = 4
  GROUP BY t.year
  HAVING sum(m.openings) > 0
),
pool_coverage AS (
  -- Each pooled year's registered vacancies per model opening (the latest year's is the coverage the factors take):
  -- of all occupations where the tables by occupation group cover the year's four quarters, so that the registrations
  -- share out the model's openings whatever codes the postings were given; else of the occupations listed all year.
  SELECT y.year, coalesce(a.rate, l.rate) AS rate
  FROM (SELECT DISTINCT year FROM pool_flows) y LEFT JOIN all_coverage a USING (year) LEFT JOIN listed_coverage l USING (year)
  WHERE coalesce(a.rate, l.rate) IS NOT NULL
),
model AS (
  SELECT occupation_code, expansion, separations, openings FROM pool_flows f, reg_year y WHERE f.year = y.year
),
graduates AS (SELECT occupation_code, graduates FROM year_graduates g, reg_year y WHERE g.year = y.year),
matched AS (
  SELECT r.*, m.expansion, m.separations, m.openings, coalesce(g.graduates, 0) AS graduates
  FROM registered r JOIN model m USING (occupation_code) LEFT JOIN graduates g USING (occupation_code)
  WHERE m.separations > 0
),
-- One row, NULL without registrations (as a sum over none), so that the occupations keep their rows.
coverage AS (SELECT (SELECT c.rate FROM pool_coverage c, reg_year y WHERE c.year = y.year) AS rate),
benchmarked AS (
  SELECT m.*,
    -- Listed in some quarters: its vacancies of those quarters taken as the year's at the same pace.
    greatest(core.projection_parameter('benchmark_factor_min'), least(core.projection_parameter('benchmark_factor_max'),
      pow(((CASE WHEN m.full_year THEN m.vacancies ELSE m.vacancies * m.tables / m.quarters END) / c.rate - m.expansion) / m.separations,
        core.projection_parameter('registration_weight')))) AS factor
  FROM matched m, coverage c
),
own AS (
  SELECT occupation_code, vacancies, job_seekers, quarters, tables, full_year, expansion, separations, graduates, factor,
    CASE WHEN full_year THEN factor END AS own_factor, CASE WHEN NOT full_year THEN factor END AS partial_factor
  FROM benchmarked
),
listed_group_factors AS (
  -- A 大类's factor: the benchmarked separations of its listed occupations over their default ones, from those listed
  -- all year, and apart from those listed in some quarters (for a 大类 none of whose occupations is listed all year).
  SELECT left(occupation_code, 1) AS major_group, full_year, count(*) AS n, sum(factor * separations) / sum(separations) AS factor
  FROM own GROUP BY ALL
),
group_factors AS (SELECT * FROM listed_group_factors WHERE full_year),
partial_group_factors AS (SELECT * FROM listed_group_factors WHERE NOT full_year),
overall_factor AS (SELECT count(*) AS n, sum(own_factor * separations) / sum(separations) AS factor FROM own WHERE full_year),
table_factors AS (
  -- A 大类's factor for its occupations not listed all year: their openings are the 大类's registered vacancies in the
  -- tables by group, less those of its occupations listed all year, over the coverage.
  SELECT y.major_group,
    greatest(core.projection_parameter('benchmark_factor_min'), least(core.projection_parameter('benchmark_factor_max'),
      pow(((y.vacancies - coalesce(any_value(l.vacancies), 0)) / any_value(c.rate) - sum(m.expansion)) / sum(m.separations),
        core.projection_parameter('registration_weight')))) AS factor
  FROM group_vacancies y JOIN reg_year r ON r.year = y.year
  JOIN model m ON left(m.occupation_code, 1) = y.major_group
    AND m.occupation_code IN (SELECT occupation_code FROM occupations)
    AND m.occupation_code NOT IN (SELECT occupation_code FROM own WHERE full_year)
  LEFT JOIN (SELECT left(occupation_code, 1) AS major_group, sum(vacancies) AS vacancies FROM own WHERE full_year GROUP BY 1) l
    ON l.major_group = y.major_group
  CROSS JOIN coverage c
  WHERE y.quarters = 4 AND c.rate > 0
  GROUP BY y.major_group, y.vacancies
  HAVING sum(m.separations) > 0 AND y.vacancies > coalesce(any_value(l.vacancies), 0)
),
factors AS (
  SELECT o.occupation_code,
    CASE WHEN w.own_factor IS NOT NULL THEN 'registered' WHEN t.factor IS NOT NULL THEN 'group_table'
      WHEN g.n >= core.projection_parameter('benchmark_group_min_listed') THEN 'major_group'
      WHEN p.factor IS NOT NULL THEN 'major_group_partial' WHEN a.n > 0 THEN 'overall' ELSE 'default' END AS basis,
    coalesce(w.own_factor, t.factor, CASE WHEN g.n >= core.projection_parameter('benchmark_group_min_listed') THEN g.factor END, p.factor,
      a.factor, 1.0) AS separation_factor
  FROM occupations o
  LEFT JOIN own w USING (occupation_code)
  LEFT JOIN table_factors t ON t.major_group = left(o.occupation_code, 1)
  LEFT JOIN group_factors g ON g.major_group = left(o.occupation_code, 1)
  LEFT JOIN partial_group_factors p ON p.major_group = left(o.occupation_code, 1)
  CROSS JOIN overall_factor a
),
flows AS (
  -- Openings and separations of the benchmark year at each occupation's factor.
  SELECT f.occupation_code, f.basis, f.separation_factor, m.separations * f.separation_factor AS separations,
    greatest(0.0, m.expansion + m.separations * f.separation_factor) AS openings, coalesce(g.graduates, 0) AS graduates
  FROM factors f LEFT JOIN model m USING (occupation_code) LEFT JOIN graduates g USING (occupation_code)
),
pool_entries AS (
  SELECT e.occupation_code, e.period, core.quarter_year(e.period) AS year, e.vacancies, e.job_seekers
  FROM core.shortage_entry e JOIN ref.region g ON g.code = e.region_code AND g.level = '省'
  WHERE e.occupation_code IS NOT NULL AND core.quarter_year(e.period) IN (SELECT year FROM pool_years)
),
pool_tables AS (SELECT DISTINCT year, period FROM pool_entries),
partial_gap AS (
  -- An occupation listed in some quarters of the latest year, its registered gap in openings of each pooled year that
  -- lists it: its listed gaps, and each table of the year it is absent from at 0 (below the table's shortages and above
  -- its surpluses).
  SELECT w.occupation_code, q.year,
    sum(coalesce(e.vacancies - e.job_seekers, 0.0)) / any_value(c.rate) AS gap
  FROM own w JOIN (SELECT DISTINCT occupation_code, year FROM pool_entries) l USING (occupation_code)
  JOIN pool_tables q USING (year) JOIN pool_coverage c USING (year)
  LEFT JOIN pool_entries e ON e.occupation_code = w.occupation_code AND e.period = q.period
  WHERE NOT w.full_year
  GROUP BY ALL
),
partial_rate AS (
  -- The seekers per separation that leave those gaps over the pooled years, at the occupation's factor.
  SELECT p.occupation_code,
    sum(m.expansion + f.separation_factor * m.separations - m.graduates - p.gap) / sum(f.separation_factor * m.separations) AS seeker_rate
  FROM partial_gap p JOIN pool_flows m USING (occupation_code, year) JOIN factors f USING (occupation_code)
  WHERE m.separations > 0
  GROUP BY ALL
),
group_rates AS (
  -- Seekers per vacancy of the occupations of a 大类 that the quarter's shortage table leaves out, pooled.
  SELECT q.major_group, sum(q.job_seekers - coalesce(l.job_seekers, 0)) / sum(q.vacancies - coalesce(l.vacancies, 0)) AS ratio
  FROM group_quarters q
  LEFT JOIN (
    SELECT period, left(occupation_code, 1) AS major_group, sum(vacancies) AS vacancies, sum(job_seekers) AS job_seekers
    FROM pool_entries GROUP BY ALL
  ) l USING (period, major_group)
  GROUP BY ALL
  HAVING sum(q.vacancies - coalesce(l.vacancies, 0)) > 0 AND sum(q.job_seekers - coalesce(l.job_seekers, 0)) > 0
),
ratio_rates AS (
  -- Other seekers per separation at a registered supply / openings: an occupation's own (listed_rate), else the
  -- ratio of its 大类's occupations the tables leave out (group_rate); the supply beyond graduates are other seekers.
  SELECT f.occupation_code,
    CASE WHEN w.occupation_code IS NOT NULL THEN x.rate END AS listed_rate, CASE WHEN w.occupation_code IS NULL THEN x.rate END AS group_rate
  FROM flows f LEFT JOIN own w USING (occupation_code) LEFT JOIN pooled_ratio p USING (occupation_code)
  LEFT JOIN group_rates r ON r.major_group = left(f.occupation_code, 1)
  CROSS JOIN LATERAL (SELECT coalesce(p.ratio, w.job_seekers / w.vacancies, r.ratio) AS ratio) q
  -- greatest() passes over a NULL: an occupation without a ratio keeps no rate.
  CROSS JOIN LATERAL (SELECT CASE WHEN q.ratio IS NOT NULL THEN greatest(0.0, f.openings * q.ratio - f.graduates) / f.separations END AS rate) x
  WHERE f.separations > 0
)
SELECT f.occupation_code, f.basis, f.separation_factor,
  CASE WHEN w.full_year THEN 'registered' WHEN x.listed_rate IS NOT NULL THEN 'listed'
    WHEN bound.rate > coalesce(x.group_rate, core.projection_parameter('seeker_rate_default')) THEN 'bound'
    WHEN x.group_rate IS NOT NULL THEN 'group' ELSE 'default' END AS seeker_basis,
  -- Listed in some quarters: the rate that leaves its registered gaps (partial_rate).
  CASE WHEN w.full_year THEN x.listed_rate
    WHEN x.listed_rate IS NOT NULL THEN greatest(0.0, pr.seeker_rate)
    ELSE greatest(coalesce(x.group_rate, core.projection_parameter('seeker_rate_default')), coalesce(bound.rate, 0)) END AS seeker_rate,
  w.vacancies AS registered_vacancies, w.job_seekers AS registered_job_seekers
FROM flows f
LEFT JOIN ratio_rates x USING (occupation_code)
LEFT JOIN own w USING (occupation_code)
LEFT JOIN gap_bound b USING (occupation_code)
LEFT JOIN partial_rate pr USING (occupation_code)
CROSS JOIN coverage c
-- Listed in some quarters or none: at least enough seekers to keep its registered gap of the year within its bound.
CROSS JOIN LATERAL (
  SELECT CASE WHEN f.separations > 0 AND c.rate > 0 THEN (f.openings - f.graduates - b.gap / c.rate) / f.separations END AS rate
) bound
