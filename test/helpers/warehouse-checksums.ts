import type { DuckDBConnection } from '@duckdb/node-api';

/** Row count and one order-independent checksum per column of a table or view. */
export interface RelationChecksum {
  rows: number;
  columns: Record<string, string>;
}

/**
 * Columns left out of every checksum: load ids are random per run, times differ per run (a file's
 * modification time per checkout), and a run id names the run. Everything else a load writes is a
 * function of the input files.
 */
const VOLATILE = new Set([
  'file_mtime',
  'load_id',
  'replaces_load_id',
  'superseded_by',
  'run_id',
  'started_at',
  'finished_at',
  'last_seen_at',
  'applied_at',
  'loaded_at',
]);

/**
 * Checksums of every table and view of the given schemas: for each column, the XOR of the hashes
 * of (row identity, value) pairs, so that a value moved to another row changes the sum while the
 * row order does not. The row identity is (file, line) where the relation has them, else the row
 * itself.
 */
export async function warehouseChecksums(
  conn: DuckDBConnection,
  schemas: readonly string[],
  /** Folder the loaded files were read from: removed from file paths, so checkouts anywhere compare equal. */
  dataRoot: string,
): Promise<Record<string, RelationChecksum>> {
  const list = schemas.map((s) => `'${s}'`).join(', ');
  const relations = (
    await conn.runAndReadAll(`SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name IN (${list})
      UNION ALL SELECT schema_name || '.' || view_name FROM duckdb_views() WHERE NOT internal AND schema_name IN (${list}) ORDER BY 1`)
  )
    .getRowObjects()
    .map((r) => String(r.t));
  const out: Record<string, RelationChecksum> = {};
  for (const rel of relations) {
    const [schema, name] = rel.split('.') as [string, string];
    const cols = (
      await conn.runAndReadAll(
        `SELECT column_name FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 AND database_name = current_database() ORDER BY column_index`,
        [schema, name],
      )
    )
      .getRowObjects()
      .map((r) => String(r.column_name))
      .filter((c) => !VOLATILE.has(c));
    // A stable row key: lineage where the relation carries it, the whole row otherwise. Values are
    // hashed as one string with their key (DuckDB's multi-argument hash combines arguments
    // linearly, so a XOR over rows would cancel repeated values).
    const text = (c: string) =>
      c === 'file_path' ? `coalesce(replace("${c}", '${dataRoot.replace(/'/g, "''")}/', ''), chr(0))` : `coalesce("${c}"::VARCHAR, chr(0))`;
    const lineage = ['file_key', 'posting_id', 'file_path', 'line'].filter((c) => cols.includes(c));
    const key =
      cols.includes('line') && lineage.length > 1
        ? lineage.map(text).join(` || chr(31) || `)
        : `md5(${cols.map(text).join(` || chr(31) || `)})`;
    const sums = cols.map((c) => `bit_xor(hash(${key} || chr(30) || ${text(c)}))::VARCHAR AS "${c}"`);
    const row = (
      await conn.runAndReadAll(`SELECT count(*)::VARCHAR AS __rows${sums.length ? ', ' + sums.join(', ') : ''} FROM ${rel}`)
    ).getRowObjects()[0]!;
    out[rel] = { rows: Number(row.__rows), columns: Object.fromEntries(cols.map((c) => [c, String(row[c])])) };
  }
  return out;
}
