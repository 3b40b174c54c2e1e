-- materialized: view
-- comment: GB/T 4754-2017 codes by name: a name borne by several levels (教育 is both 门类 P and 大类 83,
--   which share the section anyway) stands for the coarsest.
-- column name: Industry name as ref.industry writes it.
-- column code: The coarsest code of that name.
SELECT name, arg_min(code, CASE level WHEN '门类' THEN 1 WHEN '大类' THEN 2 WHEN '中类' THEN 3 ELSE 4 END) AS code
FROM ref.industry GROUP BY name
