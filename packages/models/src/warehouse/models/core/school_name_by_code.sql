-- materialized: view
-- comment: Each 学校标识码's name in the latest school list that holds it (core.school_latest), filled in where a file
--   gives only the code.
-- column school_code: 学校标识码.
-- column school_name: 学校名称 of the latest list holding the code.
SELECT school_code, school_name FROM core.school_latest
