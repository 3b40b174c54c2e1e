/** One record as a reader yields it: tabular cells, or a JSON object, or why it could not be read. */
export interface SourceRow {
  /** Line in the file (1-based; for XLSX the sheet row number). */
  line: number;
  cells?: string[];
  object?: Record<string, unknown>;
  /** Set when the record itself could not be parsed (e.g. invalid JSON); the row is rejected. */
  error?: string;
  /** The unparsed text of a record that failed, for meta.rejected_rows. */
  rawText?: string;
}

/** A file the reader refuses as a whole (binary, truncated, too large); the load fails with this message. */
export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}
