-- materialized: view
-- comment: Every vintage's projected employment of each framework group, 大类 and region beside what the yearbooks later
--   showed (the current estimate of the same aggregate, core.employment_series), by horizon: the record BLS keeps of
--   its projection rounds. A projected year appears once its employment is published.
-- column run_id: Run of the vintage (meta.projection_runs).
-- column framework: Framework id, or gbt4754.
-- column group_code: Group code, or the 大类 code.
-- column region_code: GB/T 2260 code of the city or province.
-- column year: Projected year.
-- column horizon: Years after the vintage's last observed year.
-- column projected: Projected employment.
-- column employment_lo: Lower 95% bound of the vintage.
-- column employment_hi: Upper 95% bound of the vintage.
-- column observed: Employment estimated from the yearbooks now loaded.
-- column error: projected − observed.
-- column ape: |error| / observed.
-- column covered: True when the observed figure lies within the 95% bounds.
SELECT t.run_id, t.framework, t.group_code, t.region_code, t.year, t.year - r.last_observed_year AS horizon, t.employment AS projected,
  t.employment_lo, t.employment_hi, o.employment AS observed, t.employment - o.employment AS error,
  abs(t.employment - o.employment) / nullif(o.employment, 0) AS ape, o.employment BETWEEN t.employment_lo AND t.employment_hi AS covered
FROM marts.fct_industry_trend t
JOIN meta.projection_runs r USING (run_id)
JOIN core.employment_series o ON o.kind = 'node' AND o.framework = t.framework AND o.group_code = t.group_code
  AND o.region_code = t.region_code AND o.year = t.year
WHERE t.is_forecast
