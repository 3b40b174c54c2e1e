import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openWarehouse } from '@talent/models';
import { loadFile } from '@talent/ingest';
import { POSTING_HEADER, POSTING_MAPPING, postingLines, writeUtf8 } from './helpers/fixtures.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const here = fileURLToPath(new URL('.', import.meta.url));
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child loader and SIGKILLs it the moment it reports the write transaction has begun. */
function loadAndKill(warehouse: string, file: string): Promise<{ phases: string[]; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    // One process (tsx as a loader, not its CLI wrapper) so that SIGKILL hits the process holding the file.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', join(here, 'helpers', 'load-child.ts'), warehouse, file],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const phases: string[] = [];
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        phases.push(line);
        if (line === 'phase:writing') child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ phases, signal }));
  });
}

describe('a process killed mid-load leaves the warehouse exactly as before', () => {
  it('SIGKILL inside the write transaction: nothing partial, and the next load succeeds', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ingest-kill-'));
    const warehouse = join(dir, 'wh.duckdb');
    const earlier = writeUtf8(dir, 'earlier.csv', [POSTING_HEADER, ...postingLines(25, 900_000)]);
    const big = writeUtf8(dir, 'big.csv', [POSTING_HEADER, ...postingLines(300_000)]);
    {
      const wh = await openWarehouse(warehouse);
      expect((await loadFile(wh.conn, POSTING_MAPPING, earlier)).status).toBe('loaded');
      wh.close();
    }
    const { phases, signal } = await loadAndKill(warehouse, big);
    expect(signal).toBe('SIGKILL');
    expect(phases).toContain('phase:writing');
    expect(phases).not.toContain('phase:committed');

    const wh = await openWarehouse(warehouse);
    try {
      const q = async (sql: string) => (await wh.conn.runAndReadAll(sql)).getRows().map((r) => r.map(String).join('|'));
      expect(await q(`SELECT status, rows_loaded FROM meta.loads ORDER BY started_at`)).toEqual(['loaded|25']);
      expect(await q(`SELECT count(*) FROM core.job_posting`)).toEqual(['25']);
      expect(await q(`SELECT count(*) FROM raw.job_posting`)).toEqual(['25']);
      expect(await q(`SELECT count(*) FROM meta.rejected_rows`)).toEqual(['0']);
      const again = await loadFile(wh.conn, POSTING_MAPPING, big);
      expect(again.status).toBe('loaded');
      expect(again.rowsLoaded).toBe(300_000);
      expect(await q(`SELECT count(*) FROM core.job_posting`)).toEqual(['300025']);
    } finally {
      wh.close();
    }
  }, 240_000);
});
