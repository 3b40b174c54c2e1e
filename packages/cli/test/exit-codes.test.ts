import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '@talent/models';
import { EXIT, exitCodeFor } from '../src/exit-codes.js';
import { talent } from './talent-process.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-exit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `talent <args>` as an operator runs it, with none of the caller's TALENT_* variables. */
function talentRun(...args: string[]): { status: number | null; out: string } {
  const r = talent(args, {}, 110_000);
  return { status: r.status, out: r.text };
}

describe('exit codes of the talent command', () => {
  it('the order of precedence: the most basic problem decides', () => {
    expect(exitCodeFor([])).toBe(EXIT.ok);
    expect(exitCodeFor([{ kind: 'rejects-over-threshold' }, { kind: 'load-failed' }])).toBe(EXIT.loadFailed);
    expect(exitCodeFor([{ kind: 'load-failed' }, { kind: 'no-input' }, { kind: 'mapping-invalid' }])).toBe(EXIT.mappingInvalid);
    expect(exitCodeFor([{ kind: 'mapping-invalid' }, { kind: 'unknown-source' }])).toBe(EXIT.unknownSource);
    expect(exitCodeFor([{ kind: 'demand-mismatch' }])).toBe(EXIT.demandMismatch);
    expect(exitCodeFor([{ kind: 'demand-mismatch' }, { kind: 'rejects-over-threshold' }])).toBe(EXIT.rejectsOverThreshold);
  });

  it('talent ingest --source with an unknown id exits 3, naming the nearest source', { timeout: 120_000 }, () => {
    const r = talentRun('ingest', '--source', 'demo_shortag', '--warehouse', join(dir, 'wh.duckdb'));
    expect(r.status, r.out).toBe(EXIT.unknownSource);
    expect(r.out).toContain('unknown source "demo_shortag" (did you mean demo_shortage?)');
  });

  it('a bad --max-reject-share or an unknown flag is wrong usage: exit 2', () => {
    const share = talentRun('ingest', '--max-reject-share', '50%', '--warehouse', join(dir, 'wh2.duckdb'));
    expect(share.status).toBe(EXIT.usage);
    expect(share.out).toContain('--max-reject-share (TALENT_MAX_REJECT_SHARE): a number from 0 to 1');
    expect(talentRun('ingest', '--no-such-flag').status).toBe(EXIT.usage);
  });

  it("a bureau's projection override that cannot be used is wrong configuration: exit 2, naming its file and line", () => {
    const overrides = join(dir, 'projection-overrides');
    mkdirSync(overrides);
    writeFileSync(join(overrides, 'parameters.csv'), 'name,value,description\nhorizon_years,0,bureau\n');
    const r = talentRun('init', '--warehouse', join(dir, 'wh-overrides.duckdb'), '--projection-overrides', overrides);
    expect(r.status, r.out).toBe(EXIT.usage);
    expect(r.out).toContain(`${join(overrides, 'parameters.csv')}:2: horizon_years = 0 is not a whole number from 1 to 15`);
  });

  it('talent report with a --year that is not a year is wrong usage: exit 2', () => {
    const r = talentRun('report', '--year', '20x5', '--warehouse', join(dir, 'none.duckdb'));
    expect(r.status, r.out).toBe(EXIT.usage);
    expect(r.out).toContain('--year 20x5 is not a year');
  });

  it('a --regions code the code lists do not hold is wrong configuration: exit 2, naming the flag', { timeout: 240_000 }, () => {
    const wh = join(dir, 'wh-regions.duckdb');
    expect(talentRun('init', '--warehouse', wh).status).toBe(EXIT.ok);
    const r = talentRun('report', '--regions', '450200,459999', '--warehouse', wh);
    expect(r.status, r.out).toBe(EXIT.usage);
    expect(r.out).toContain('--regions (TALENT_REGIONS): 459999 is not a region of the code lists (ref.region)');
  });

  it('talent report without a warehouse says how to make one: exit 5', () => {
    const missing = join(dir, 'none.duckdb');
    const r = talentRun('report', '--warehouse', missing);
    expect(r.status, r.out).toBe(EXIT.noInput);
    expect(r.out).toContain(`No warehouse at ${missing}: run \`talent init\` or \`talent run\` first.`);
  });

  it(
    'a run whose snapshot cannot be published exits 10, keeps what it loaded, and the next run publishes it',
    { timeout: 240_000 },
    async () => {
      const warehouse = join(dir, 'publish.duckdb');
      // The snapshot's folder would have to be made under a plain file: the run cannot publish there.
      const blocker = join(dir, 'not-a-folder');
      writeFileSync(blocker, 'a file where the snapshot folder should be\n');
      const failed = talentRun(
        'ingest',
        '--source',
        'demo_shortage',
        '--warehouse',
        warehouse,
        '--published',
        join(blocker, 'talent.duckdb'),
      );
      expect(failed.status, failed.out).toBe(EXIT.publishFailed);
      expect(failed.out).toContain('finished and the warehouse is updated, but its snapshot could not be published to');
      expect(failed.out).toContain(`EEXIST: file already exists, mkdir '${blocker}'`);
      expect(failed.out).toContain('run again: nothing is reloaded');
      const wh = await openWarehouse(warehouse, { readOnly: true });
      try {
        const [run] = (
          await wh.conn.runAndReadAll(`SELECT status, error FROM meta.runs ORDER BY started_at DESC LIMIT 1`)
        ).getRowObjectsJson();
        expect(run!.status).toBe('partial');
        expect(String(run!.error)).toMatch(/^snapshot not published: EEXIST: file already exists, mkdir/);
        const [loads] = (
          await wh.conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM meta.loads WHERE status = 'loaded'`)
        ).getRowObjectsJson();
        expect(Number(loads!.n)).toBeGreaterThan(0);
      } finally {
        wh.close();
      }
      const published = join(dir, 'published', 'talent.duckdb');
      const next = talent(
        ['ingest', '--source', 'demo_shortage', '--warehouse', warehouse, '--published', published, '--json'],
        {},
        110_000,
      );
      expect(next.status, next.text).toBe(EXIT.ok);
      const result = JSON.parse(next.stdout.trim().split('\n').at(-1)!) as { changed: boolean; publishError: string | null };
      expect(result).toMatchObject({ changed: false, publishError: null });
      expect(existsSync(published)).toBe(true);
    },
  );
});
