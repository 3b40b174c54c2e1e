import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeArrowFile } from '@talent/client';
import type { Config } from '@talent/models';
import { lakeLayout } from '../publish/lake-layout.js';

/** What `talent export` wrote, per table. */
export interface ExportedTable {
  table: string;
  rows: number;
  partitionBy: string[];
  parquetFiles: number;
  arrowFile: string;
}

export interface ExportSummary {
  snapshot: string;
  lake: string;
  tables: ExportedTable[];
  seconds: number;
}

/** Error of a missing snapshot: the caller turns it into the "no input" exit code. */
export class NoSnapshotError extends Error {
  override name = 'NoSnapshotError';
}

function countFiles(dir: string, suffix: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(suffix)).length;
}

/**
 * Writes the core and marts tables of the published snapshot to the lake: Parquet in hive layout
 * (lake-layout.ts) and one Arrow IPC file per table. Reads the snapshot, never the warehouse, so
 * it runs beside the night run. The lake is built aside and swapped in whole: a reader of the lake
 * sees the previous export or this one.
 */
export async function exportLake(config: Config): Promise<ExportSummary> {
  const started = performance.now();
  const snapshot = config.publishedPath;
  const lake = config.exportsDir;
  if (!snapshot || !lake || !existsSync(snapshot)) {
    throw new NoSnapshotError(`No published snapshot at ${snapshot ?? '(none configured)'}: a successful \`talent run\` writes it`);
  }
  const staging = `${lake}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(join(staging, 'arrow'), { recursive: true });
  const instance = await DuckDBInstance.create(snapshot, { access_mode: 'READ_ONLY', memory_limit: config.memoryLimit });
  const conn = await instance.connect();
  const tables: ExportedTable[] = [];
  try {
    for (const t of await lakeLayout(conn, staging)) {
      mkdirSync(dirname(t.parquetDir), { recursive: true });
      const partition = t.partitionBy.length ? `, PARTITION_BY (${t.partitionBy.join(', ')})` : '';
      const target = t.partitionBy.length ? t.parquetDir : join(t.parquetDir, 'data_0.parquet');
      if (!t.partitionBy.length) mkdirSync(t.parquetDir, { recursive: true });
      await conn.run(`COPY (SELECT ${t.select} FROM ${t.name}) TO '${target.replaceAll("'", "''")}' (FORMAT parquet${partition})`);
      const { rows } = await writeArrowFile(conn, `SELECT * FROM ${t.name}`, t.arrowFile);
      tables.push({
        table: t.name,
        rows,
        partitionBy: t.partitionBy,
        parquetFiles: countFiles(t.parquetDir, '.parquet'),
        arrowFile: relative(staging, t.arrowFile),
      });
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const old = `${lake}.${process.pid}.old`;
  if (existsSync(lake)) renameSync(lake, old);
  renameSync(staging, lake);
  rmSync(old, { recursive: true, force: true });
  return { snapshot, lake, tables, seconds: (performance.now() - started) / 1000 };
}
