import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

/**
 * The lock holder's heartbeat: rewritten every few seconds while a run holds the lock. DuckDB
 * works on its own threads, so the event loop stays free to beat even during a long query.
 */
export const HEARTBEAT_MS = 5_000;

/**
 * A lock whose heartbeat is older than this is stale even if its pid is alive: the pid may have
 * been reused, or the holder hangs. Generous against the longest synchronous stretch of a run
 * (parsing one large XLSX sheet), which delays the beat.
 */
export const STALE_AFTER_MS = 120_000;

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  heartbeatAt: string;
}

/** Why a lock was taken over, for the log and the run record. */
export interface LockTakeover {
  holder: LockHolder;
  reason: string;
}

export interface RunLockOptions {
  /** Told when a stale lock is taken over (the caller logs it). */
  onTakeover?: (takeover: LockTakeover) => void;
  now?: () => number;
}

/** Whether a process with this id is alive on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder a lock file names; a bare pid is the lock format of earlier releases. */
export function readLockHolder(lockPath: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8').trim();
  } catch {
    return null;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text), host: hostname(), startedAt: '', heartbeatAt: '' };
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.pid === 'number'
      ? { pid: h.pid, host: h.host ?? '', startedAt: h.startedAt ?? '', heartbeatAt: h.heartbeatAt ?? '' }
      : null;
  } catch {
    // A holder killed while writing its first beat leaves a partial file.
    return null;
  }
}

/** Why a holder's lock may be taken over, or null while it is alive and beating. */
export function staleReason(holder: LockHolder | null, now = Date.now()): string | null {
  if (!holder) return 'the lock file is unreadable';
  if (holder.host === hostname() && !alive(holder.pid)) return `process ${holder.pid} is gone`;
  const beat = Date.parse(holder.heartbeatAt);
  if (Number.isFinite(beat) && now - beat > STALE_AFTER_MS)
    return `its heartbeat is ${Math.round((now - beat) / 1000)} s old (stale after ${STALE_AFTER_MS / 1000} s)`;
  return null;
}

/** The error a run meets when another live run holds the lock. */
export class LockHeldError extends Error {
  override name = 'LockHeldError';
}

/**
 * Holds an exclusive lock file beside the warehouse while `fn` runs, so that a cron-started run
 * and a manual one can never write the same warehouse at once (node-cron's noOverlap only guards
 * one process). A lock whose holder died or stopped beating is taken over, and `onTakeover` says so.
 */
export async function withRunLock<T>(
  warehousePath: string,
  fn: (takeover: LockTakeover | null) => Promise<T>,
  options: RunLockOptions = {},
): Promise<T> {
  if (warehousePath === ':memory:') return fn(null);
  const now = options.now ?? Date.now;
  const lockPath = `${warehousePath}.lock`;
  // A fresh checkout has no warehouse/ folder yet: the first run creates it.
  mkdirSync(dirname(lockPath), { recursive: true });
  let takeover: LockTakeover | null = null;
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = readLockHolder(lockPath);
    const reason = staleReason(holder, now());
    if (!reason)
      throw new LockHeldError(
        `Another run (pid ${holder!.pid}${holder!.startedAt ? `, since ${holder!.startedAt}` : ''}) holds ${lockPath}; not starting a second one`,
      );
    takeover = { holder: holder ?? { pid: 0, host: '', startedAt: '', heartbeatAt: '' }, reason };
    rmSync(lockPath, { force: true });
    // Two runs taking over at once: only one creates the file, the other meets EEXIST and stops.
    fd = openSync(lockPath, 'wx');
  }
  const startedAt = new Date(now()).toISOString();
  const content = () => JSON.stringify({ pid: process.pid, host: hostname(), startedAt, heartbeatAt: new Date(now()).toISOString() });
  writeSync(fd, content());
  closeSync(fd);
  if (takeover) options.onTakeover?.(takeover);
  const beat = setInterval(() => {
    // Write aside and rename, so a reader never sees half a file.
    try {
      writeFileSync(`${lockPath}.beat`, content());
      renameSync(`${lockPath}.beat`, lockPath);
    } catch {
      // A beat that fails (disk full) only makes the lock look stale sooner; the run goes on.
    }
  }, HEARTBEAT_MS);
  beat.unref();
  try {
    return await fn(takeover);
  } finally {
    clearInterval(beat);
    rmSync(lockPath, { force: true });
  }
}
