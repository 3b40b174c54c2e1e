import type { DuckDBConnection } from '@duckdb/node-api';
import { listModels } from './run-models.js';
import { sqlLiteral } from './sql.js';
import { inTransaction } from './transaction.js';

/** A projection vintage (`meta.projection_runs`), newest first in {@link listVintages}. */
export interface Vintage {
  runId: string;
  /** When it was committed, UTC (`2026-03-01 02:00:09Z`). */
  finishedAt: string;
  lastObservedYear: number;
  /** When the retention rule dropped its occupation-level rows; null while it is whole. */
  detailDroppedAt: string | null;
}

/** A timestamp as `2026-03-01 02:00:09Z`, whatever the connection's TimeZone setting. */
const utc = (column: string) => `strftime(${column} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S') || 'Z'`;

/**
 * Every vintage, newest first (by when it was committed, then run id). A warehouse opened read-only
 * before its upgrade lacks `detail_dropped_at`: its vintages are all whole.
 */
export async function listVintages(conn: DuckDBConnection): Promise<Vintage[]> {
  const upgraded =
    (
      await conn.runAndReadAll(
        `SELECT 1 FROM duckdb_columns() WHERE database_name = current_database() AND schema_name = 'meta' AND table_name = 'projection_runs' AND column_name = 'detail_dropped_at'`,
      )
    ).currentRowCount > 0;
  const rows = await conn.runAndReadAll(
    `SELECT run_id, ${utc('finished_at')}, last_observed_year, ${upgraded ? utc('detail_dropped_at') : 'NULL'}
     FROM meta.projection_runs ORDER BY finished_at DESC, run_id DESC`,
  );
  return rows.getRowsJson().map((r) => ({
    runId: String(r[0]),
    finishedAt: String(r[1]),
    lastObservedYear: Number(r[2]),
    detailDroppedAt: r[3] === null ? null : String(r[3]),
  }));
}

/** The marts models that keep recent vintages only (`-- vintages: recent`): what the retention rule drops. */
export function recentOnlyModels(): string[] {
  return listModels()
    .filter((m) => m.vintages === 'recent')
    .map((m) => m.name);
}

/**
 * The vintages whose occupation-level rows the retention rule drops: those still whole beyond the
 * newest `keep`, except the `protect`ed ones (a report was built from them). The newest vintage is
 * never among them (`keep` is at least 1).
 */
export function vintagesBeyond(vintages: readonly Vintage[], keep: number, protect: ReadonlySet<string>): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be a whole number of at least 1, not ${keep}`);
  return vintages
    .slice(keep)
    .filter((v) => v.detailDroppedAt === null && !protect.has(v.runId))
    .map((v) => v.runId);
}

/**
 * Drops the rows of the given vintages from every model of {@link recentOnlyModels} and records when
 * in `meta.projection_runs.detail_dropped_at`, in one transaction. The vintages' industry trend
 * (`marts.fct_industry_trend`, read by `marts.fct_projection_accuracy`) stays. Returns the rows
 * deleted per model.
 */
export async function dropVintageDetail(conn: DuckDBConnection, runIds: readonly string[]): Promise<Map<string, number>> {
  const deleted = new Map<string, number>();
  if (runIds.length === 0) return deleted;
  const list = runIds.map(sqlLiteral).join(', ');
  await inTransaction(conn, async () => {
    for (const name of recentOnlyModels())
      deleted.set(name, Number((await conn.run(`DELETE FROM ${name} WHERE run_id IN (${list})`)).rowsChanged));
    await conn.run(`UPDATE meta.projection_runs SET detail_dropped_at = now() WHERE run_id IN (${list})`);
  });
  return deleted;
}
