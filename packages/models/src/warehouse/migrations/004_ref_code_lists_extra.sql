-- Columns the national code lists need beyond 002 (which is never edited).
--
-- ref.occupation: the 大典 lists some 小类 as an occupation in their own right (book code
-- 4-01-01-00 采购员 under 小类 4-01-01 购销服务人员). With four-part codes the 小类 and that
-- occupation share one code, so one row carries both: is_occupation says the code is an
-- occupation, occupation_name gives the occupation's own name. The 2022 edition's 1636
-- occupations are the rows with is_occupation = true.
ALTER TABLE ref.occupation ADD COLUMN is_occupation BOOLEAN DEFAULT false;
ALTER TABLE ref.occupation ADD COLUMN occupation_name VARCHAR;
COMMENT ON COLUMN ref.occupation.is_occupation IS 'True for every 细类 and for a 小类 (or a 中类/大类 code standing for placeholder levels) that the 大典 lists as an occupation in its own right under the same code; the 2022 edition counts 1636 such occupations.';
COMMENT ON COLUMN ref.occupation.occupation_name IS 'Name of the occupation when is_occupation is true (e.g. 采购员 for the 小类 4-01-01-00 购销服务人员); NULL otherwise.';

-- ref.code_reconciliation: which level total a difference affects and by how much, so that a
-- loader can check that the recorded differences account for loaded versus official totals.
ALTER TABLE ref.code_reconciliation ADD COLUMN level VARCHAR;
ALTER TABLE ref.code_reconciliation ADD COLUMN count_gap INTEGER DEFAULT 0;
COMMENT ON COLUMN ref.code_reconciliation.level IS 'Level of the list whose total the difference concerns.';
COMMENT ON COLUMN ref.code_reconciliation.count_gap IS 'Contribution to official minus loaded at that level: 1 = the edition counts a code ref does not hold as a row of that level, -1 = the reverse, 0 = totals unaffected. Per list and level these add up to official_count - loaded_count of ref.code_list_total. Code * = a difference no single code could be named for.';
