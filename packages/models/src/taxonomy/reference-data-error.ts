/**
 * Bad reference data: the load stops and says where. `line` is the 1-based line of the file
 * (the header is line 1); `code` is the code concerned, or for a manifest or totals problem the
 * list (and level) concerned.
 */
export class ReferenceDataError extends Error {
  override readonly name = 'ReferenceDataError';

  constructor(
    /** File the problem is in. */
    readonly file: string,
    /** 1-based line in that file; null only when no line applies (e.g. unreadable file). */
    readonly line: number | null,
    /** Code (or list id) concerned; null when none applies (e.g. a bad header). */
    readonly code: string | null,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`${file}, line ${line ?? '?'}, code ${code ?? '-'}: ${reason}`);
  }
}
