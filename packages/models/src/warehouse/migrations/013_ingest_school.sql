-- School lists (MOE 全国普通高等学校名单) and the school match of enrollment and outcome rows.
CREATE TABLE raw.school (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  school_name VARCHAR,
  school_code VARCHAR,
  authority VARCHAR,
  location VARCHAR,
  level_text VARCHAR,
  note VARCHAR
);
COMMENT ON TABLE raw.school IS 'Loaded school-list rows as text, one per source row.';
COMMENT ON COLUMN raw.school.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN raw.school.line IS 'Line of the row in its file.';
COMMENT ON COLUMN raw.school.school_name IS 'As read: 学校名称.';
COMMENT ON COLUMN raw.school.school_code IS 'As read: 学校标识码.';
COMMENT ON COLUMN raw.school.authority IS 'As read: 主管部门.';
COMMENT ON COLUMN raw.school.location IS 'As read: 所在地.';
COMMENT ON COLUMN raw.school.level_text IS 'As read: 办学层次.';
COMMENT ON COLUMN raw.school.note IS 'As read: 备注.';

CREATE TABLE core.school (
  load_id VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  source VARCHAR NOT NULL,
  school_code VARCHAR NOT NULL,
  school_name VARCHAR NOT NULL,
  authority VARCHAR,
  location VARCHAR,
  level_text VARCHAR,
  note VARCHAR
);
COMMENT ON TABLE core.school IS 'Schools of the loaded school lists (e.g. MOE 2017 list of regular HEIs); enrollment and outcome rows are matched against it.';
COMMENT ON COLUMN core.school.load_id IS 'Load that brought the row.';
COMMENT ON COLUMN core.school.line IS 'Line in the source file.';
COMMENT ON COLUMN core.school.source IS 'Source id (mapping file).';
COMMENT ON COLUMN core.school.school_code IS '学校标识码 (10 digits).';
COMMENT ON COLUMN core.school.school_name IS '学校名称.';
COMMENT ON COLUMN core.school.authority IS '主管部门.';
COMMENT ON COLUMN core.school.location IS '所在地 as written.';
COMMENT ON COLUMN core.school.level_text IS '办学层次 as written (本科, 专科).';
COMMENT ON COLUMN core.school.note IS '备注.';

ALTER TABLE core.enrollment ADD COLUMN school_matched BOOLEAN;
COMMENT ON COLUMN core.enrollment.school_matched IS 'True when the school code (else the name) is in core.school; NULL when no school list was loaded at load time. Unmatched rows are reported, not dropped.';
ALTER TABLE core.graduate_outcome ADD COLUMN school_matched BOOLEAN;
COMMENT ON COLUMN core.graduate_outcome.school_matched IS 'True when the school code (else the name) is in core.school; NULL when no school list was loaded at load time.';
