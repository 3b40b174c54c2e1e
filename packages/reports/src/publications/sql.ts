import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';

/** A row as JSON-safe values: BIGINT arrives as a string, so queries cast counts to INTEGER or DOUBLE. */
export type SqlRow = Record<string, string | number | boolean | null | string[]>;

/** Runs one parameterised query ($1, $2, …) and returns its rows as plain objects. */
export async function query<T extends SqlRow = SqlRow>(
  conn: DuckDBConnection,
  sql: string,
  params: readonly DuckDBValue[] = [],
): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql, params.length ? [...params] : undefined);
  return reader.getRowObjectsJson() as T[];
}
