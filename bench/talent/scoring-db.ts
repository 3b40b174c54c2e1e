import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';

/**
 * The benchmark's own DuckDB: in memory, with the graded warehouse attached read-only as `wh`, so
 * that grading never writes to the warehouse and the truth tables live beside it only here.
 */
export interface ScoringDb {
  conn: DuckDBConnection;
  /** Rows of a query as plain objects (JSON-safe values). */
  rows<T>(sql: string, params?: DuckDBValue[]): Promise<T[]>;
  close(): void;
}

/** A SQL string literal (for file paths in table functions, which take no parameters). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export async function openScoringDb(warehousePath: string): Promise<ScoringDb> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`ATTACH ${sqlString(warehousePath)} AS wh (READ_ONLY)`);
  return {
    conn,
    async rows<T>(sql: string, params?: DuckDBValue[]) {
      return (await conn.runAndReadAll(sql, params)).getRowObjectsJson() as T[];
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
