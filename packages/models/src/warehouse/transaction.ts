import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `fn` inside one transaction: all of it lands, or none of it does. The one place the
 * platform opens, commits and rolls back transactions.
 */
export async function inTransaction<T>(conn: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await conn.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await conn.run('COMMIT');
    return out;
  } catch (err) {
    await conn.run('ROLLBACK');
    throw err;
  }
}
