-- The run record an operator reads after a night: per-stage timing and row counts, and for a
-- failed or abandoned run where it stopped, why, and which loads it had committed.
ALTER TABLE meta.runs ADD COLUMN stages JSON;
ALTER TABLE meta.runs ADD COLUMN failed_stage VARCHAR;
ALTER TABLE meta.runs ADD COLUMN error VARCHAR;
ALTER TABLE meta.runs ADD COLUMN kept JSON;
ALTER TABLE meta.runs ADD COLUMN pid INTEGER;
COMMENT ON COLUMN meta.runs.status IS 'running, succeeded, partial (finished, but a source failed or was mostly rejected: the others loaded), failed, or abandoned (its process died; marked by the run that took over its lock).';
COMMENT ON COLUMN meta.runs.stages IS 'Per stage started, in order: name, status (running, done or failed), seconds, rows written and whether it changed anything, as a JSON array; a stage after a failed one is absent.';
COMMENT ON COLUMN meta.runs.failed_stage IS 'Stage that was running when the run failed or its process died; NULL for a run that finished.';
COMMENT ON COLUMN meta.runs.error IS 'Error message of a failed run, or why a run was abandoned; NULL otherwise.';
COMMENT ON COLUMN meta.runs.kept IS 'What a failed or abandoned run left committed: the meta.loads rows it wrote (load_id, source, file, status, rows loaded), as a JSON array. Each load is its own transaction, so these stay; the next run skips them by content hash and redoes the rest.';
COMMENT ON COLUMN meta.runs.pid IS 'Process id of the run, to tell a live run from one whose process died.';
