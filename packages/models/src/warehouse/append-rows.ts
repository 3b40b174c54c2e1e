import { DuckDBDateValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';

/** A cell the generic appender accepts; the column's declared type decides the conversion. */
export type AppendCell = string | number | bigint | boolean | null | undefined;

type Writer = (a: DuckDBAppender, v: Exclude<AppendCell, null | undefined>) => void;

const writers: Record<string, Writer> = {
  VARCHAR: (a, v) => a.appendVarchar(String(v)),
  BOOLEAN: (a, v) => a.appendBoolean(v === true || v === 'true' || v === 1 || v === '1'),
  INTEGER: (a, v) => a.appendInteger(Number(v)),
  SMALLINT: (a, v) => a.appendSmallInt(Number(v)),
  BIGINT: (a, v) => a.appendBigInt(BigInt(v)),
  DOUBLE: (a, v) => a.appendDouble(Number(v)),
  FLOAT: (a, v) => a.appendFloat(Number(v)),
  // ISO text (YYYY-MM-DD), as the loaders hold dates.
  DATE: (a, v) => {
    const [year, month, day] = String(v).split('-').map(Number);
    a.appendDate(DuckDBDateValue.fromParts({ year: year!, month: month!, day: day! }));
  },
};

/** Declared column names and types of a table, in table order. */
export async function tableColumns(conn: DuckDBConnection, schema: string, table: string): Promise<{ name: string; type: string }[]> {
  const reader = await conn.runAndReadAll(
    `SELECT column_name, data_type FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 AND database_name = current_database() ORDER BY column_index`,
    [schema, table],
  );
  return reader.getRowObjects().map((r) => ({ name: String(r.column_name), type: String(r.data_type) }));
}

/**
 * Appends plain-object rows to a table with DuckDB's Appender (hundreds of thousands of rows a
 * second, where a prepared INSERT per row manages a few thousand). Keys missing from a row load as
 * NULL; a key that is not a column is an error, so a typo never drops data silently.
 * Runs inside whatever transaction the connection has open.
 */
export async function appendRows(conn: DuckDBConnection, qualifiedTable: string, rows: Iterable<Record<string, AppendCell>>): Promise<number> {
  const [schema, table] = qualifiedTable.includes('.') ? (qualifiedTable.split('.') as [string, string]) : ['main', qualifiedTable];
  const all = await tableColumns(conn, schema, table);
  if (all.length === 0) throw new Error(`No table ${qualifiedTable}`);
  // The appender writes stored columns only; a generated one (posting_id of core.job_posting_codes) is computed.
  const ddl = String(
    (
      await conn.runAndReadAll(`SELECT sql FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2 AND database_name = current_database()`, [
        schema,
        table,
      ])
    ).getRowsJson()[0]?.[0] ?? '',
  );
  const generated = new Set(all.filter((c) => new RegExp(`(^|[(,]\\s*)"?${c.name}"?\\s+[A-Z]+\\s+GENERATED ALWAYS`).test(ddl)).map((c) => c.name));
  const columns = all.filter((c) => !generated.has(c.name));
  const known = new Set(columns.map((c) => c.name));
  // A column of a type without a writer may still be left empty (NULL) by every row.
  const plan = columns.map((c) => ({
    name: c.name,
    write:
      writers[c.type] ??
      (() => {
        throw new Error(`appendRows: column ${qualifiedTable}.${c.name} has unsupported type ${c.type}`);
      }),
  }));
  const appender = await conn.createAppender(table, schema);
  let n = 0;
  try {
    for (const row of rows) {
      for (const key of Object.keys(row)) {
        if (!known.has(key))
          throw new Error(`appendRows: ${qualifiedTable} has no ${generated.has(key) ? 'stored ' : ''}column "${key}"`);
      }
      for (const { name, write } of plan) {
        const v = row[name];
        if (v === null || v === undefined || v === '') appender.appendNull();
        else write(appender, v);
      }
      appender.endRow();
      n++;
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return n;
}
