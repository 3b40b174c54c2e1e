import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** A row of a hand-written crosswalk input, with `file:line` for the error that names it. */
export interface InputRow {
  record: Record<string, string>;
  where: string;
}

/** The rows of a crosswalk input CSV (header row, trimmed cells, blank lines skipped). */
export function readInputRows(file: string): InputRow[] {
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  return rows.map(({ record, info }) => ({ record, where: `${file}:${info.lines}` }));
}
