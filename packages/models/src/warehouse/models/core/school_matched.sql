-- materialized: macro
-- arguments: code, name
-- comment: Whether a school (its 学校标识码 and name as a row gives them) is in the loaded school lists
--   (core.school): by code, else by exact name; a missing code or name is no match (an unlisted code alone
--   gives false); NULL when no school list is loaded, since nothing can be said then.
CASE WHEN EXISTS (SELECT 1 FROM core.school) THEN
    coalesce(code IN (SELECT school_code FROM core.school), false)
    OR coalesce(name IN (SELECT school_name FROM core.school), false) END
