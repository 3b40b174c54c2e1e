-- materialized: view
-- comment: 大典 2022 codes by name: the codes' names and, for an occupation the 大典 names otherwise than its code
--   (6-29-05-00 古建筑修建人员 is the occupation 古建筑工), the occupation's own name; a name borne by a 小类 and a
--   细类 stands for the most detailed.
-- column name: Occupation name as ref.occupation writes it (name or occupation_name).
-- column code: The most detailed code of that name.
WITH names AS (
  SELECT name, code, level FROM ref.occupation
  UNION ALL
  SELECT occupation_name, code, level FROM ref.occupation WHERE is_occupation AND occupation_name IS NOT NULL AND occupation_name <> name
)
SELECT name, arg_max(code, CASE level WHEN '细类' THEN 4 WHEN '小类' THEN 3 WHEN '中类' THEN 2 ELSE 1 END) AS code
FROM names GROUP BY name
