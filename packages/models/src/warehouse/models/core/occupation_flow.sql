-- materialized: view
-- comment: Past employment and openings per city, GB/T 4754 大类 and occupation at the default separation rates: the
--   大类's estimated employment (core.division_employment) × the staffing matrix of the year (core.staffing_path), with
--   openings = the change in
--   employment + exits + transfers of the year before's workers (ref.separation_rate), floored at 0 (the BLS identity
--   of METHODS.md). The year the registrations benchmark is read from this view.
-- column region_code: GB/T 2260 code of the city.
-- column industry_code: 大类 code.
-- column occupation_code: 职业分类大典 2022 code.
-- column year: Year (from the second year of the history).
-- column employment: Estimated employed persons in the occupation and 大类.
-- column expansion: Change from the year before (negative when shrinking).
-- column separations: Exits and transfers of the year before's workers at the default rates.
-- column openings: expansion + separations, at least 0.
WITH cells AS (
  SELECT d.region_code, d.industry_code, s.occupation_code, d.year, d.employment * s.share AS employment
  FROM core.division_employment d JOIN core.staffing_path s USING (industry_code, year)
),
lagged AS (
  SELECT *, lag(employment) OVER (PARTITION BY region_code, industry_code, occupation_code ORDER BY year) AS previous FROM cells
)
SELECT l.region_code, l.industry_code, l.occupation_code, l.year, l.employment, l.employment - l.previous AS expansion,
  (r.exit_rate + r.transfer_rate) * l.previous AS separations,
  greatest(0.0, l.employment - l.previous + (r.exit_rate + r.transfer_rate) * l.previous) AS openings
FROM lagged l JOIN ref.separation_rate r ON r.major_group = left(l.occupation_code, 1)
WHERE l.previous IS NOT NULL
