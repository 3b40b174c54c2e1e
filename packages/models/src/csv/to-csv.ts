import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from './formula.js';

/** A cell the CSV writer accepts; null and undefined are written as an empty field. */
export type CsvCell = string | number | boolean | bigint | null | undefined;

/** How cells are written. */
export interface CsvCellOptions {
  /**
   * Neutralise spreadsheet formulas in text cells (see {@link neutraliseFormula}). On for anything
   * a bureau opens; off only where a file must keep its bytes (generated test inputs).
   */
  safe?: boolean;
  /** Also quote cells with leading or trailing white space, so that readers keep it. */
  quoteSpaced?: boolean;
}

/** Options of a whole CSV document. */
export interface CsvOptions extends CsvCellOptions {
  /** Write the column names as the first record (default true). */
  header?: boolean;
  /** Start with a UTF-8 byte-order mark (Excel needs one to read UTF-8). */
  bom?: boolean;
  /** Line ending (default `\n`; Excel writes `\r\n`). */
  eol?: '\n' | '\r\n';
}

const SPACED = /^\s|\s$/;

function text(value: CsvCell, safe: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  return safe ? neutraliseFormula(value) : value;
}

/**
 * One CSV record (RFC 4180: a field is quoted only when it holds a comma, a quote or a line
 * break, or white space at either end with `quoteSpaced`), without its line ending.
 * @example csvRecord(['柳州', 'a,b']) // '柳州,"a,b"'
 */
export function csvRecord(values: readonly CsvCell[], options: CsvCellOptions = {}): string {
  const safe = options.safe ?? true;
  return stringify([values.map((v) => text(v, safe))], {
    eof: false,
    cast: { boolean: (b) => String(b) },
    ...(options.quoteSpaced ? { quoted_match: SPACED } : {}),
  });
}

/**
 * A CSV document: the columns as header, then one record per row (object rows read by column
 * name, array rows by position), each line ended with `eol`, the last one too.
 * @example toCsv(['code', 'name'], [{ code: '450200', name: '柳州市' }]) // 'code,name\n450200,柳州市\n'
 */
export function toCsv(
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, CsvCell>> | readonly CsvCell[]>,
  options: CsvOptions = {},
): string {
  const eol = options.eol ?? '\n';
  const lines: string[] = options.header === false ? [] : [csvRecord(columns, options)];
  for (const row of rows) {
    const values = Array.isArray(row) ? (row as readonly CsvCell[]) : columns.map((c) => (row as Readonly<Record<string, CsvCell>>)[c]);
    lines.push(csvRecord(values, options));
  }
  return `${options.bom ? '\ufeff' : ''}${lines.join(eol)}${eol}`;
}

/** Writes text to `path` through a temporary sibling and a rename: never half a file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** {@link toCsv} written atomically to `path`. */
export function writeCsv(
  path: string,
  columns: readonly string[],
  rows: Iterable<Readonly<Record<string, CsvCell>> | readonly CsvCell[]>,
  options: CsvOptions = {},
): void {
  writeFileAtomic(path, toCsv(columns, rows, options));
}
