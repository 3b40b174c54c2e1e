import { createHash, randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { activeLoad } from '@talent/models';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A file's identity (SHA-256 of its bytes) and its number of physical lines. */
export interface FileFingerprint {
  sha256: string;
  /** Line breaks, plus one when the last line has none: what a line-per-record reader must account for. */
  lines: number;
  bytes: number;
  /** The file holds a NUL byte. */
  nul: boolean;
  /** A CR not followed by a LF ends a line somewhere (old Mac line ends). */
  loneCr: boolean;
  /** A UTF-8 byte-order mark appears after the first bytes (files concatenated). */
  midBom: boolean;
}

/**
 * Hashes a file in one streamed pass and counts its lines on the way (the count tells whether a
 * bulk reader's record numbers are line numbers, see stageWithDuckdb).
 */
export async function fileFingerprint(path: string): Promise<FileFingerprint> {
  const hash = createHash('sha256');
  let breaks = 0;
  let bytes = 0;
  let last = -1;
  let nul = false;
  let loneCr = false;
  let midBom = false;
  let offset = 0;
  // One reused 4 MiB buffer: a stream's fresh 64 KiB (or 1 MiB) chunks cost a third of the time
  // on large files.
  const fh = await open(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(4 << 20);
    for (let n; (n = (await fh.read(chunk, 0, chunk.length, null)).bytesRead) > 0;) {
      const buf = chunk.subarray(0, n);
      hash.update(buf);
      bytes += n;
      for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) breaks++;
      // A CR as the last byte of a read is not judged (its LF may start the next read).
      if (!loneCr) for (let i = buf.indexOf(13); i !== -1 && !loneCr; i = buf.indexOf(13, i + 1)) loneCr = i + 1 < n && buf[i + 1] !== 10;
      nul ||= buf.indexOf(0) !== -1;
      if (!midBom) {
        const b = buf.indexOf(BOM, offset === 0 ? 1 : 0);
        midBom = b !== -1;
      }
      offset += n;
      last = buf[n - 1]!;
    }
  } finally {
    await fh.close();
  }
  return { sha256: hash.digest('hex'), lines: breaks + (last !== -1 && last !== 10 ? 1 : 0), bytes, nul, loneCr, midBom };
}

/** SHA-256 of a file's bytes, streamed: a file's identity for lineage and idempotency. */
export async function fileSha256(path: string): Promise<string> {
  return (await fileFingerprint(path)).sha256;
}

/** Time-ordered load id, e.g. `L20260124T031502Z-3f9a1c`. */
export function newLoadId(now = new Date()): string {
  return `L${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

/** The active load (loaded or replaced, not superseded) holding these exact bytes, if any. */
export async function loadWithSameContent(
  conn: DuckDBConnection,
  sha256: string,
): Promise<{ load_id: string; file_path: string; source: string } | null> {
  const r = await conn.runAndReadAll(
    `SELECT load_id, file_path, source FROM meta.loads WHERE file_sha256 = $1 AND ${activeLoad()} ORDER BY started_at LIMIT 1`,
    [sha256],
  );
  const row = r.getRowObjectsJson()[0];
  return row ? { load_id: String(row.load_id), file_path: String(row.file_path), source: String(row.source) } : null;
}

/** A file's size and modification time (whole microseconds since the epoch, as meta.loads.file_mtime keeps it). */
export interface FileStamp {
  bytes: number;
  mtimeUs: bigint;
}

export async function fileStamp(path: string): Promise<FileStamp> {
  const s = await stat(path, { bigint: true });
  return { bytes: Number(s.size), mtimeUs: s.mtimeNs / 1000n };
}

/** SQL of a TIMESTAMPTZ from whole microseconds since the epoch (exact, unlike to_timestamp's double). */
export const MTIME_SQL = (param: string) => `to_timestamp(0) + to_microseconds(${param}::BIGINT)`;

/**
 * The SET list of a meta.loads row whose file a run found again and skipped: the sighting goes on
 * the row that recorded the file, so an unchanged night adds no row per file.
 */
export const SEEN_AGAIN = 'last_seen_at = now(), times_seen = coalesce(times_seen, 1) + 1';

/**
 * The row that recorded this file before, which a skip of it updates rather than adding its own:
 * any load of the same path, content, size and modification time, or a skip row of the same path
 * and content (a file whose time changed but not its bytes keeps one such row, its stamp moved on).
 */
export async function earlierRowOfFile(
  conn: DuckDBConnection,
  path: string,
  sha256: string,
  stamp: FileStamp,
): Promise<{ loadId: string; status: string } | null> {
  const r = await conn.runAndReadAll(
    `SELECT load_id, status FROM meta.loads WHERE file_path = $1 AND file_sha256 = $2 AND status <> 'failed'
      AND (status = 'skipped_duplicate' OR (file_bytes = $3 AND file_mtime = ${MTIME_SQL('$4')}))
     ORDER BY started_at DESC LIMIT 1`,
    [path, sha256, stamp.bytes, stamp.mtimeUs],
  );
  const row = r.getRowObjectsJson()[0];
  return row ? { loadId: String(row.load_id), status: String(row.status) } : null;
}

/**
 * Active loads of this source that a load replaces, with their accepted rows: those of `period` (a
 * corrected file under `replace`), then those holding the bytes `sha256` (a reload of the file). The
 * period's come first so that replaces_load_id and the refusal name them as the period's loads.
 */
export async function loadsReplacedBy(
  conn: DuckDBConnection,
  source: string,
  period: string | null,
  sha256: string | null,
): Promise<{ loadId: string; rowsLoaded: number }[]> {
  if (period === null && sha256 === null) return [];
  const r = await conn.runAndReadAll(
    `SELECT load_id, rows_loaded FROM meta.loads WHERE source = $1 AND ${activeLoad()} AND (period = $2 OR file_sha256 = $3)
     ORDER BY coalesce(period = $2, false) DESC, started_at, load_id`,
    [source, period, sha256],
  );
  return r.getRowObjectsJson().map((x) => ({ loadId: String(x.load_id), rowsLoaded: Number(x.rows_loaded ?? 0) }));
}
