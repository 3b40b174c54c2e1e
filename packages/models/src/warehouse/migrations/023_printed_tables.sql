-- Printed tables (statistical yearbooks) through source mappings: a line of an unpivoted table holds
-- one record per value cell, lines may be explained by a mapping's patterns, and a rejected record
-- names the value column it came from. Only the documentation of the bookkeeping columns changes.
COMMENT ON COLUMN meta.loads.rows_read IS 'Records parsed after the header (including records then rejected); with an unpivot, one per value cell.';
COMMENT ON COLUMN meta.loads.rows_loaded IS 'Records that passed validation and are in raw and core.';
COMMENT ON COLUMN meta.loads.rows_rejected IS 'Records rejected; each has at least one entry in meta.rejected_rows (a record of an unpivoted table names its value column there).';
COMMENT ON COLUMN meta.loads.lines_loaded IS 'Lines of the records loaded (a record with a quoted line break spans several; a line of an unpivoted table with several records counts once), less the lines counted as rejected.';
COMMENT ON COLUMN meta.loads.lines_rejected IS 'Lines of the records rejected (a line of an unpivoted table with any record rejected, though its other records load), and lines no record could be made of (an unclosed quote, a cut JSON element); each has its entry in meta.rejected_rows at the line it starts.';
COMMENT ON COLUMN meta.loads.lines_explained IS 'Lines that hold no record by design: the header (all its rows), preamble lines before it, blank lines, the brackets of a JSON array, and lines the mapping''s explain patterns match (notes, source lines); the load''s message counts the latter by kind.';
COMMENT ON COLUMN meta.rejected_rows.column_name IS 'Canonical field (or source header) at fault, followed for a record of an unpivoted table by its value column in brackets (employment (E 桂林市)); the column letter of a text line that could not be read; NULL when the whole row is at fault (ragged, undecodable).';
