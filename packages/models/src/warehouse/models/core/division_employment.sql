-- materialized: view
-- comment: Estimated employment (all persons) per city, GB/T 4754 大类 and year: the yearbook's 大类 where it prints
--   them, else its 门类 split by core.division_share. The base of every industry projection.
-- column year: 年末 year.
-- column region_code: GB/T 2260 code of the city.
-- column industry_code: 大类 code.
-- column section_code: 门类 letter.
-- column employment: Estimated employed persons.
-- column basis: published (a 大类 of the yearbook) or split (a 门类 split by vacancies).
SELECT e.year, e.region_code, e.industry_code, e.section_code, e.employment, 'published' AS basis
FROM core.employment_estimate e WHERE e.industry_level = '大类'
UNION ALL
SELECT e.year, e.region_code, s.industry_code, e.section_code, e.employment * s.share, 'split'
FROM core.employment_estimate e JOIN core.division_share s ON s.region_code = e.region_code AND s.section_code = e.section_code
WHERE e.industry_level = '门类'
