/** One record as a reader yields it: tabular cells, or a JSON object, or why it could not be read. */
export interface SourceRow {
  /**
   * Where the record starts: the physical line (1-based); for XLSX the sheet row; for a JSON array
   * the element's position in the array (1 = first).
   */
  line: number;
  /**
   * Physical lines the record covers (1 unless a quoted cell holds line breaks, or the reader
   * rejects several lines as one, such as an unclosed quote); the line balance of a load adds these.
   */
  lines: number;
  cells?: string[];
  /** Cells holding a line break (a quoted cell spanning lines); the mapper judges whether that is plausible. */
  breakCells?: readonly number[];
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
