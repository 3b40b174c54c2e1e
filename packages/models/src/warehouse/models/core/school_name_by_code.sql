-- materialized: view
-- comment: The loaded school lists' name for each 学校标识码, filled in where a file gives only the code.
-- column school_code: 学校标识码.
-- column school_name: 学校名称 the school list gives (the smallest when lists disagree).
SELECT school_code, min(school_name) AS school_name FROM core.school GROUP BY school_code
