import {
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

/** What a publication wrote. */
export interface PublishedSnapshot {
  path: string;
  /** The snapshot it replaced, kept beside it; NULL on the first publication. */
  previous: string | null;
  bytes: number;
  seconds: number;
}

/** Where the snapshot before the current one is kept: `talent.duckdb` → `talent.prev.duckdb`. */
export function previousSnapshotPath(publishedPath: string): string {
  const name = basename(publishedPath);
  const dot = name.lastIndexOf('.');
  return join(dirname(publishedPath), dot > 0 ? `${name.slice(0, dot)}.prev${name.slice(dot)}` : `${name}.prev`);
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Publishes the warehouse as a read-only snapshot: CHECKPOINT (so the file holds every committed
 * row and the WAL is empty), copy the file aside, then swap the copy in with rename(2). Call it
 * while holding the run lock, with `conn` the run's own connection and nothing else writing.
 *
 * Measured by `npm run bench:publish` on the demo warehouse (111 MB, 52 tables, 2 shared cores):
 * CHECKPOINT + copy 0.49 s median of 3, ATTACH + COPY FROM DATABASE 36.7 s (it rewrites every
 * table) for a file 4 % smaller; both copies matched the warehouse row for row.
 *
 * A notebook holding the old snapshot keeps reading the old file (its inode lives while open);
 * the path never lacks a complete snapshot, because the previous one is hard-linked to
 * `talent.prev.duckdb` before the new one is renamed over it.
 */
export async function publishSnapshot(conn: DuckDBConnection, warehousePath: string, publishedPath: string): Promise<PublishedSnapshot> {
  const started = performance.now();
  mkdirSync(dirname(publishedPath), { recursive: true });
  await conn.run('CHECKPOINT');
  const staging = `${publishedPath}.${process.pid}.tmp`;
  rmSync(staging, { force: true });
  try {
    // A copy-on-write clone where the file system has them (btrfs, XFS, APFS): no bytes copied.
    copyFileSync(warehousePath, staging, constants.COPYFILE_FICLONE);
    fsyncPath(staging);
    chmodSync(staging, 0o444);
    let previous: string | null = null;
    if (existsSync(publishedPath)) {
      previous = previousSnapshotPath(publishedPath);
      const previousStaging = `${previous}.${process.pid}.tmp`;
      rmSync(previousStaging, { force: true });
      linkSync(publishedPath, previousStaging);
      renameSync(previousStaging, previous);
    }
    // A write-ahead log left by someone opening the snapshot read-write would be replayed onto the
    // new file: it belongs to the old one.
    rmSync(`${publishedPath}.wal`, { force: true });
    renameSync(staging, publishedPath);
    fsyncPath(dirname(publishedPath));
    return { path: publishedPath, previous, bytes: statSync(publishedPath).size, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(staging, { force: true });
  }
}
