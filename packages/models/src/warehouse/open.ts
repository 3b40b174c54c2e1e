import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_MEMORY_LIMIT } from '../config.js';
import { migrate } from './migrations.js';
import { runModels } from './run-models.js';

/** An open warehouse: one DuckDB file and one connection to it. */
export interface Warehouse {
  readonly path: string;
  readonly instance: DuckDBInstance;
  readonly conn: DuckDBConnection;
  /** Migrations applied when this handle was opened (empty if the file was current). */
  readonly migrationsApplied: string[];
  /** Models created or replaced when this handle was opened (empty if all were current). */
  readonly modelsChanged: string[];
  close(): void;
}

export interface OpenWarehouseOptions {
  /** Open without writing (analysts' snapshots); migrations are not applied. */
  readOnly?: boolean;
  /**
   * DuckDB's buffer pool limit, e.g. `'1GB'` (the configuration's `memoryLimit`); beyond it DuckDB
   * spills to `<file>.tmp` instead of growing. Default {@link DEFAULT_MEMORY_LIMIT} for a warehouse
   * file (DuckDB's own default, 80 % of RAM, is no neighbour on a shared bureau server); unlimited
   * for `':memory:'`, which has nowhere to spill.
   */
  memoryLimit?: string;
}

/**
 * Opens (creating if needed) the warehouse file and brings its schema up to date: migrations for
 * the stored tables, then the model layer (views, macros, the kinds' tables).
 * `':memory:'` gives a throwaway warehouse for tests.
 * @example const wh = await openWarehouse('warehouse/talent.duckdb'); try { … } finally { wh.close(); }
 */
export async function openWarehouse(path: string, options: OpenWarehouseOptions = {}): Promise<Warehouse> {
  if (path !== ':memory:' && !options.readOnly) mkdirSync(dirname(path), { recursive: true });
  const config: Record<string, string> = options.readOnly ? { access_mode: 'READ_ONLY' } : {};
  const memoryLimit = options.memoryLimit ?? (path === ':memory:' ? undefined : DEFAULT_MEMORY_LIMIT);
  if (memoryLimit) config.memory_limit = memoryLimit;
  const instance = await DuckDBInstance.create(path, config);
  const conn = await instance.connect();
  const migrationsApplied = options.readOnly ? [] : await migrate(conn);
  const modelsChanged = options.readOnly
    ? []
    : (await runModels(conn)).filter((r) => r.action !== 'unchanged' && r.action !== 'deferred').map((r) => r.name);
  // Schema changes go to the file at once: DuckDB cannot replay a WAL holding a column comment of a
  // table with a generated column (core.job_posting), so a run killed before its first checkpoint
  // would leave a warehouse that no longer opens.
  if (path !== ':memory:' && (migrationsApplied.length || modelsChanged.length)) await conn.run('CHECKPOINT');
  return {
    path,
    instance,
    conn,
    migrationsApplied,
    modelsChanged,
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
