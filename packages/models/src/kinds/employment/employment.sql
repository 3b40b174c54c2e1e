-- materialized: incremental
-- comment: Employment cells of statistical yearbook tables (year-end persons by region and industry), as printed,
--   and the revisions later tables print for earlier years. The current figure of a cell is in
--   core.employment_current.
-- column load_id VARCHAR NOT NULL: Load that brought the row (meta.loads).
-- column line BIGINT NOT NULL: Line (sheet row) of the cell in its file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column year INTEGER NOT NULL: 年末: the year whose end the figure counts.
-- column region_code VARCHAR: GB/T 2260 code: as given, or the one division of ref.region bearing the printed name.
-- column region_text VARCHAR: 地区 as printed.
-- column region_matched BOOLEAN NOT NULL: True when region_code is in ref.region; false rows are reported, not dropped.
-- column industry_code VARCHAR: GB/T 4754-2017 code: as given, or the coarsest code bearing the printed name; NULL for the
--   table's total (合计).
-- column industry_text VARCHAR: 行业 as printed.
-- column industry_level VARCHAR NOT NULL: total (合计), 门类, 大类, 中类 or 小类; unknown when the name matched nothing.
-- column industry_matched BOOLEAN NOT NULL: True for the total and for names or codes ref.industry knows.
-- column section_code VARCHAR: 门类 letter of the industry (NULL for the total).
-- column universe VARCHAR NOT NULL: urban_units (城镇单位就业人员) or all (全社会就业人员).
-- column employment BIGINT NOT NULL: 就业人员, persons.
-- column revised_from BIGINT: For a revision a later table prints: the figure published before; NULL for a figure as first printed.
WITH a AS (
  SELECT *, regexp_replace(industry_text, '[\s\x{3000}]', '', 'g') AS industry_name FROM {{ accepted }}
)
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, a.year::INTEGER AS year,
  coalesce(a.region_code, rn.code) AS region_code, a.region_text, r.code IS NOT NULL AS region_matched,
  coalesce(a.industry_code, inn.code) AS industry_code, a.industry_text,
  CASE WHEN a.industry_name IN ('合计', '总计') THEN 'total' ELSE coalesce(i.level, 'unknown') END AS industry_level,
  (a.industry_name IN ('合计', '总计') OR i.code IS NOT NULL) AS industry_matched, i.section_code, a.universe,
  a.employment::BIGINT AS employment, a.revised_from::BIGINT AS revised_from
FROM a
LEFT JOIN core.region_by_name rn ON rn.name = CASE WHEN a.region_code IS NULL THEN a.region_text END
LEFT JOIN ref.region r ON r.code = coalesce(a.region_code, rn.code)
LEFT JOIN core.industry_by_name inn ON inn.name = CASE WHEN a.industry_code IS NULL THEN a.industry_name END
LEFT JOIN ref.industry i ON i.code = coalesce(a.industry_code, inn.code)
