import { createReadStream } from 'node:fs';
import { LineDecoder, type TextEncoding } from './decode.js';
import { PhysicalLines, type PhysicalLine } from './physical-lines.js';
import type { SourceRow } from './source-row.js';

/**
 * Judges a record whose quoted cells span lines: returns why the parser must have gone out of
 * step (an unclosed quote swallowed the records after it), or null when the record is plausible.
 * The mapper supplies it once it knows the header (field count, which columns may hold line breaks).
 */
export type SpanJudge = (cells: readonly string[], breakCells: readonly number[]) => string | null;

export interface CsvReadOptions {
  encoding?: TextEncoding;
  /** The one character between cells (default `,`). */
  delimiter?: string;
  judge?: SpanJudge;
}

/** A quoted cell open longer than this is an unclosed quote, whatever the mapper would say. */
export const MAX_SPAN_LINES = 1000;

/** Parses CSV records line by line, carrying a quoted cell over line ends. */
class RecordBuilder {
  cells: string[] = [];
  /** Cells holding a line break, and the line where each one's quote opened. */
  breaks: { cell: number; openedAt: number }[] = [];
  private cur = '';
  private inQuote = false;
  private quoteLine = 0;
  private started = false;

  constructor(private readonly delim: string) {}

  get open(): boolean {
    return this.inQuote;
  }

  /** Adds one physical line; true when the record is complete. */
  feed(line: string, no: number): boolean {
    const d = this.delim;
    let i = 0;
    if (!this.inQuote && !this.started && !line.includes('"')) {
      this.cells = line.split(d);
      return true;
    }
    this.started = true;
    const n = line.length;
    for (;;) {
      if (!this.inQuote) {
        // At a cell start: a quote opens a quoted cell; anything else reads up to the delimiter.
        if (line[i] === '"' && this.cur === '') {
          this.inQuote = true;
          this.quoteLine = no;
          i++;
          continue;
        }
        const j = line.indexOf(d, i);
        if (j < 0) {
          this.cells.push(this.cur + line.slice(i));
          this.cur = '';
          return true;
        }
        this.cells.push(this.cur + line.slice(i, j));
        this.cur = '';
        i = j + 1;
        if (i === n) {
          this.cells.push('');
          return true;
        }
        continue;
      }
      const k = line.indexOf('"', i);
      if (k < 0) {
        this.cur += line.slice(i) + '\n';
        if (!this.breaks.some((b) => b.cell === this.cells.length)) this.breaks.push({ cell: this.cells.length, openedAt: this.quoteLine });
        return false;
      }
      if (line[k + 1] === '"') {
        this.cur += line.slice(i, k) + '"';
        i = k + 2;
        continue;
      }
      // The closing quote; text after it up to the delimiter is kept as written (lenient).
      this.cur += line.slice(i, k);
      this.inQuote = false;
      i = k + 1;
      const j = line.indexOf(d, i);
      const cell = this.cur + (j < 0 ? line.slice(i) : line.slice(i, j));
      if (j < 0) {
        this.cells.push(cell);
        this.cur = '';
        return true;
      }
      this.cells.push(cell);
      this.cur = '';
      i = j + 1;
      if (i === n) {
        this.cells.push('');
        return true;
      }
    }
  }
}

/**
 * Streams a delimited text file as records with their first line and the lines they cover.
 * Tolerant by design (ragged rows and stray quotes come through for the mapper to reject with a
 * reason), but never silently merges records: a record whose quoted cell spans lines is checked by
 * `judge`, and when it fails (or the quote is never closed) the line where the quote opened is
 * rejected with what it swallowed, and the lines after it are read again on their own.
 * @returns the records, `decoder.tally` (after iteration) for the encoding, and `lines.count()`
 *   for the number of physical lines read.
 */
export function readCsv(
  path: string,
  options: CsvReadOptions = {},
): { rows: AsyncIterable<SourceRow>; decoder: LineDecoder; lines: PhysicalLines } {
  const decoder = new LineDecoder(options.encoding ?? 'auto');
  const delim = options.delimiter ?? ',';
  const physical = new PhysicalLines(createReadStream(path).pipe(decoder));
  async function* rows(): AsyncGenerator<SourceRow> {
    const it = physical[Symbol.asyncIterator]();
    // Lines given back after an out-of-step record, read again before the rest of the file (a stack).
    const again: PhysicalLine[] = [];
    const next = async (): Promise<PhysicalLine | null> => {
      if (again.length) return again.pop()!;
      const r = await it.next();
      return r.done ? null : r.value;
    };
    for (;;) {
      const first = await next();
      if (first === null) return;
      const b = new RecordBuilder(delim);
      const taken: PhysicalLine[] = [first];
      let done = b.feed(first.text, first.no);
      while (!done && taken.length < MAX_SPAN_LINES) {
        const l = await next();
        if (l === null) break;
        taken.push(l);
        done = b.feed(l.text, l.no);
      }
      if (taken.length === 1 && done) {
        yield { line: first.no, lines: 1, cells: b.cells };
        continue;
      }
      if (taken.length === 1) {
        // A quote opened on the file's last line: its cells are unfinished, so the line is a reject, never a record.
        const column = (b.breaks[0]?.cell ?? 0) + 1;
        yield {
          line: first.no,
          lines: 1,
          error: `unclosed quote opened at line ${first.no} in column ${column} (never closed before the end of the file): line ${first.no} rejected; close or double ("") the quote`,
          rawText: first.text,
        };
        continue;
      }
      const breakCells = b.breaks.map((x) => x.cell);
      const why = !done
        ? taken.length >= MAX_SPAN_LINES
          ? `still open after ${MAX_SPAN_LINES} lines`
          : 'never closed before the end of the file'
        : (options.judge?.(b.cells, breakCells) ?? null);
      if (why === null) {
        yield { line: first.no, lines: taken.length, cells: b.cells, breakCells };
        continue;
      }
      // Out of step: reject from the record's first line to the line where the quote opened; read
      // the lines it swallowed again, each on its own.
      const opened = b.breaks[0]?.openedAt ?? first.no;
      const culprit = taken.filter((l) => l.no <= opened);
      const last = taken.at(-1)!.no;
      for (let k = taken.length - 1; k >= culprit.length; k--) again.push(taken[k]!);
      yield {
        line: first.no,
        lines: culprit.length,
        error: `unclosed quote opened at line ${opened} swallowed lines ${opened}–${last} (${why}): line${culprit.length > 1 ? `s ${first.no}–${opened}` : ` ${opened}`} rejected, the lines after it read again on their own; close or double ("") the quote`,
        rawText: culprit.map((l) => l.text).join('\n'),
      };
    }
  }
  return { rows: rows(), decoder, lines: physical };
}
