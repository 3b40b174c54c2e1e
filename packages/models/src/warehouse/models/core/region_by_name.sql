-- materialized: view
-- comment: GB/T 2260 divisions by name, where exactly one division bears the name (市辖区 and many
--   county names repeat across provinces and are left out): what a name without a code is coded to.
-- column name: Division name as ref.region writes it.
-- column code: The one division of that name.
SELECT name, min(code) AS code FROM ref.region GROUP BY name HAVING count(*) = 1
