-- materialized: view
-- comment: Majors (level 专业) of every catalogue by code: a code is unique across catalogues, so a
--   row's code names its catalogue and name. Loads match majors here first (one rule for every kind).
-- column code: 专业代码 (K/T suffixes stripped).
-- column catalog: Catalogue of the code: 中职, 高职专科, 职业本科 or 本科.
-- column name: 专业名称 in that catalogue.
SELECT code, catalog, name FROM ref.major WHERE level = '专业'
