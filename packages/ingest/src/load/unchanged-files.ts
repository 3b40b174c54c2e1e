import type { DuckDBConnection } from '@duckdb/node-api';
import { activeLoad, inTransaction, type SourceMapping, sqlLiteral } from '@talent/models';
import { fileStamp, MTIME_SQL, SEEN_AGAIN, type FileStamp } from './lineage.js';
import { newLoadResult, type LoadResult } from './load-file.js';

/** Why an unchanged file was skipped: one wording for all, so that the summary groups them into one line. */
export const UNCHANGED_MESSAGE =
  'unchanged since it was loaded (same path, size and modification time; touch the file to have it hashed again); nothing to do';

/**
 * The quick check of a night with nothing new, before any file is read: a file whose path, size and
 * modification time are those a load recorded when it hashed the file, and whose content an active
 * load still holds, is skipped without reading its bytes, as rsync's quick check decides (a file
 * rewritten in place with the same size within the same microsecond is the case this misses).
 * Every file is checked in one query. A skip is recorded on the meta.loads row that matched
 * (last_seen_at, times_seen), all in one transaction: like an ingestion tool's per-file state, a
 * night with nothing new adds no row, where a row per file and night would grow without end.
 * @returns per file of `files`, its skip result (whose loadId is the row updated), or undefined
 * for a file loadFile must read.
 */
export async function skipUnchangedFiles(
  conn: DuckDBConnection,
  files: readonly { mapping: SourceMapping; path: string }[],
): Promise<(LoadResult | undefined)[]> {
  const skipped: (LoadResult | undefined)[] = files.map(() => undefined);
  // A file that cannot be stat'ed is left to loadFile, which reports why.
  const stamps = await Promise.all(files.map((f) => fileStamp(f.path).catch((): FileStamp | null => null)));
  const probe = files.flatMap((f, i) => {
    const s = stamps[i];
    return s ? [`(${i}, ${sqlLiteral(f.path)}, ${s.bytes}, ${s.mtimeUs})`] : [];
  });
  if (probe.length === 0) return skipped;
  const found = await conn.runAndReadAll(`WITH probe(i, path, bytes, mtime_us) AS (VALUES ${probe.join(', ')}),
    seen AS (
      SELECT p.i, arg_max({sha: l.file_sha256, id: l.load_id}, (l.started_at, l.load_id)) AS latest
      FROM probe p JOIN meta.loads l ON l.file_path = p.path AND l.file_bytes = p.bytes AND l.file_mtime = ${MTIME_SQL('p.mtime_us')}
      WHERE l.status <> 'failed' GROUP BY p.i)
    SELECT i, latest.sha AS sha, latest.id AS load_id FROM seen s
    WHERE EXISTS (SELECT 1 FROM meta.loads a WHERE a.file_sha256 = s.latest.sha AND ${activeLoad('a.')})
    ORDER BY i`);
  const rows = found.getRowObjectsJson().map((r) => ({ i: Number(r.i), sha: String(r.sha), loadId: String(r.load_id) }));
  if (rows.length === 0) return skipped;
  for (const { i, sha, loadId } of rows) {
    const { mapping, path } = files[i]!;
    const r = newLoadResult(loadId, mapping, path);
    r.sha256 = sha;
    r.status = 'skipped_duplicate';
    r.message = UNCHANGED_MESSAGE;
    skipped[i] = r;
  }
  const ids = [...new Set(rows.map((r) => r.loadId))];
  await inTransaction(conn, () => conn.run(`UPDATE meta.loads SET ${SEEN_AGAIN} WHERE load_id IN (${ids.map(sqlLiteral).join(', ')})`));
  return skipped;
}
