-- materialized: view
-- comment: 大典 2022 codes by name: a name borne by a 小类 and a 细类 stands for the most detailed.
-- column name: Occupation name as ref.occupation writes it.
-- column code: The most detailed code of that name.
SELECT name, arg_max(code, CASE level WHEN '细类' THEN 4 WHEN '小类' THEN 3 WHEN '中类' THEN 2 ELSE 1 END) AS code
FROM ref.occupation GROUP BY name
