-- A file's modification time beside its size: a night whose files are unchanged (same path, size and
-- modification time as a load that hashed them) skips them without reading their bytes again.
ALTER TABLE meta.loads ADD COLUMN file_mtime TIMESTAMPTZ;
COMMENT ON COLUMN meta.loads.file_mtime IS 'Modification time of the file when it was read (microseconds); with file_path and file_bytes, the quick check that lets a later run skip the file without hashing it (as rsync and make decide). NULL for loads before this column.';
