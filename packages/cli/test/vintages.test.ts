import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listModels, openWarehouse, recentOnlyModels, resolveConfig, type Config } from '@talent/models';
import { vintagesCommand, type VintageRow } from '../src/commands/vintages.js';
import { EXIT } from '../src/exit-codes.js';
import { quiet, recorder } from './outputs.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-vintages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Three vintages, oldest first; a report run was built from the oldest.
const RUNS = ['20260101T010000Z-11', '20260201T010000Z-12', '20260301T010000Z-13'];
const reports = join(dir, 'out', 'reports');
const reportRun = (name: string, vintage: string | null, text?: string) => {
  mkdirSync(join(reports, name), { recursive: true });
  writeFileSync(join(reports, name, 'run.json'), text ?? JSON.stringify({ runId: name, vintage, publications: [] }));
};

let config: Config;
beforeAll(async () => {
  config = resolveConfig({ warehouse: join(dir, 'wh.duckdb'), out: join(dir, 'out'), keepVintages: '1' }, {});
  const wh = await openWarehouse(config.warehousePath);
  try {
    for (const [i, run] of RUNS.entries()) {
      await wh.conn.run(
        `INSERT INTO meta.projection_runs (run_id, fingerprint, last_observed_year, series, seconds, finished_at) VALUES ($1, 'f', 2025, 1, 1, TIMESTAMPTZ '2026-0${i + 1}-01 01:00:00+00')`,
        [run],
      );
      for (const m of listModels().filter((m) => m.vintages !== null))
        await wh.conn.run(`INSERT INTO ${m.name} (run_id) SELECT $1 FROM range(5)`, [run]);
    }
  } finally {
    wh.close();
  }
  reportRun('20260101T010000Z-11', RUNS[0]!);
  // Neither a failed report run nor a staging folder protects a vintage.
  reportRun('20260201T010000Z-12.err', RUNS[1]!);
  reportRun('.staging-20260201T010000Z-12-99', RUNS[1]!);
}, 120_000);

const list = async (c: Config = config) => {
  const { exitCode, result } = await vintagesCommand.run({ config: c, args: [], values: {}, output: quiet });
  expect(exitCode).toBe(0);
  return result as { vintages: VintageRow[]; unreadable: string[] };
};

const rowsByVintage = async () => {
  const wh = await openWarehouse(config.warehousePath, { readOnly: true });
  try {
    const out: Record<string, Record<string, number>> = {};
    for (const m of listModels().filter((m) => m.vintages !== null))
      out[m.name] = Object.fromEntries(
        (await wh.conn.runAndReadAll(`SELECT run_id, count(*)::INTEGER FROM ${m.name} GROUP BY 1`))
          .getRowsJson()
          .map((r) => [String(r[0]), Number(r[1])]),
      );
    const [run] = (
      await wh.conn.runAndReadAll(`SELECT command, status, summary::VARCHAR AS summary FROM meta.runs ORDER BY started_at DESC LIMIT 1`)
    ).getRowObjectsJson();
    return { out, run: run as { command: string; status: string; summary: string } };
  } finally {
    wh.close();
  }
};

describe('talent vintages', () => {
  it('lists the vintages newest first, whole, with the report runs built from them', async () => {
    const { vintages, unreadable } = await list();
    expect(vintages.map((v) => [v.runId, v.detailDroppedAt, v.reports])).toEqual([
      [RUNS[2], null, []],
      [RUNS[1], null, []],
      [RUNS[0], null, ['20260101T010000Z-11']],
    ]);
    expect(unreadable).toEqual([]);
  });

  it('while a live run holds the warehouse, says so and exits 8 rather than failing to open it', async () => {
    const lock = `${config.warehousePath}.lock`;
    const now = new Date().toISOString();
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: hostname(), startedAt: now, heartbeatAt: now }));
    try {
      const { said, output } = recorder();
      const { exitCode } = await vintagesCommand.run({ config, args: [], values: {}, output });
      expect(exitCode).toBe(EXIT.lockHeld);
      expect(said).toEqual([
        { level: 'info', message: `A run (pid ${process.pid}, since ${now}) holds ${config.warehousePath}; try again when it ends.` },
      ]);
    } finally {
      rmSync(lock);
    }
  });

  it('--drop without a rule is a usage error and changes nothing', async () => {
    const none = { ...config, keepVintages: null };
    const { exitCode } = await vintagesCommand.run({ config: none, args: [], values: { drop: true }, output: quiet });
    expect(exitCode).toBe(2);
    expect((await list()).vintages.every((v) => v.detailDroppedAt === null)).toBe(true);
  });

  it('drops nothing while a report record cannot be read, and says which file as a problem of the run', async () => {
    reportRun('20260215T010000Z-20', null, '{"runId": "20260215T010000Z-20", "vint');
    const { exitCode, result } = await vintagesCommand.run({ config, args: [], values: { drop: true }, output: quiet });
    expect(exitCode).toBe(EXIT.stageProblem);
    expect((result as { status: string }).status).toBe('partial');
    expect((result as { stageProblems: string[] }).stageProblems[0]).toMatch(/repair or remove the file/);
    const { out, run } = await rowsByVintage();
    expect(run).toMatchObject({ command: 'vintages', status: 'partial' });
    expect((JSON.parse(run.summary) as { problems: string[] }).problems[0]).toMatch(
      /20260215T010000Z-20\/run\.json.*repair or remove the file/,
    );
    for (const m of recentOnlyModels()) expect(Object.values(out[m]!)).toEqual([5, 5, 5]);
    expect((await list()).unreadable).toEqual([join(reports, '20260215T010000Z-20', 'run.json')]);
    rmSync(join(reports, '20260215T010000Z-20'), { recursive: true });
  });

  it('--drop keeps the newest and the published vintage whole, and the trend of every vintage', async () => {
    const { exitCode, result } = await vintagesCommand.run({ config, args: [], values: { drop: true }, output: quiet });
    expect(exitCode).toBe(0);
    expect(result).toMatchObject({ status: 'succeeded', figures: { retention: { vintages: 3, whole: 2, keep: 1, dropped: [RUNS[1]] } } });
    const { out, run } = await rowsByVintage();
    expect(run).toMatchObject({ command: 'vintages', status: 'succeeded' });
    for (const m of recentOnlyModels()) expect(out[m]).toEqual({ [RUNS[0]!]: 5, [RUNS[2]!]: 5 });
    for (const m of listModels().filter((m) => m.vintages === 'every'))
      expect(out[m.name]).toEqual({ [RUNS[0]!]: 5, [RUNS[1]!]: 5, [RUNS[2]!]: 5 });
    const { vintages } = await list();
    expect(vintages.map((v) => [v.runId, v.detailDroppedAt !== null])).toEqual([
      [RUNS[2], false],
      [RUNS[1], true],
      [RUNS[0], false],
    ]);
    // Applied again, nothing more goes.
    const again = await vintagesCommand.run({ config, args: [], values: { drop: true }, output: quiet });
    expect(again.result).toMatchObject({ status: 'succeeded', changed: false, figures: { retention: { dropped: [] } } });
  });
});
