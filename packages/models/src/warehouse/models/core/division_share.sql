-- materialized: table
-- comment: How a city's 门类 splits into its 大类 where the yearbook prints only the 门类: the city's vacancies by 大类,
--   shrunk towards the province's mix (division_share_city_weight pseudo-vacancies), which is itself shrunk
--   towards an even split (division_share_prior_weight). Vacancies stand in for employment here because no
--   published table is finer; the shares are the same for every year.
-- column region_code: GB/T 2260 code of the city.
-- column section_code: 门类 letter.
-- column industry_code: 大类 code within the 门类.
-- column vacancies: The city's vacancies in the 大类.
-- column share: Share of the 门类's employment put in the 大类; the shares of a city's 门类 sum to 1.
WITH sections AS (
  SELECT DISTINCT l.region_code, l.section_code, r.province_code
  FROM core.employment_leaf l JOIN ref.region r ON r.code = l.region_code
  WHERE l.industry_level = '门类'
),
city_counts AS (
  SELECT v.city_code AS region_code, r.province_code, v.division_code AS industry_code, count(*) AS vacancies
  FROM core.vacancy v JOIN ref.region r ON r.code = v.city_code
  WHERE v.division_code IS NOT NULL GROUP BY ALL
),
province_counts AS (
  SELECT p.province_code, d.parent_code AS section_code, d.code AS industry_code, coalesce(sum(c.vacancies), 0) AS vacancies
  FROM (SELECT DISTINCT province_code FROM sections) p
  JOIN ref.industry d ON d.level = '大类'
  LEFT JOIN city_counts c ON c.province_code = p.province_code AND c.industry_code = d.code
  GROUP BY ALL
),
province_share AS (
  SELECT province_code, section_code, industry_code,
    (vacancies + core.projection_parameter('division_share_prior_weight') / count(*) OVER w)
      / (sum(vacancies) OVER w + core.projection_parameter('division_share_prior_weight')) AS province_share
  FROM province_counts
  WINDOW w AS (PARTITION BY province_code, section_code)
),
counted AS (
  SELECT s.region_code, s.section_code, p.industry_code, p.province_share, coalesce(c.vacancies, 0) AS vacancies
  FROM sections s
  JOIN province_share p ON p.province_code = s.province_code AND p.section_code = s.section_code
  LEFT JOIN city_counts c ON c.region_code = s.region_code AND c.industry_code = p.industry_code
)
SELECT region_code, section_code, industry_code, vacancies,
  (vacancies + core.projection_parameter('division_share_city_weight') * province_share)
    / (sum(vacancies) OVER (PARTITION BY region_code, section_code) + core.projection_parameter('division_share_city_weight')) AS share
FROM counted
