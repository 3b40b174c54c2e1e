import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appendRows, ConfigError, memoryLimitAdvice, openWarehouse, resolveConfig, runModels } from '@talent/models';
import { publicationRegions } from '../src/commands/report.js';
import { recordedSummary } from '../src/commands/run-result.js';
import { EXIT } from '../src/exit-codes.js';
import { talent } from './talent-process.js';
import { employmentRow } from './warehouse-rows.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-operator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REGIONS = [
  { code: '110000', name: '北京市', level: '省', parent_code: null, province_code: '110000' },
  { code: '450000', name: '广西壮族自治区', level: '省', parent_code: null, province_code: '450000' },
  { code: '450200', name: '柳州市', level: '市', parent_code: '450000', province_code: '450000' },
];
const employment = (region_code: string) => ({ load_id: 'L1', line: 1, source: 'test', ...employmentRow(region_code) });

/** A warehouse file whose only data is Guangxi's employment, and which knows Beijing's code. */
async function guangxiWarehouse(path: string): Promise<void> {
  const wh = await openWarehouse(path);
  try {
    await appendRows(wh.conn, 'ref.region', REGIONS);
    await appendRows(wh.conn, 'core.employment', [employment('450000'), { ...employment('450200'), line: 2 }]);
    await runModels(wh.conn, { rebuildTables: true });
  } finally {
    wh.close();
  }
}

describe('talent status says what a run left to do', () => {
  it('lists each problem of a partial run, and a run whose process died as such', { timeout: 120_000 }, async () => {
    const warehouse = join(dir, 'status.duckdb');
    const wh = await openWarehouse(warehouse);
    const problems = [
      { kind: 'load-failed', message: '/data/postings/a.csv: no column for mapped field(s) school_name: add its name to the aliases' },
      { kind: 'rejects-over-threshold', message: '/data/postings/b.csv: 90% of rows rejected; check the file is the right one' },
    ];
    // As retention.ts words its problem: the stage first, for the lists that print messages alone.
    const retention =
      'retention: cannot read /out/reports/20260101T000000Z-1/run.json, so the vintage its reports were built from is unknown';
    // A pid that surely names no process: one that has just exited.
    const deadPid = spawnSync('true').pid!;
    try {
      await wh.conn.run(
        `INSERT INTO meta.runs (run_id, command, started_at, finished_at, status, pid, stages, summary) VALUES
           ('20260102T020000Z-1', 'run', '2026-01-02 02:00:00+00', '2026-01-02 02:05:00+00', 'partial', 1, '[]', $1),
           ('20260103T020000Z-2', 'run', '2026-01-03 02:00:00+00', NULL, 'running', $2, '[]', NULL)`,
        [
          // Recorded as run.ts records a run: the retention stage's figures do not hold its problem.
          JSON.stringify(
            recordedSummary(
              [
                { stage: 'ingest', changed: true, lines: [], figures: { files: 2, problems }, problems: problems.map((p) => p.message) },
                { stage: 'projection', changed: true, lines: [], figures: { series: 10 } },
                { stage: 'retention', changed: false, lines: [], figures: { vintages: 2, whole: 2 }, problems: [retention] },
              ],
              true,
            ),
          ),
          deadPid,
        ],
      );
    } finally {
      wh.close();
    }
    const now = new Date().toISOString();
    writeFileSync(`${warehouse}.lock`, JSON.stringify({ pid: deadPid, host: hostname(), startedAt: now, heartbeatAt: now }));

    const text = talent(['status', '--warehouse', warehouse], {}, 110_000);
    expect(text.status, text.text).toBe(EXIT.ok);
    expect(text.text).toContain('3 problems to act on:');
    expect(text.text).toContain(`load-failed: ${problems[0]!.message}`);
    expect(text.text).toContain(`rejects-over-threshold: ${problems[1]!.message}`);
    expect(text.text).toContain(`\n    ${retention}`);
    expect(text.text).not.toContain('retention: retention:');
    expect(text.text).toContain('running (its process is gone: the next run takes over and marks it abandoned)');
    expect(text.text).toContain(`process ${deadPid} is gone`);

    const json = talent(['status', '--warehouse', warehouse, '--json'], {}, 110_000);
    expect(json.status, json.text).toBe(EXIT.ok);
    const result = JSON.parse(json.stdout.trim().split('\n').at(-1)!) as {
      runs: { runId: string; status: string; problems: unknown[]; processGone: string | null }[];
    };
    const [running, partial] = result.runs;
    expect(running).toMatchObject({ status: 'running', processGone: `process ${deadPid} is gone`, problems: [] });
    expect(partial!.processGone).toBeNull();
    expect(partial!.problems).toEqual([
      { stage: 'ingest', ...problems[0] },
      { stage: 'ingest', ...problems[1] },
      { stage: 'retention', kind: 'retention', message: retention },
    ]);
  });
});

