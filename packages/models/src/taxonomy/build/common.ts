import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One difference between the copies (or against the official totals) and what was loaded. */
export interface ReconciliationRow {
  list_id: string;
  code: string;
  issue: string;
  resolution: string;
  evidence: string;
  /** Level whose total the row affects (the level the code has in the edition). */
  level: string;
  /**
   * What the row contributes to (official − loaded) at `level`: 1 when the edition counts a
   * code that ref does not hold as a row of that level, −1 for the reverse, 0 when totals are
   * unaffected (e.g. a name difference, or a dropped code the edition does not count).
   */
  count_gap: number;
}

/** Column order of every `reconciliation/*.csv`. */
export const RECONCILIATION_COLUMNS = ['list_id', 'code', 'issue', 'resolution', 'evidence', 'level', 'count_gap'] as const;

/** Where a list was copied from (see ../shared/reference/SOURCES.md). */
export interface SourceRef {
  repo: string;
  commit: string;
  path: string;
  licence: string;
  /** File under ../shared/reference/ that holds the copy. */
  copy: string;
  note?: string;
}

/** Level totals as the derivation computed them, for the manifest. */
export interface LevelTotal {
  level: string;
  official: number | null;
  note?: string;
  /** Count rows whose boolean column is true instead of rows of this level (see manifest). */
  countColumn?: string;
}

/** Reads a CSV with a header row into objects (BOM stripped, all values strings). */
export function readCsv(path: string, encoding: BufferEncoding = 'utf8'): Record<string, string>[] {
  return parse(readFileSync(path, encoding), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Removes whitespace that PDF/OCR parses leave inside Chinese names (never between Latin words). */
export function cleanName(name: string): string {
  return name.trim().replace(/(?<=[\u0080-\uffff])\s+|\s+(?=[\u0080-\uffff])/g, '');
}

/** Sort key that keeps codes in catalogue order (numeric-aware). */
export function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
