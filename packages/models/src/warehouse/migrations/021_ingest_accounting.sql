-- Hostile-input hardening of ingest: every physical line of a file is accounted for per load, the pay
-- text's outcome is kept beside the parsed bounds, and source columns a mapping keeps are stored.

ALTER TABLE meta.loads ADD COLUMN lines_read BIGINT;
ALTER TABLE meta.loads ADD COLUMN lines_loaded BIGINT;
ALTER TABLE meta.loads ADD COLUMN lines_rejected BIGINT;
ALTER TABLE meta.loads ADD COLUMN lines_explained BIGINT;
COMMENT ON TABLE meta.loads IS 'One row per attempt to load a file: its identity (content hash), counts and outcome. rows_read = rows_loaded + rows_rejected and lines_read = lines_loaded + lines_rejected + lines_explained always.';
COMMENT ON COLUMN meta.loads.rows_read IS 'Records parsed after the header (including records then rejected).';
COMMENT ON COLUMN meta.loads.lines_read IS 'Physical lines of the file (line feed, CR LF or a lone CR each end one; for XLSX the sheet rows up to the last; for a JSON array its elements); NULL for loads before line accounting and for skipped or failed loads.';
COMMENT ON COLUMN meta.loads.lines_loaded IS 'Lines of the records loaded (a record with a quoted line break spans several).';
COMMENT ON COLUMN meta.loads.lines_rejected IS 'Lines of the records rejected, and lines no record could be made of (an unclosed quote, a cut JSON element); each has its entry in meta.rejected_rows at the line it starts.';
COMMENT ON COLUMN meta.loads.lines_explained IS 'Lines that hold no record by design: the header, preamble lines before it, blank lines, the brackets of a JSON array.';

ALTER TABLE core.job_posting_codes ADD COLUMN salary_status VARCHAR;
COMMENT ON COLUMN core.job_posting_codes.salary_status IS 'How the pay was read: given (numbers from the source), parsed (from the pay text), or why the bounds are NULL: blank, negotiable (面议), unrecognised, inverted-range, implausible (outside packages/models/src/schemas/plausibility.ts), corrupt-text, uncoded (no pay coder ran); NULL for postings loaded before this column. Never a reject: the posting is a real vacancy whatever its pay text says.';

ALTER TABLE raw.job_posting ADD COLUMN extra MAP(VARCHAR, VARCHAR);
ALTER TABLE raw.enrollment ADD COLUMN extra MAP(VARCHAR, VARCHAR);
ALTER TABLE raw.graduate_outcome ADD COLUMN extra MAP(VARCHAR, VARCHAR);
ALTER TABLE raw.shortage ADD COLUMN extra MAP(VARCHAR, VARCHAR);
ALTER TABLE raw.school ADD COLUMN extra MAP(VARCHAR, VARCHAR);
ALTER TABLE raw.graduate_region ADD COLUMN extra MAP(VARCHAR, VARCHAR);
ALTER TABLE raw.graduate_industry ADD COLUMN extra MAP(VARCHAR, VARCHAR);
COMMENT ON COLUMN raw.job_posting.extra IS 'Source columns the mapping''s keep list names, header → text as read; NULL when the mapping keeps none.';
COMMENT ON COLUMN raw.enrollment.extra IS 'Source columns the mapping''s keep list names, header → text as read; NULL when the mapping keeps none.';
COMMENT ON COLUMN raw.graduate_outcome.extra IS 'Source columns the mapping''s keep list names, header → text as read; NULL when the mapping keeps none.';
COMMENT ON COLUMN raw.shortage.extra IS 'Source columns the mapping''s keep list names, header → text as read; NULL when the mapping keeps none.';
COMMENT ON COLUMN raw.school.extra IS 'Source columns the mapping''s keep list names, header → text as read; NULL when the mapping keeps none.';
COMMENT ON COLUMN raw.graduate_region.extra IS 'Source columns the mapping''s keep list names, header → text as read; NULL when the mapping keeps none.';
COMMENT ON COLUMN raw.graduate_industry.extra IS 'Source columns the mapping''s keep list names, header → text as read; NULL when the mapping keeps none.';

COMMENT ON COLUMN meta.rejected_rows.line IS 'Physical line where the rejected record starts (1 = first line; for XLSX the sheet row; for a JSON array the element''s position in it). An unclosed quote is rejected at the line where it opened; the lines it swallowed are read again on their own.';
COMMENT ON COLUMN meta.rejected_rows.reason IS 'Why the row was rejected, e.g. not a whole number, below minimum 0, date in the future, unclosed quote opened at line 5 swallowed lines 5–9.';
