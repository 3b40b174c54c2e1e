import { describe, expect, it } from 'vitest';
import { parseModel } from './model-file.js';
import { listModels } from './run-models.js';
import { openWarehouse } from './open.js';
import { dropVintageDetail, listVintages, recentOnlyModels, vintagesBeyond, type Vintage } from './vintages.js';

const header = (extra: string) =>
  `-- materialized: incremental\n${extra}-- comment: c\n-- column run_id VARCHAR: r\nSELECT 'x' AS run_id`;

describe('which vintages a marts model keeps', () => {
  it('every incremental marts model says it, and only those', () => {
    const perVintage = listModels().filter((m) => m.schema === 'marts' && m.materialized === 'incremental');
    expect(perVintage.length).toBeGreaterThanOrEqual(6);
    expect(perVintage.every((m) => m.vintages === 'every' || m.vintages === 'recent')).toBe(true);
    expect(listModels().filter((m) => m.vintages !== null)).toEqual(perVintage);
    // The trend the accuracy record reads is kept for every vintage; the occupation-level detail is not.
    expect(recentOnlyModels().sort()).toEqual([
      'marts.fct_occupation_shortage',
      'marts.fct_talent_gap',
      'marts.projection_occupation',
      'marts.projection_supply',
    ]);
  });

  it('refuses a model that leaves it unsaid, says it where it does not belong, or says something else', () => {
    expect(() => parseModel('marts/x.sql', header(''), 'marts')).toThrow(/x\.sql:1: an incremental marts model says which vintages/);
    expect(() => parseModel('marts/x.sql', header('-- vintages: some\n'), 'marts')).toThrow(/x\.sql:2: vintages must be one of every, recent/);
    expect(() => parseModel('core/x.sql', header('-- vintages: recent\n'), 'core')).toThrow(/x\.sql:2: "-- vintages:" belongs to incremental marts/);
    expect(parseModel('marts/x.sql', header('-- vintages: recent\n'), 'marts').vintages).toBe('recent');
  });
});

describe('the retention rule', () => {
  const v = (runId: string, dropped: string | null = null): Vintage => ({ runId, finishedAt: '', lastObservedYear: 2025, detailDroppedAt: dropped });
  const newestFirst = [v('r5'), v('r4'), v('r3'), v('r2', '2026-01-01'), v('r1')];

  it('drops the whole vintages beyond the newest n, except those a report was built from', () => {
    expect(vintagesBeyond(newestFirst, 2, new Set())).toEqual(['r3', 'r1']);
    expect(vintagesBeyond(newestFirst, 2, new Set(['r3']))).toEqual(['r1']);
    expect(vintagesBeyond(newestFirst, 1, new Set(['r1', 'r5']))).toEqual(['r4', 'r3']);
    expect(vintagesBeyond(newestFirst, 5, new Set())).toEqual([]);
    expect(() => vintagesBeyond(newestFirst, 0, new Set())).toThrow(/at least 1/);
  });

  it('lists the vintages of a warehouse opened read-only before its upgrade as whole', async () => {
    const wh = await openWarehouse(':memory:');
    try {
      await wh.conn.run(`ALTER TABLE meta.projection_runs DROP COLUMN detail_dropped_at`);
      await wh.conn.run(
        `INSERT INTO meta.projection_runs VALUES ('20251101T020000Z-7', 'f', 2024, 10, 2.5, TIMESTAMPTZ '2025-11-01 02:00:09+00')`,
      );
      expect(await listVintages(wh.conn)).toEqual([
        { runId: '20251101T020000Z-7', finishedAt: '2025-11-01 02:00:09Z', lastObservedYear: 2024, detailDroppedAt: null },
      ]);
    } finally {
      wh.close();
    }
  });

  it('deletes their rows from the recent-only models, keeps their trend, and records when', async () => {
    const wh = await openWarehouse(':memory:');
    try {
      const runs = ['20260101T000000Z-1', '20260201T000000Z-1', '20260301T000000Z-1'];
      for (const [i, run] of runs.entries()) {
        await wh.conn.run(
          `INSERT INTO meta.projection_runs (run_id, fingerprint, last_observed_year, series, seconds, finished_at) VALUES ($1, 'f', 2025, 1, 1, TIMESTAMPTZ '2026-0${i + 1}-01 00:00:00+00')`,
          [run],
        );
        // i + 2 rows of the vintage in each per-vintage model.
        for (const m of listModels().filter((m) => m.vintages !== null))
          await wh.conn.run(`INSERT INTO ${m.name} (run_id) SELECT $1 FROM range(${i + 2})`, [run]);
      }
      const vintages = await listVintages(wh.conn);
      expect(vintages.map((x) => x.runId)).toEqual([...runs].reverse());
      const drop = vintagesBeyond(vintages, 1, new Set([runs[0]!]));
      expect(drop).toEqual([runs[1]]);
      const deleted = await dropVintageDetail(wh.conn, drop);
      expect(Object.fromEntries(deleted)).toEqual(Object.fromEntries(recentOnlyModels().map((m) => [m, 3])));

      const counts = async (table: string) =>
        Object.fromEntries(
          (await wh.conn.runAndReadAll(`SELECT run_id, count(*)::INTEGER FROM ${table} GROUP BY 1 ORDER BY 1`)).getRowsJson().map((r) => [String(r[0]), Number(r[1])]),
        );
      for (const m of recentOnlyModels()) expect(await counts(m)).toEqual({ [runs[0]!]: 2, [runs[2]!]: 4 });
      for (const m of listModels().filter((m) => m.vintages === 'every'))
        expect(await counts(m.name)).toEqual({ [runs[0]!]: 2, [runs[1]!]: 3, [runs[2]!]: 4 });
      const after = await listVintages(wh.conn);
      expect(after.filter((x) => x.detailDroppedAt !== null).map((x) => x.runId)).toEqual([runs[1]]);
      // Applied again, the rule finds nothing more to drop.
      expect(vintagesBeyond(after, 1, new Set([runs[0]!]))).toEqual([]);
    } finally {
      wh.close();
    }
  });
});