describe('configuration the run cannot work with is refused up front: exit 2', () => {
  it('an --out folder that cannot be written, before the run starts, naming --out', { timeout: 120_000 }, () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'a file where the output folder should be\n');
    const warehouse = join(dir, 'out-check.duckdb');
    const r = talent(['run', '--warehouse', warehouse, '--out', join(blocker, 'out')], {}, 110_000);
    expect(r.status, r.text).toBe(EXIT.usage);
    expect(r.text).toContain(`--out (TALENT_OUT) ${join(blocker, 'out')}: the reports cannot be written to`);
    expect(r.text).toContain('point --out at a folder this user can create and write');
    // Nothing was started: no warehouse, no run to mark.
    expect(existsSync(warehouse)).toBe(false);
  });

  it('a --memory-limit below the minimum, naming the flag and its variable', { timeout: 60_000 }, () => {
    const r = talent(['status', '--memory-limit', '10MB', '--warehouse', join(dir, 'none.duckdb')], {}, 50_000);
    expect(r.status, r.text).toBe(EXIT.usage);
    expect(r.text).toContain('--memory-limit (TALENT_MEMORY_LIMIT): at least 128MB');
    expect(() => resolveConfig({}, { TALENT_MEMORY_LIMIT: '64MB' })).toThrow(ConfigError);
    for (const ok of ['128MB', '1GiB', '512 MB']) expect(resolveConfig({ memoryLimit: ok }, {}).memoryLimit).toBe(ok);
  });

  it('a --regions code with no data of its own, naming the regions that have data', { timeout: 120_000 }, async () => {
    const warehouse = join(dir, 'regions.duckdb');
    await guangxiWarehouse(warehouse);
    const wh = await openWarehouse(warehouse, { readOnly: true });
    try {
      await expect(publicationRegions(wh.conn, { regions: ['450200', '110000'] })).rejects.toThrow(
        '--regions (TALENT_REGIONS): 110000 北京市 has no data of its own in the warehouse',
      );
      await expect(publicationRegions(wh.conn, { regions: ['450200'] })).resolves.toEqual({ regions: ['450200'], pdfRegions: ['450200'] });
    } finally {
      wh.close();
    }
    const r = talent(['report', '--regions', '110000', '--warehouse', warehouse, '--out', join(dir, 'out')], {}, 110_000);
    expect(r.status, r.text).toBe(EXIT.usage);
    expect(r.text).toContain('110000 北京市 has no data of its own');
    expect(r.text).toContain('the regions with data are 450000 广西壮族自治区, 450200 柳州市: set --regions to some of these');
    const flag = talent(['report', '--region', '110000', '--warehouse', warehouse, '--out', join(dir, 'out')], {}, 110_000);
    expect(flag.status, flag.text).toBe(EXIT.usage);
    expect(flag.text).toContain('name one of these with --region');
  });
});

describe("DuckDB's out-of-memory advice", () => {
  it('becomes the flag that raises the limit', () => {
    const duckdb =
      'x.sql: Out of Memory Error: failed to pin block of size 256.0 KiB (60.9 MiB/61.0 MiB used)\n\nPossible solutions:\n' +
      "* Reducing the number of threads (SET threads=X)\n* Increasing the memory limit (SET memory_limit='...GB')\n\n" +
      'See also https://duckdb.org/docs/stable/guides/performance/how_to_tune_workloads';
    const said = memoryLimitAdvice(duckdb, '128MB');
    expect(said).toBe(
      'x.sql: Out of Memory Error: failed to pin block of size 256.0 KiB (60.9 MiB/61.0 MiB used): ' +
        'raise --memory-limit (TALENT_MEMORY_LIMIT; now 128MB, default 1GB) and run again',
    );
    expect(memoryLimitAdvice('something else', '1GB')).toBe('something else');
  });
});
