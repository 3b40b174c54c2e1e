import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

/** The schemas `talent export` writes: the marts and the core tables they are built from. */
export const LAKE_SCHEMAS = ['core', 'marts'] as const;

/** Integer year columns a table is partitioned by, in order of preference. */
const YEAR_COLUMNS = ['year', 'graduation_year'];

/** How one table is laid out in the lake. */
export interface LakeTable {
  /** `schema.table` in the warehouse. */
  name: string;
  /** Hive partition keys, outermost first (empty: one unpartitioned folder). */
  partitionBy: string[];
  /**
   * The SELECT list that feeds the lake: every column, plus `year` derived from the table's date
   * column when the table has no year column of its own (postings by their posting date).
   */
  select: string;
  /** Folder of the table's Parquet files (hive layout: `<key>=<value>/…/data_0.parquet`). */
  parquetDir: string;
  /** The table as one Arrow IPC file. */
  arrowFile: string;
}

const quote = (id: string) => `"${id.replaceAll('"', '""')}"`;

/**
 * The lake's layout, read from the catalog: every base table of {@link LAKE_SCHEMAS}, partitioned
 * by its year (a year column, else the year of its first DATE column) and, where it has one, its
 * `region_code`: the two filters every question of the bureaus starts with.
 */
export async function lakeLayout(conn: DuckDBConnection, lakeDir: string): Promise<LakeTable[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT t.schema_name, t.table_name, list(c.column_name ORDER BY c.column_index) AS cols,
              list(c.column_name ORDER BY c.column_index) FILTER (c.data_type = 'DATE') AS dates
         FROM duckdb_tables() t JOIN duckdb_columns() c USING (database_name, schema_name, table_name)
        WHERE t.database_name = current_database() AND t.schema_name IN (${LAKE_SCHEMAS.map((s) => `'${s}'`).join(', ')})
        GROUP BY ALL ORDER BY 1, 2`,
    )
  ).getRowObjectsJS();
  return rows.map((r) => {
    const schema = String(r.schema_name);
    const table = String(r.table_name);
    const cols = r.cols as string[];
    const dates = (r.dates as string[] | null) ?? [];
    const yearColumn = YEAR_COLUMNS.find((c) => cols.includes(c));
    const derivedYear = !yearColumn && dates.length > 0 ? dates[0]! : null;
    const partitionBy = [
      ...(yearColumn ? [yearColumn] : derivedYear ? ['year'] : []),
      ...(cols.includes('region_code') ? ['region_code'] : []),
    ];
    return {
      name: `${schema}.${table}`,
      partitionBy,
      select: derivedYear ? `*, year(${quote(derivedYear)}) AS year` : '*',
      parquetDir: join(lakeDir, 'parquet', schema, table),
      arrowFile: join(lakeDir, 'arrow', `${schema}.${table}.arrow`),
    };
  });
}
