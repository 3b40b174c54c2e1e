-- Warehouse layers (dbt-style) and the bookkeeping every later stage writes to.
CREATE SCHEMA IF NOT EXISTS ref;
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS core;
CREATE SCHEMA IF NOT EXISTS marts;
CREATE SCHEMA IF NOT EXISTS meta;


CREATE TABLE meta.runs (
  run_id VARCHAR PRIMARY KEY,
  command VARCHAR NOT NULL,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  status VARCHAR NOT NULL,
  summary JSON
);
COMMENT ON TABLE meta.runs IS 'One row per pipeline run (nightly job or manual command).';
COMMENT ON COLUMN meta.runs.run_id IS 'Unique id of the run (time-ordered).';
COMMENT ON COLUMN meta.runs.command IS 'CLI command that started the run, e.g. run, ingest.';
COMMENT ON COLUMN meta.runs.started_at IS 'When the run began.';
COMMENT ON COLUMN meta.runs.finished_at IS 'When the run ended; NULL while running or if the process died.';
COMMENT ON COLUMN meta.runs.status IS 'running, succeeded or failed.';
COMMENT ON COLUMN meta.runs.summary IS 'Per-stage figures the run printed, as JSON.';

CREATE TABLE meta.reference_loads (
  list_id VARCHAR PRIMARY KEY,
  target_table VARCHAR NOT NULL,
  edition VARCHAR NOT NULL,
  file_sha256 VARCHAR NOT NULL,
  row_count BIGINT NOT NULL,
  loaded_at TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE meta.reference_loads IS 'Which version (content hash) of each reference file is in ref; a reload happens only when the hash changes.';
COMMENT ON COLUMN meta.reference_loads.list_id IS 'Identifier of the reference list (industry, occupation, region, major, frameworks, crosswalks...).';
COMMENT ON COLUMN meta.reference_loads.target_table IS 'Table in schema ref that holds the list.';
COMMENT ON COLUMN meta.reference_loads.edition IS 'Edition of the standard that was loaded, e.g. GB/T 4754-2017 (2019 amendment).';
COMMENT ON COLUMN meta.reference_loads.file_sha256 IS 'SHA-256 over the source file(s) of the list.';
COMMENT ON COLUMN meta.reference_loads.row_count IS 'Rows loaded into the target table.';
COMMENT ON COLUMN meta.reference_loads.loaded_at IS 'When this version was loaded.';
