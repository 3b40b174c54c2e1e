-- materialized: table
-- comment: Graduates entering work per city, occupation, education level and year: every school × major's graduates
--   (published, or for years not yet graduated its entrants of ref.programme_length years before times its learned
--   completion rate) × the share of its graduates employed × the share of its employed graduates working in the city
--   × the major's crosswalk weight of the occupation. Completion, employment and city shares are learned per school ×
--   major (per school for cities) from the latest cohorts, shrunk towards the school level's pooled figures.
--   Occupations are those of the staffing matrix (jobs that exist in the region); a major with no link into them
--   keeps its crosswalk links as they are. Cities are those with published employment; graduates working elsewhere
--   leave the supply. Years reach as far as each level's latest entrants do (their year + ref.programme_length), so the
--   last years hold only the longer programmes' graduates; marts.projection_supply carries each level's last year on.
-- column region_code: GB/T 2260 code of the city of work.
-- column occupation_code: 职业分类大典 2022 code.
-- column education_level: Education level of the projections (ref.education_level).
-- column year: Graduation year; a level's last year is its latest entrants' year + its programme length.
-- column graduates: Graduates entering work, persons (fractional: shares applied).
-- column projected: True for years whose graduates come from entrants (not yet published as graduates).
WITH enrol AS (
  SELECT e.school_code, e.school_level, e.major_code, e.year, sum(e.enrolled_new) AS entrants, sum(e.graduates) AS graduates
  FROM core.enrollment e WHERE e.school_code IS NOT NULL AND e.major_code IS NOT NULL AND e.year IS NOT NULL
  GROUP BY ALL
),
lengths AS (SELECT school_level, years FROM ref.programme_length),
cohorts AS (
  -- Graduates of year t beside the entrants of year t − L of the same school × major.
  SELECT g.school_code, g.school_level, g.major_code, g.year, g.graduates, n.entrants
  FROM enrol g JOIN lengths l USING (school_level)
  JOIN enrol n ON n.school_code = g.school_code AND n.major_code = g.major_code AND n.school_level = g.school_level
    AND n.year = g.year - l.years
  WHERE g.graduates IS NOT NULL AND n.entrants > 0
),
level_completion AS (SELECT school_level, sum(graduates) / sum(entrants) AS rate FROM cohorts GROUP BY ALL),
completion AS (
  SELECT c.school_code, c.school_level, c.major_code,
    (sum(c.graduates) + core.projection_parameter('completion_prior_weight') * any_value(l.rate))
      / (sum(c.entrants) + core.projection_parameter('completion_prior_weight')) AS rate
  FROM cohorts c JOIN level_completion l USING (school_level) GROUP BY ALL
),
last_published AS (SELECT max(year) AS year FROM enrol WHERE graduates IS NOT NULL),
graduating AS (
  SELECT school_code, school_level, major_code, year, graduates, false AS projected
  FROM enrol WHERE graduates IS NOT NULL
  UNION ALL
  SELECT n.school_code, n.school_level, n.major_code, n.year + l.years, n.entrants * coalesce(c.rate, lc.rate), true
  FROM enrol n JOIN lengths l USING (school_level) JOIN level_completion lc USING (school_level)
  LEFT JOIN completion c USING (school_code, school_level, major_code), last_published p
  WHERE n.entrants > 0 AND n.year + l.years > p.year
),
recent_outcomes AS (
  SELECT o.* FROM core.graduate_outcome o
  WHERE o.graduation_year > (SELECT max(graduation_year) FROM core.graduate_outcome) - core.projection_parameter('outcome_years')
    AND o.school_code IS NOT NULL AND o.graduates > 0
),
level_employed AS (
  SELECT school_level, sum(dest_contract + dest_flexible + dest_self_employed) / sum(graduates) AS rate
  FROM recent_outcomes GROUP BY ALL
),
employed AS (
  SELECT o.school_code, o.school_level, o.major_code,
    (sum(o.dest_contract + o.dest_flexible + o.dest_self_employed) + core.projection_parameter('outcome_prior_weight') * any_value(l.rate))
      / (sum(o.graduates) + core.projection_parameter('outcome_prior_weight')) AS rate
  FROM recent_outcomes o JOIN level_employed l USING (school_level) GROUP BY ALL
),
recent_regions AS (
  SELECT r.school_code, r.region_code, r.employed FROM core.graduate_region r
  WHERE r.graduation_year > (SELECT max(graduation_year) FROM core.graduate_region) - core.projection_parameter('outcome_years')
    AND r.school_code IS NOT NULL AND r.region_matched
),
cities AS (SELECT DISTINCT region_code FROM core.employment_leaf),
pooled_city AS (
  SELECT c.region_code, coalesce(sum(r.employed), 0) / (SELECT sum(employed) FROM recent_regions) AS share
  FROM cities c LEFT JOIN recent_regions r USING (region_code) GROUP BY ALL
),
school_city AS (
  -- Each school's employed graduates by city over all its destinations (other provinces included), shrunk to the pool.
  SELECT s.school_code, p.region_code,
    (coalesce(sum(r.employed), 0) + core.projection_parameter('outcome_prior_weight') * any_value(p.share))
      / (any_value(s.total) + core.projection_parameter('outcome_prior_weight')) AS share
  FROM (SELECT school_code, sum(employed) AS total FROM recent_regions GROUP BY ALL) s
  CROSS JOIN pooled_city p
  LEFT JOIN recent_regions r ON r.school_code = s.school_code AND r.region_code = p.region_code
  GROUP BY ALL
),
present AS (SELECT DISTINCT occupation_code FROM core.staffing_share),
links AS (
  SELECT x.catalog, x.major_code, x.occupation_code, x.weight, p.occupation_code IS NOT NULL AS present,
    bool_or(p.occupation_code IS NOT NULL) OVER (PARTITION BY x.catalog, x.major_code) AS any_present
  FROM ref.crosswalk_major_occupation x LEFT JOIN present p USING (occupation_code)
),
major_occupation AS (
  SELECT catalog, major_code, occupation_code, weight / sum(weight) OVER (PARTITION BY catalog, major_code) AS weight
  FROM links WHERE present OR NOT any_present
),
workers AS (
  SELECT g.school_code, g.school_level, g.major_code, g.year, g.projected,
    g.graduates * coalesce(e.rate, le.rate) AS employed
  FROM graduating g JOIN level_employed le USING (school_level)
  LEFT JOIN employed e USING (school_code, school_level, major_code)
),
placed AS (
  SELECT w.*, coalesce(sc.region_code, pc.region_code) AS region_code, coalesce(sc.share, pc.share) AS city_share
  FROM workers w
  LEFT JOIN school_city sc ON sc.school_code = w.school_code
  LEFT JOIN pooled_city pc ON sc.school_code IS NULL
)
SELECT p.region_code, m.occupation_code, lv.education_level, p.year,
  sum(p.employed * p.city_share * m.weight) AS graduates, bool_or(p.projected) AS projected
FROM placed p
JOIN major_occupation m ON m.catalog = p.school_level AND m.major_code = p.major_code
JOIN ref.education_level lv ON lv.field = 'school_level' AND lv.value = p.school_level
WHERE p.region_code IS NOT NULL
GROUP BY ALL
