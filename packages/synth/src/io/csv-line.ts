import { csvRecord, type CsvCell } from '@talent/models';

/**
 * One record of a generated source file. Cells are written exactly as generated (no formula
 * neutralisation): the files imitate what bureaus receive, odd cells included.
 */
export function csvLine(values: readonly CsvCell[]): string {
  return csvRecord(values, { safe: false });
}
