-- materialized: table
-- comment: Vacancies per occupation the 大典 defines, by year, city and GB/T 4754 大类. A vacancy coded to an
--   occupation counts once for it. One coded only to a group that is no occupation (a 大类, 中类 or 小类: 普工 →
--   6-00-00-00, 电子厂普工 → 6-25-00-00) belongs to one of the group's occupations that its title does not name, so it is
--   spread over them in proportion to the group's vacancies coded to them in the same 大类 (in every 大类 when that
--   大类 has none; kept on the group's code when no vacancy anywhere names one of its occupations): otherwise the
--   group would stand as an occupation of its own beside the occupations whose demand it holds, and they would read
--   smaller than they are. What the staffing matrix, the posting propensity and the education shares count.
-- column year: Year the vacancy's original was posted.
-- column city_code: GB/T 2260 code of the city; NULL when unknown.
-- column division_code: GB/T 4754-2017 大类 of the employer; NULL when unknown.
-- column occupation_code: 职业分类大典 2022 code of an occupation (a group's code only when none of its occupations is
--   named by any vacancy).
-- column major_group: 大典 大类 (first digit of occupation_code).
-- column education_level: Education level of the projections the vacancies ask for (ref.education_level); NULL when
--   unstated.
-- column vacancies: Vacancies, a group's spread in fractions.
WITH RECURSIVE ancestry (occupation_code, group_code) AS (
  SELECT code, parent_code FROM ref.occupation WHERE is_occupation AND parent_code IS NOT NULL
  UNION ALL
  SELECT a.occupation_code, o.parent_code FROM ancestry a JOIN ref.occupation o ON o.code = a.group_code WHERE o.parent_code IS NOT NULL
),
coded AS (
  SELECT v.year, v.city_code, v.division_code, v.occupation_code, v.education_level, count(*)::DOUBLE AS vacancies,
    coalesce(NOT o.is_occupation, false) AS is_group
  FROM core.vacancy v LEFT JOIN ref.occupation o ON o.code = v.occupation_code
  WHERE v.occupation_code IS NOT NULL GROUP BY ALL
),
named AS (
  -- Vacancies naming an occupation, under each group above it: in each 大类 (division_code) and in all (NULL).
  SELECT c.division_code, a.group_code, c.occupation_code, sum(c.vacancies) AS vacancies
  FROM coded c JOIN ancestry a USING (occupation_code)
  WHERE NOT c.is_group AND c.division_code IS NOT NULL GROUP BY ALL
  UNION ALL
  SELECT NULL, a.group_code, c.occupation_code, sum(c.vacancies)
  FROM coded c JOIN ancestry a USING (occupation_code) WHERE NOT c.is_group GROUP BY ALL
),
mix AS (
  SELECT division_code, group_code, occupation_code, vacancies / sum(vacancies) OVER (PARTITION BY division_code, group_code) AS share
  FROM named
),
spread AS (
  SELECT g.year, g.city_code, g.division_code, coalesce(m.occupation_code, g.occupation_code) AS occupation_code,
    g.education_level, g.vacancies * coalesce(m.share, 1.0) AS vacancies
  FROM coded g
  LEFT JOIN (SELECT DISTINCT division_code, group_code FROM mix WHERE division_code IS NOT NULL) own
    ON own.division_code = g.division_code AND own.group_code = g.occupation_code
  LEFT JOIN mix m ON m.group_code = g.occupation_code AND m.division_code IS NOT DISTINCT FROM own.division_code
  WHERE g.is_group
)
SELECT year, city_code, division_code, occupation_code, left(occupation_code, 1) AS major_group, education_level,
  sum(vacancies) AS vacancies
FROM (
  SELECT year, city_code, division_code, occupation_code, education_level, vacancies FROM coded WHERE NOT is_group
  UNION ALL
  SELECT year, city_code, division_code, occupation_code, education_level, vacancies FROM spread
)
GROUP BY ALL
