import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** Reads a small UTF-8 CSV with a header row into records (BOM tolerated). */
export function readCsvRecords(path: string): Record<string, string>[] {
  return parse<Record<string, string>>(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true });
}
