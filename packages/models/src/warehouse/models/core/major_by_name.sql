-- materialized: view
-- comment: Majors (level 专业) by name, for rows that give a name without a code: within a
--   catalogue a name is unique; across catalogues the same name has several codes, so a row with no
--   school level takes the smallest (catalog NULL rows).
-- column catalog: Catalogue the name is looked up in; NULL for the row used when the school level is unknown.
-- column name: 专业名称.
-- column code: 专业代码 the name stands for.
SELECT catalog, name, code FROM ref.major WHERE level = '专业'
UNION ALL
SELECT NULL, name, min(code) FROM ref.major WHERE level = '专业' GROUP BY name
