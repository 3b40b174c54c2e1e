-- materialized: incremental
-- comment: Schools of the loaded school lists (e.g. MOE 2017 list of regular HEIs); enrollment and outcome rows are
--  matched against it.
-- column load_id VARCHAR NOT NULL: Load that brought the row.
-- column line BIGINT NOT NULL: Line in the source file.
-- column source VARCHAR NOT NULL: Source id (mapping file).
-- column school_code VARCHAR NOT NULL: 学校标识码 (10 digits).
-- column school_name VARCHAR NOT NULL: 学校名称.
-- column authority VARCHAR: 主管部门.
-- column location VARCHAR: 所在地 as written.
-- column level_text VARCHAR: 办学层次 as written (本科, 专科).
-- column note VARCHAR: 备注.
SELECT {{ load_id }} AS load_id, a.line, {{ source }} AS source, core.neutralise_formula(a.school_code) AS school_code, core.neutralise_formula(a.school_name) AS school_name,
  core.neutralise_formula(a.authority) AS authority, core.neutralise_formula(a.location) AS location, core.neutralise_formula(a.level_text) AS level_text, core.neutralise_formula(a.note) AS note
FROM {{ accepted }} a
