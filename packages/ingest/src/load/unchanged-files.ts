import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction, type SourceMapping, sqlLiteral } from '@talent/models';
import { activeLoad, fileStamp, MTIME_SQL, newLoadId, type FileStamp } from './lineage.js';
import { newLoadResult, type LoadResult } from './load-file.js';

/** Why an unchanged file was skipped: one wording for all, so that the summary groups them into one line. */
export const UNCHANGED_MESSAGE =
  'unchanged since it was loaded (same path, size and modification time; touch the file to have it hashed again); nothing to do';

/**
 * The quick check of a night with nothing new, before any file is read: a file whose path, size and
 * modification time are those a load recorded when it hashed the file, and whose content an active
 * load still holds, is skipped without reading its bytes, as rsync's quick check decides (a file
 * rewritten in place with the same size within the same microsecond is the case this misses).
 * Every file is checked in one query and every skip row written in one transaction: one commit
 * for the night instead of one per file.
 * @returns per file of `files`, its skip result, or undefined for a file loadFile must read.
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
      SELECT p.i, arg_max(l.file_sha256, l.started_at) AS sha
      FROM probe p JOIN meta.loads l ON l.file_path = p.path AND l.file_bytes = p.bytes AND l.file_mtime = ${MTIME_SQL('p.mtime_us')}
      WHERE l.status <> 'failed' GROUP BY p.i)
    SELECT i, sha FROM seen s
    WHERE EXISTS (SELECT 1 FROM meta.loads a WHERE a.file_sha256 = s.sha AND ${activeLoad('a.')})
    ORDER BY i`);
  const rows = found.getRowObjectsJson().map((r) => ({ i: Number(r.i), sha: String(r.sha) }));
  if (rows.length === 0) return skipped;
  const now = new Date();
  const values: string[] = [];
  // Ids of one second differ only by their random part: drawn again on the rare repeat.
  const ids = new Set<string>();
  const freshId = (): string => {
    let id = newLoadId(now);
    while (ids.has(id)) id = newLoadId(now);
    ids.add(id);
    return id;
  };
  for (const { i, sha } of rows) {
    const { mapping, path } = files[i]!;
    const r = newLoadResult(freshId(), mapping, path);
    r.sha256 = sha;
    r.status = 'skipped_duplicate';
    r.message = UNCHANGED_MESSAGE;
    skipped[i] = r;
    const s = stamps[i]!;
    values.push(
      `(${[r.loadId, r.source, r.kind, r.filePath, r.sha256].map(sqlLiteral).join(', ')}, ${s.bytes}, ${MTIME_SQL(String(s.mtimeUs))}, ${sqlLiteral(r.status)}, ${sqlLiteral(r.message)})`,
    );
  }
  await inTransaction(conn, () =>
    conn.run(`INSERT INTO meta.loads (load_id, source, kind, file_path, file_sha256, file_bytes, file_mtime, status, message,
        rows_read, rows_loaded, rows_rejected, started_at, finished_at)
      SELECT *, 0, 0, 0, now(), now() FROM (VALUES ${values.join(',\n')})`),
  );
  return skipped;
}
