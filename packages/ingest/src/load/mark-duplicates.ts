import type { DuckDBConnection } from '@duckdb/node-api';
import { clusterDuplicates, sqlLiteral } from '@talent/models';

/**
 * Decides the duplicates of one load before its postings are written (an UPDATE of freshly
 * written rows makes DuckDB rewrite them at commit: +1.2 s on a million rows). `codes` holds the
 * load's coded postings (line, dedup_key, posted_date); the candidates are those whose key is held
 * by two or more postings, new or stored (a key held once is never a cluster). Stored postings
 * whose marking changes are updated here; the new postings' marks are left in `<prefix>_dd`
 * (line, duplicate_of) for the insert to join. `freed` (dedup_key), when given, holds the keys of
 * the rows the load's replacement deleted: the stored postings left with those keys are clustered
 * again, or a copy of a deleted posting would point at nothing and drop out of core.job_demand.
 * @returns the change the load made to the number of postings marked duplicates: its own marked,
 * plus stored ones now marked (an earlier copy it brings heads them), less stored ones unmarked.
 * Its postings less this is the change in demand records, whichever side of a pair is new.
 */
export async function markLoadDuplicates(
  conn: DuckDBConnection,
  codes: string,
  prefix: string,
  fileKey: string,
  freed?: string,
): Promise<number> {
  const F = sqlLiteral(fileKey);
  const cand = `${prefix}_dc`;
  const keys = freed ? `SELECT dedup_key FROM g UNION SELECT dedup_key FROM ${freed}` : 'SELECT dedup_key FROM g';
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${cand} AS
    WITH g AS MATERIALIZED (SELECT dedup_key, count(*) AS c FROM ${codes} WHERE dedup_key IS NOT NULL GROUP BY dedup_key),
    s AS MATERIALIZED (
      SELECT file_key, line, posting_id, dedup_key, posted_date, duplicate_of FROM core.job_posting_codes
      WHERE dedup_key IN (${keys})),
    m AS (SELECT dedup_key FROM g WHERE c > 1 UNION SELECT dedup_key FROM s)
    SELECT ${F} AS file_key, line, ${F} || ':' || line AS posting_id, dedup_key, posted_date,
      NULL::VARCHAR AS duplicate_of, true AS is_new, NULL::VARCHAR AS stored_duplicate_of
    FROM ${codes} SEMI JOIN m USING (dedup_key)
    UNION ALL
    SELECT file_key, line, posting_id, dedup_key, posted_date, duplicate_of, false, duplicate_of FROM s`);
  await clusterDuplicates(conn, `temp.main.${cand}`);
  await conn.run(`UPDATE core.job_posting_codes c SET duplicate_of = d.duplicate_of
    FROM (SELECT file_key, line, duplicate_of FROM ${cand} WHERE NOT is_new AND duplicate_of IS DISTINCT FROM stored_duplicate_of) d
    WHERE c.file_key = d.file_key AND c.line = d.line`);
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${prefix}_dd AS SELECT line, duplicate_of FROM ${cand} WHERE is_new AND duplicate_of IS NOT NULL`,
  );
  const r = await conn.runAndReadAll(`SELECT
      count(*) FILTER (WHERE is_new AND duplicate_of IS NOT NULL)
      + count(*) FILTER (WHERE NOT is_new AND duplicate_of IS NOT NULL AND stored_duplicate_of IS NULL)
      - count(*) FILTER (WHERE NOT is_new AND duplicate_of IS NULL AND stored_duplicate_of IS NOT NULL) AS n
    FROM ${cand}`);
  return Number(r.getRowObjectsJson()[0]!.n);
}
