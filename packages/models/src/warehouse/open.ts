import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { defaultWarehousePath } from '../paths.js';
import { migrate } from './migrations.js';

/** An open warehouse: one DuckDB file and one connection to it. */
export interface Warehouse {
  readonly path: string;
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;
  /** Migrations applied when this handle was opened (empty if the file was current). */
  readonly migrationsApplied: string[];
  close(): void;
}

export interface OpenWarehouseOptions {
  /** Open without writing (analysts' snapshots); migrations are not applied. */
  readOnly?: boolean;
  /**
   * DuckDB's buffer pool limit, e.g. `'1GB'`; beyond it DuckDB spills to `<file>.tmp` instead of
   * growing. Default: `TALENT_MEMORY_LIMIT`, else {@link DEFAULT_MEMORY_LIMIT} for a warehouse file
   * (DuckDB's own default, 80 % of RAM, is no neighbour on a shared bureau server); unlimited
   * for `':memory:'`, which has nowhere to spill.
   */
  memoryLimit?: string;
}

/** Buffer pool of a warehouse file when nothing else is said: keeps a nightly run near 1.3 GB. */
export const DEFAULT_MEMORY_LIMIT = '1GB';

/**
 * Opens (creating if needed) the warehouse file and brings its schema up to date.
 * `':memory:'` gives a throwaway warehouse for tests.
 * @example const wh = await openWarehouse('warehouse/talent.duckdb'); try { … } finally { wh.close(); }
 */
export async function openWarehouse(path = defaultWarehousePath(), options: OpenWarehouseOptions = {}): Promise<Warehouse> {
  if (path !== ':memory:' && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
  const config: Record<string, string> = options.readOnly ? { access_mode: 'READ_ONLY' } : {};
  const memoryLimit = options.memoryLimit ?? process.env.TALENT_MEMORY_LIMIT ?? (path === ':memory:' ? undefined : DEFAULT_MEMORY_LIMIT);
  if (memoryLimit) config.memory_limit = memoryLimit;
  const instance = await DuckDBInstance.create(path, config);
  const conn = await instance.connect();
  const migrationsApplied = options.readOnly ? [] : await migrate(conn);
  return {
    path,
    instance,
    conn,
    migrationsApplied,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** Runs `fn` inside one transaction: all of it lands, or none of it does. */
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
