import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLockHolder, STALE_AFTER_MS, withRunLock, type LockTakeover } from './run-lock.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const wh = () => {
  const d = mkdtempSync(join(tmpdir(), 'lock-'));
  dirs.push(d);
  return join(d, 'talent.duckdb');
};

describe('withRunLock', () => {
  it('refuses a second run while the first holds the lock, and releases it afterwards', async () => {
    const path = wh();
    let inner: unknown;
    await withRunLock(path, async () => {
      expect(readLockHolder(`${path}.lock`)).toMatchObject({ pid: process.pid, host: hostname() });
      inner = await withRunLock(path, () => Promise.resolve('second')).catch((e: Error) => e.message);
    });
    expect(inner).toMatch(
      /^Another run \(pid \d+, since \d{4}-\d\d-\d\dT[\d:.]+Z\) holds .*talent\.duckdb\.lock; not starting a second one$/,
    );
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that died, and says so', async () => {
    const path = wh();
    const dead = Number(spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim());
    const heartbeatAt = new Date().toISOString();
    writeFileSync(`${path}.lock`, JSON.stringify({ pid: dead, host: hostname(), startedAt: heartbeatAt, heartbeatAt }));
    const told: LockTakeover[] = [];
    await expect(withRunLock(path, (t) => Promise.resolve(t?.reason), { onTakeover: (t) => told.push(t) })).resolves.toBe(
      `process ${dead} is gone`,
    );
    expect(told.map((t) => t.holder.pid)).toEqual([dead]);
  });

  it('takes over the bare-pid lock of earlier releases', async () => {
    const path = wh();
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    writeFileSync(`${path}.lock`, dead);
    await expect(withRunLock(path, () => Promise.resolve('ran'))).resolves.toBe('ran');
  });

  it('takes over a live pid whose heartbeat stopped, but not one that beats', async () => {
    const path = wh();
    const now = Date.parse('2026-12-03T02:00:00Z');
    const lock = (beatAgoMs: number) =>
      writeFileSync(
        `${path}.lock`,
        JSON.stringify({
          pid: process.pid,
          host: hostname(),
          startedAt: '2026-12-03T01:00:00Z',
          heartbeatAt: new Date(now - beatAgoMs).toISOString(),
        }),
      );
    lock(10_000);
    await expect(withRunLock(path, () => Promise.resolve('ran'), { now: () => now })).rejects.toThrow(
      `Another run (pid ${process.pid}, since 2026-12-03T01:00:00Z) holds`,
    );
    lock(STALE_AFTER_MS + 60_000);
    await expect(withRunLock(path, (t) => Promise.resolve(t?.reason), { now: () => now })).resolves.toBe(
      `its heartbeat is ${(STALE_AFTER_MS + 60_000) / 1000} s old (stale after ${STALE_AFTER_MS / 1000} s)`,
    );
  });

  it('creates the warehouse folder of a fresh checkout', async () => {
    const path = join(wh().replace(/talent\.duckdb$/, ''), 'warehouse', 'talent.duckdb');
    await expect(withRunLock(path, () => Promise.resolve(existsSync(`${path}.lock`)))).resolves.toBe(true);
  });

  it('releases the lock when the run fails', async () => {
    const path = wh();
    await expect(withRunLock(path, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
