-- materialized: view
-- comment: The current figure of every yearbook employment cell: a revision a later table prints replaces the figure
--   first printed; otherwise the figure of the latest load. Totals are kept as printed (core.employment_leaf rebuilds
--   them from revised leaves).
-- column universe: urban_units (城镇单位就业人员) or all (全社会就业人员).
-- column year: 年末 year.
-- column region_code: GB/T 2260 code of the region.
-- column industry_code: GB/T 4754-2017 code; NULL for the table's total.
-- column industry_level: total, 门类, 大类, 中类 or 小类.
-- column section_code: 门类 letter (NULL for the total).
-- column employment: 就业人员, persons.
-- column revised: True when the figure is a revision printed by a later table.
-- column load_id: Load that brought the figure.
SELECT universe, year, region_code, industry_code, industry_level, section_code, employment, revised_from IS NOT NULL AS revised, load_id
FROM core.employment
WHERE region_matched AND industry_matched
QUALIFY row_number() OVER (
  PARTITION BY universe, year, region_code, coalesce(industry_code, '')
  ORDER BY (revised_from IS NOT NULL) DESC, load_id DESC
) = 1
