import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Whether a process with this id is alive on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Holds an exclusive lock file beside the warehouse while `fn` runs, so that a cron-started run
 * and a manual one can never write the same warehouse at once (node-cron's noOverlap only guards
 * one process). A lock left by a dead process is taken over.
 */
export async function withRunLock<T>(warehousePath: string, fn: () => Promise<T>): Promise<T> {
  if (warehousePath === ':memory:') return fn();
  const lockPath = `${warehousePath}.lock`;
  // A fresh checkout has no warehouse/ folder yet: the first run creates it.
  mkdirSync(dirname(lockPath), { recursive: true });
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const holder = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new Error(`Another run (pid ${holder}) holds ${lockPath}; not starting a second one`);
    }
    rmSync(lockPath, { force: true });
    fd = openSync(lockPath, 'wx');
  }
  writeSync(fd, String(process.pid));
  closeSync(fd);
  try {
    return await fn();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
