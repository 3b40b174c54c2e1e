-- Ingest bookkeeping: one row per file load attempt and one row per rejected value.
CREATE TABLE meta.loads (
  load_id VARCHAR PRIMARY KEY,
  source VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  file_path VARCHAR NOT NULL,
  file_sha256 VARCHAR NOT NULL,
  file_bytes BIGINT,
  period VARCHAR,
  rows_read BIGINT NOT NULL,
  rows_loaded BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  duplicates_collapsed BIGINT NOT NULL DEFAULT 0,
  status VARCHAR NOT NULL,
  replaces_load_id VARCHAR,
  superseded_by VARCHAR,
  reader VARCHAR,
  encoding VARCHAR,
  message VARCHAR,
  started_at TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ
);
COMMENT ON TABLE meta.loads IS 'One row per attempt to load a file: its identity (content hash), counts and outcome. rows_read = rows_loaded + rows_rejected always.';
COMMENT ON COLUMN meta.loads.load_id IS 'Unique, time-ordered id of the load; raw and core rows carry it.';
COMMENT ON COLUMN meta.loads.source IS 'Source id of the mapping file (datasets/sources/<source>.json).';
COMMENT ON COLUMN meta.loads.kind IS 'Record kind: job_posting, enrollment, graduate_outcome or shortage.';
COMMENT ON COLUMN meta.loads.file_path IS 'Path of the file as given to ingest.';
COMMENT ON COLUMN meta.loads.file_sha256 IS 'SHA-256 of the file bytes: the identity of the file (same hash = same file, loaded once).';
COMMENT ON COLUMN meta.loads.file_bytes IS 'File size in bytes.';
COMMENT ON COLUMN meta.loads.period IS 'Period the file covers per the mapping (key of the replacement policy); NULL when the source declares none.';
COMMENT ON COLUMN meta.loads.rows_read IS 'Data rows read after the header (including rows then rejected).';
COMMENT ON COLUMN meta.loads.rows_loaded IS 'Rows that passed validation and are in raw and core.';
COMMENT ON COLUMN meta.loads.rows_rejected IS 'Rows rejected; each has at least one entry in meta.rejected_rows.';
COMMENT ON COLUMN meta.loads.duplicates_collapsed IS 'Job postings of this load marked as duplicates of an earlier posting (duplicate_of set).';
COMMENT ON COLUMN meta.loads.status IS 'loaded, replaced (loaded and superseded an earlier load of the same source and period), skipped_duplicate (same content hash already loaded; nothing written) or failed (nothing written; see message).';
COMMENT ON COLUMN meta.loads.replaces_load_id IS 'For status replaced: the load whose rows this one removed.';
COMMENT ON COLUMN meta.loads.superseded_by IS 'Set on a load whose rows a later corrected file replaced.';
COMMENT ON COLUMN meta.loads.reader IS 'How the file was parsed: duckdb (read_csv in bulk) or stream (Node reader).';
COMMENT ON COLUMN meta.loads.encoding IS 'Encoding detected: utf-8, utf-8-bom, gb18030, latin1-mojibake (repaired) or mixed.';
COMMENT ON COLUMN meta.loads.message IS 'Why a load failed or was skipped, in plain words.';
COMMENT ON COLUMN meta.loads.started_at IS 'When the load began.';
COMMENT ON COLUMN meta.loads.finished_at IS 'When the load committed (or failed).';

CREATE TABLE meta.rejected_rows (
  load_id VARCHAR NOT NULL,
  file_path VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  column_name VARCHAR,
  raw_value VARCHAR,
  reason VARCHAR NOT NULL
);
COMMENT ON TABLE meta.rejected_rows IS 'Every value that made a row fail, with where it was: a rejected row never disappears.';
COMMENT ON COLUMN meta.rejected_rows.load_id IS 'Load that read the row (meta.loads).';
COMMENT ON COLUMN meta.rejected_rows.file_path IS 'File the row came from.';
COMMENT ON COLUMN meta.rejected_rows.line IS 'Physical line of the row in the file (1 = first line; for XLSX the sheet row; for bulk-read CSV with multi-line cells, the record''s position counted in lines of one record each).';
COMMENT ON COLUMN meta.rejected_rows.column_name IS 'Canonical field (or source header) at fault; NULL when the whole row is at fault (ragged, undecodable).';
COMMENT ON COLUMN meta.rejected_rows.raw_value IS 'The value as read, cut to 1000 characters.';
COMMENT ON COLUMN meta.rejected_rows.reason IS 'Why the row was rejected, e.g. not a whole number, below minimum 0, date in the future.';
