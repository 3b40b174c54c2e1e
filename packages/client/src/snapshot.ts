import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { resolveConfig } from '@talent/models';
import { Table, type RecordBatch } from 'apache-arrow';
import type { DataFrame } from 'danfojs-node';
import { arrowSchemaOf, recordBatchOf, type StringBytesCache } from './arrow-from-duckdb.js';
import { frameFromArrow } from './frame.js';

/** The published snapshot, open read-only. */
export interface Snapshot {
  /** The snapshot file this handle reads (a later run's swap does not move it). */
  readonly path: string;
  /** The DuckDB connection, for what the two helpers do not cover. */
  readonly conn: DuckDBConnection;
  /** Runs a query and returns its result as an Arrow table. */
  query(sql: string): Promise<Table>;
  /** Runs a query and returns its result as a danfojs DataFrame. */
  queryFrame(sql: string): Promise<DataFrame>;
  close(): void;
}

export interface OpenSnapshotOptions {
  /** DuckDB buffer pool for the notebook's queries (default DuckDB's own). */
  memoryLimit?: string;
}

/**
 * Opens the published snapshot read-only: `path`, else the one the platform's configuration names
 * (`--published`, `TALENT_PUBLISHED`, else `published/talent.duckdb` beside the warehouse). The
 * nightly run swaps a new file in beside an open handle without disturbing it; reopen to see it.
 * @example const snap = await openSnapshot(); const gaps = await snap.query('FROM marts.fct_talent_gap LIMIT 5'); snap.close();
 */
export async function openSnapshot(path?: string, options: OpenSnapshotOptions = {}): Promise<Snapshot> {
  const file = path ?? resolveConfig({}).publishedPath;
  if (!file) throw new Error('No published snapshot is configured (an in-memory warehouse publishes none): pass its path');
  if (!existsSync(file)) throw new Error(`No published snapshot at ${file}: a successful \`talent run\` writes it`);
  const config: Record<string, string> = { access_mode: 'READ_ONLY' };
  if (options.memoryLimit) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(file, config);
  const conn = await instance.connect();
  const query = async (sql: string): Promise<Table> => {
    const result = await conn.run(sql);
    const schema = arrowSchemaOf(result.columnNames(), result.columnTypes());
    const strings: StringBytesCache = new Map();
    const batches: RecordBatch[] = [];
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      batches.push(recordBatchOf(schema, chunk, strings));
    }
    return batches.length ? new Table(batches) : new Table(schema);
  };
  return {
    path: file,
    conn,
    query,
    queryFrame: async (sql) => frameFromArrow(await query(sql)),
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
