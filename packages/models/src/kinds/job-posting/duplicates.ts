/**
 * The duplicate rule of job postings, stated here and in `duplicate_key.sql` beside it: postings
 * with the same duplicate key (the `core.duplicate_key` macro: company and title keys, prefecture,
 * pay to 100 yuan) whose dates follow each other within a window form one demand record, headed by
 * the earliest posting; every other posting of the cluster points at it through `duplicate_of`, so
 * each raw row stays linked to the demand it counts towards. The loader applies the rule to each
 * load against the postings already stored (packages/ingest/src/load/mark-duplicates.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdent } from '../../warehouse/sql.js';

/**
 * Largest gap between re-posts that still counts as the same vacancy. Chosen on the generator's
 * key (the vacancy of every posting), keyed on company, title, prefecture and pay: on the
 * province edition 30 days left 121,163 of 1,684,093 vacancies split over several demand records
 * and 60 days 50,095, while records merging two vacancies grew from 14,581 to 25,696 (1.5 %).
 */
export const DUPLICATE_WINDOW_DAYS = 60;

/**
 * The core model's lookups (`{{ <name>_lookup }}` of job_posting_codes.sql) that the duplicate key is
 * made from, and those of them that feed nothing but the key. DuckDB keeps every LEFT JOIN of the model
 * even when no column of it is read, so the loader reads the keys with the other lookups left empty and
 * writes the rows without the key-only ones, joining the keys back by line (packages/ingest,
 * load/core-insert.ts; a test there holds both equal to the whole model).
 */
export const DUPLICATE_KEY_LOOKUPS: { readonly inputs: readonly string[]; readonly keyOnly: readonly string[] } = {
  inputs: ['salary', 'region', 'company_key', 'title_key'],
  keyOnly: ['company_key', 'title_key'],
};

/** Column names of a table to cluster. */
export interface ClusterColumns {
  /** Unique posting id (default `posting_id`). */
  id?: string;
  /** The duplicate key (default `dedup_key`); rows without one are never marked. */
  key?: string;
  /** DATE or TIMESTAMP (default `posted_date`); rows without one are never marked. */
  date?: string;
  /** Column written: the head posting's id, NULL for heads and unclustered rows (default `duplicate_of`). */
  duplicateOf?: string;
}

function quoteTable(name: string): string {
  return name.split('.').map(sqlIdent).join('.');
}

/**
 * The UPDATE that (re)assigns the duplicate column over the whole table. Clusters chain: a posting
 * joins the cluster of the previous posting with the same key when it appeared at most
 * `windowDays` later, so a vacancy re-posted every three weeks stays one record. Ties on date go to
 * the smaller id, so the result is stable. Only rows whose marking changes are written.
 * @example await conn.run(clusterSql('temp.main.candidates'))
 */
export function clusterSql(table: string, windowDays = DUPLICATE_WINDOW_DAYS, columns: ClusterColumns = {}): string {
  if (!Number.isInteger(windowDays) || windowDays < 0) throw new Error(`windowDays must be a non-negative integer, got ${windowDays}`);
  const t = quoteTable(table);
  const id = sqlIdent(columns.id ?? 'posting_id');
  const key = sqlIdent(columns.key ?? 'dedup_key');
  const date = sqlIdent(columns.date ?? 'posted_date');
  const dup = sqlIdent(columns.duplicateOf ?? 'duplicate_of');
  // Only keys shared by two or more postings can form a cluster, so the windows sort just those.
  return `
UPDATE ${t} AS p SET ${dup} = c.head
FROM (
  WITH keyed AS (
    SELECT ${id} AS id, ${date} AS d, ${key} AS k FROM ${t} WHERE ${key} IS NOT NULL AND ${date} IS NOT NULL
  ),
  shared AS (
    SELECT keyed.* FROM keyed SEMI JOIN (SELECT k FROM keyed GROUP BY k HAVING count(*) > 1) AS s ON s.k = keyed.k
  ),
  gaps AS (
    SELECT *, CASE WHEN date_diff('day', LAG(d) OVER w, d) > ${windowDays} THEN 1 ELSE 0 END AS new_run
    FROM shared
    WINDOW w AS (PARTITION BY k ORDER BY d, id)
  ),
  runs AS (
    SELECT *, SUM(new_run) OVER (PARTITION BY k ORDER BY d, id ROWS UNBOUNDED PRECEDING) AS run FROM gaps
  ),
  heads AS (
    SELECT id, FIRST_VALUE(id) OVER (PARTITION BY k, run ORDER BY d, id) AS head_id FROM runs
  )
  SELECT a.${id} AS id, CASE WHEN h.head_id = a.${id} THEN NULL ELSE h.head_id END AS head
  FROM ${t} AS a LEFT JOIN heads AS h ON h.id = a.${id}
  WHERE a.${dup} IS DISTINCT FROM (CASE WHEN h.head_id = a.${id} THEN NULL ELSE h.head_id END)
) AS c
WHERE p.${id} = c.id`;
}

/** Counts after clustering. */
export interface ClusterResult {
  rows: number;
  /** Demand records: heads plus postings that could not be keyed. */
  demandRecords: number;
  duplicates: number;
}

/**
 * Runs {@link clusterSql} over a table and returns the counts. Call it inside the load's
 * transaction so a failure leaves the previous marking intact.
 */
export async function clusterDuplicates(
  conn: DuckDBConnection,
  table: string,
  options: ClusterColumns & { windowDays?: number } = {},
): Promise<ClusterResult> {
  await conn.run(clusterSql(table, options.windowDays ?? DUPLICATE_WINDOW_DAYS, options));
  const dup = sqlIdent(options.duplicateOf ?? 'duplicate_of');
  const row = (
    await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n, count(${dup})::BIGINT AS d FROM ${quoteTable(table)}`)
  ).getRowObjects()[0]!;
  const rows = Number(row.n);
  const duplicates = Number(row.d);
  return { rows, duplicates, demandRecords: rows - duplicates };
}
