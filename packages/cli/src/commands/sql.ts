import { openSnapshot } from '@talent/client';
import type { Config } from '@talent/models';
import { stringify } from 'csv-stringify/sync';
import { NoSnapshotError } from './export.js';

export type SqlFormat = 'table' | 'csv' | 'json';

/** An error DuckDB raised for the query (syntax, unknown table, a write to the read-only snapshot). */
export class SqlQueryError extends Error {
  override name = 'SqlQueryError';
}

/** Columns a terminal draws two cells wide (CJK ideographs, full-width forms). */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

/** Rows as an aligned text table with a header rule, NULL shown as such. */
export function textTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((r) =>
    r.map((v) => (v === null || v === undefined ? 'NULL' : typeof v === 'object' ? JSON.stringify(v) : String(v))),
  );
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...cells.map((r) => displayWidth(r[i]!))));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => v + ' '.repeat(widths[i]! - displayWidth(v)))
      .join('  ')
      .trimEnd();
  return [
    line(columns),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
    `(${rows.length} row${rows.length === 1 ? '' : 's'})`,
  ].join('\n');
}

/**
 * Runs one query against the published snapshot, read-only, and returns it formatted: an aligned
 * table for a terminal, CSV (header row) or JSON (an array of row objects) for scripts.
 */
export async function sqlCommand(config: Config, query: string, format: SqlFormat): Promise<string> {
  if (!config.publishedPath) throw new NoSnapshotError('An in-memory warehouse publishes no snapshot');
  let snapshot;
  try {
    snapshot = await openSnapshot(config.publishedPath);
  } catch (err) {
    throw new NoSnapshotError((err as Error).message);
  }
  try {
    let reader;
    try {
      reader = await snapshot.conn.runAndReadAll(query);
    } catch (err) {
      throw new SqlQueryError((err as Error).message);
    }
    const columns = reader.columnNames();
    if (format === 'json') return JSON.stringify(reader.getRowObjectsJson(), null, 2);
    const rows = reader.getRowsJson();
    if (format === 'csv')
      return stringify([
        columns,
        ...rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))),
      ]).trimEnd();
    return textTable(columns, rows);
  } finally {
    snapshot.close();
  }
}
