import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withRunLock } from './run-lock.js';

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
      expect(readFileSync(`${path}.lock`, 'utf8')).toBe(String(process.pid));
      inner = await withRunLock(path, () => Promise.resolve('second')).catch((e: Error) => e.message);
    });
    expect(inner).toMatch(/Another run \(pid \d+\) holds/);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that died', async () => {
    const path = wh();
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    writeFileSync(`${path}.lock`, dead);
    await expect(withRunLock(path, () => Promise.resolve('ran'))).resolves.toBe('ran');
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
