import { copyFileSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  formatIngestSummary,
  ingestAll,
  loadFile,
  NO_NORMALIZERS,
  readMapping,
  type IngestAllOptions,
  type IngestReport,
  type LoadResult,
} from '@talent/ingest';
import { loadWithRows, type SourceMapping, type Warehouse } from '@talent/models';
import { config, normalizers } from './helpers/coders.js';
import { tempWarehouse } from './helpers/warehouse.js';
import { POSTING_HEADER, POSTING_MAPPING, writeUtf8 } from './helpers/fixtures.js';

// Files of the demo province, copied into a data folder of the test's own.
const demo = (...p: string[]) => join(config.dataDir, ...p);
const SHORTAGE = ['2024Q3', '2024Q4', '2025Q1', '2025Q2', '2025Q3', '2025Q4'].map((q) => `shortage/shortage_${q}.csv`);
const BOARD_A = ['2022', '2023', '2024', '2025'].map((y) => `postings/source_a_${y}.csv`);
const BOARD_C = ['2022', '2023', '2024', '2025'].map((y) => `postings/source_c_${y}.jsonl`);

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let data: string;
beforeEach(async () => {
  ctx = await tempWarehouse();
  data = join(ctx.dir, 'data');
  for (const d of ['shortage', 'postings']) mkdirSync(join(data, d), { recursive: true });
});
afterEach(() => ctx.dispose());

const copy = (files: string[]) => files.map((f) => (copyFileSync(demo(f), join(data, f)), join(data, f)));
/** A board's yearly file in the test's data folder: board A exports CSV, board C JSON lines. */
const board = (b: 'a' | 'c', year: number) => join(data, 'postings', `source_${b}_${year}.${b === 'a' ? 'csv' : 'jsonl'}`);
const boardFiles = (years: number[]) =>
  years.flatMap((y) => [
    { source: 'demo_source_a', path: board('a', y) },
    { source: 'demo_source_c', path: board('c', y) },
  ]);
const rows = async (sql: string) => (await ctx.wh.conn.runAndReadAll(sql)).getRowObjectsJson();
const one = async (sql: string) => Number((await ctx.wh.conn.runAndReadAll(sql)).getRows()[0]![0]);
const mapping = (source: string): SourceMapping => readMapping(join(config.sourcesDir, `${source}.json`));
const night = (sources: string[], extra: Partial<IngestAllOptions> = {}) =>
  ingestAll(ctx.wh, { sourcesDir: config.sourcesDir, roots: [data], sources, normalizers: NO_NORMALIZERS, today: '2026-06-30', ...extra });

/** Postings now marked copies, and demand records (core.job_demand's rows: postings that head or stand alone). */
const marks = async () => ({
  marked: await one(`SELECT count(*) FROM core.job_posting_codes WHERE duplicate_of IS NOT NULL`),
  demand: await one(`SELECT count(*) FROM core.job_demand`),
});

describe('duplicates collapsed add up, whichever side of a pair a load brings', () => {
  it('an earlier year loaded after a later one is credited with the stored postings it makes copies', async () => {
    // Re-posts and cross-board copies of one vacancy straddle the years: loading the later years
    // first, each earlier file brings the first posting of vacancies already stored.
    copy([...BOARD_A, ...BOARD_C]);
    const loads: LoadResult[] = [];
    let storedMarked = 0;
    for (const { source, path } of boardFiles([2025, 2024, 2023, 2022])) {
      const before = await marks();
      const r = await loadFile(ctx.wh.conn, mapping(source), path, { normalizers, today: '2026-06-30' });
      expect(r.status).toBe('loaded');
      const after = await marks();
      // Per load: what it accepted either went into a demand record or changed their number.
      expect([r.rowsRead, r.duplicatesCollapsed, after.demand - before.demand]).toEqual([
        r.rowsRejected + r.rowsLoaded,
        after.marked - before.marked,
        r.rowsLoaded - r.duplicatesCollapsed,
      ]);
      const own = await one(`SELECT count(*) FROM core.job_posting_codes WHERE load_id = '${r.loadId}' AND duplicate_of IS NOT NULL`);
      storedMarked += r.duplicatesCollapsed - own;
      loads.push(r);
    }
    // Stored postings that a later load's earlier copy now heads are credited to that load.
    expect(storedMarked).toBeGreaterThan(100);
    // Per warehouse: the loads' figures (as meta.loads keeps them) add up to the postings marked.
    const { marked, demand } = await marks();
    expect(await one(`SELECT sum(duplicates_collapsed) FROM meta.loads`)).toBe(marked);
    expect(loads.reduce((a, r) => a + r.rowsLoaded - r.duplicatesCollapsed, 0)).toBe(demand);
    expect(await one(`SELECT sum(postings) FROM core.job_demand`)).toBe(await one(`SELECT count(*) FROM core.job_posting`));
  });

  it('a run sums its loads: rows loaded less collapsed is the change in demand records', async () => {
    copy([...BOARD_A, ...BOARD_C]);
    const first = await night([], { normalizers, files: boardFiles([2024, 2025]) });
    const before = await marks();
    const second = await night([], { normalizers, files: boardFiles([2022, 2023]) });
    const after = await marks();
    for (const report of [first, second]) {
      for (const s of report.sources) expect(s.rowsRead).toBe(s.rowsLoaded + s.rowsRejected);
      expect(report.sources.map((s) => s.duplicatesCollapsed)).toEqual(
        report.sources.map((s) => report.loads.filter((l) => l.source === s.source).reduce((a, l) => a + l.duplicatesCollapsed, 0)),
      );
    }
    const sum = (f: (s: (typeof second.sources)[number]) => number) => second.sources.reduce((a, s) => a + f(s), 0);
    expect(sum((s) => s.duplicatesCollapsed)).toBe(after.marked - before.marked);
    expect(sum((s) => s.rowsLoaded - s.duplicatesCollapsed)).toBe(after.demand - before.demand);
  });

  it('a corrected file that drops a posting another board copied leaves the copy a demand record of its own', async () => {
    const yearly: SourceMapping = { ...POSTING_MAPPING, period: { from: 'filename', pattern: 'board_(\\d{4})' }, replace: 'replace' };
    const other: SourceMapping = { ...POSTING_MAPPING, source: 'other_board' };
    const welder = (date: string) => `焊工,柳州欧维姆机械股份有限公司,柳州-柳南区,5000-8000元/月,大专,1年,${date}`;
    const clerk = '会计,柳州螺霸王食品有限公司,柳州-鱼峰区,4-6千,本科,3年,2025-03-05';
    const driver = '叉车司机,广西柳工机械股份有限公司,柳州-柳北区,5-7千,不限,1年,2025-04-11';
    const opts = { normalizers, today: '2026-06-30' };
    const a = await loadFile(
      ctx.wh.conn,
      yearly,
      writeUtf8(ctx.dir, 'board_2025.csv', [POSTING_HEADER, welder('2025-03-01'), clerk]),
      opts,
    );
    const b = await loadFile(ctx.wh.conn, other, writeUtf8(ctx.dir, 'other.csv', [POSTING_HEADER, welder('2025-03-10')]), opts);
    expect([a.duplicatesCollapsed, b.duplicatesCollapsed]).toEqual([0, 1]);
    // The board's corrected 2025 export no longer lists the welder's first posting.
    const demandKept = await one(`SELECT count(*) FROM core.job_posting_codes WHERE duplicate_of IS NULL AND load_id <> '${a.loadId}'`);
    const fix = await loadFile(ctx.wh.conn, yearly, writeUtf8(ctx.dir, 'board_2025_fix.csv', [POSTING_HEADER, clerk, driver]), opts);
    expect([fix.status, fix.replacedLoadIds]).toEqual(['replaced', [a.loadId]]);
    expect(await rows(`SELECT posted_date::VARCHAR AS d, duplicate_of FROM core.job_posting WHERE title = '焊工'`)).toEqual([
      { d: '2025-03-10', duplicate_of: null },
    ]);
    expect(fix.duplicatesCollapsed).toBe(-1);
    expect((await marks()).demand - demandKept).toBe(fix.rowsLoaded - fix.duplicatesCollapsed);
    expect(await one(`SELECT sum(postings) FROM core.job_demand`)).toBe(await one(`SELECT count(*) FROM core.job_posting`));
  });
});

/** The summary's line of a posting source: rows loaded = collapsed + change in demand records (as the warehouse counted it). */
function demandLine(report: IngestReport, source: string): string | undefined {
  const lines = formatIngestSummary(report).split('\n');
  return lines[lines.indexOf(`【${source}】`) + 1]?.split(';')[1];
}

/** Demand records whose head posting came with the load `loadId`: those its replacement takes away with its rows. */
const headedBy = (loadId: string) =>
  one(
    `SELECT count(*) FROM core.job_demand WHERE demand_id IN (SELECT posting_id FROM core.job_posting_codes WHERE load_id = '${loadId}')`,
  );

describe('the change in demand records, counted in the warehouse beside the figures that give it', () => {
  it('equals rows loaded less duplicates collapsed over boards that copy each other, in either order of years', async () => {
    copy([...BOARD_A, ...BOARD_C]);
    const first = await night([], { normalizers, files: boardFiles([2024, 2025]) });
    const between = (await marks()).demand;
    // The earlier years bring the first postings of vacancies stored: stored postings become copies.
    const second = await night([], { normalizers, files: boardFiles([2022, 2023]) });
    const changes = [between, (await marks()).demand - between];
    for (const [n, report] of [first, second].entries()) {
      expect(report.problems).toEqual([]);
      expect(report.sources.map((s) => s.source)).toEqual(['demo_source_a', 'demo_source_c']);
      for (const s of report.sources) {
        const derived = s.rowsLoaded - s.duplicatesCollapsed;
        expect(s.duplicatesCollapsed).toBeGreaterThan(0);
        expect(s.demandChange).toBe(derived);
        expect(demandLine(report, s.source)).toBe(
          `入库 ${s.rowsLoaded} = 重复合并 ${s.duplicatesCollapsed} + 需求记录净增(被替换批次删除后计) ${derived}(仓库实测 ${derived})`,
        );
      }
      expect(report.sources.reduce((a, s) => a + s.demandChange!, 0)).toBe(changes[n]);
    }
  });

  it('counts the records of a replaced load as removed first, for a corrected file and for a reload of the same bytes', async () => {
    copy([...BOARD_A.slice(2), ...BOARD_C.slice(2)]);
    const first = await night([], { normalizers, files: boardFiles([2024, 2025]) });
    expect(first.problems).toEqual([]);
    // Board A delivers its 2024 export again, corrected: every eighth posting withdrawn, some of them
    // the first posting of a vacancy board C copied.
    const path = board('a', 2024);
    const lines = iconv.decode(readFileSync(path), 'gbk').split('\r\n');
    writeFileSync(path, iconv.encode(lines.filter((_, i) => i === 0 || i % 8 !== 0).join('\r\n'), 'gbk'));
    const old = first.loads.find((l) => l.filePath === path)!.loadId;
    const removed = await headedBy(old);
    const before = (await marks()).demand;
    const fix = await night(['demo_source_a'], { normalizers });
    expect(fix.loads.map((l) => [l.filePath, l.status, l.replacedLoadIds])).toEqual([
      [path, 'replaced', [old]],
      [board('a', 2025), 'skipped_duplicate', []],
    ]);
    const [s] = fix.sources;
    const fresh = fix.loads[0]!;
    const derived = s!.rowsLoaded - s!.duplicatesCollapsed;
    expect(fix.problems).toEqual([]);
    expect(s!.demandChange).toBe(derived);
    // Net of the records the replaced load took away with it: not the warehouse's change alone.
    expect(removed).toBeGreaterThan(1000);
    expect(derived).toBe((await marks()).demand - before + removed);
    // Board C's copies of withdrawn postings are records of their own again.
    const own = await one(`SELECT count(*) FROM core.job_posting_codes WHERE load_id = '${fresh.loadId}' AND duplicate_of IS NOT NULL`);
    expect(s!.duplicatesCollapsed - own).toBeLessThan(0);
    expect(demandLine(fix, 'demo_source_a')).toContain(`需求记录净增(被替换批次删除后计) ${derived}(仓库实测 ${derived})`);

    // The operator's --reload of the same bytes: the same posting ids leave and come back.
    const again = await headedBy(fresh.loadId);
    const stored = (await marks()).demand;
    const reload = await night([], { normalizers, files: [{ source: 'demo_source_a', path }], reload: true });
    expect(reload.loads.map((l) => [l.status, l.replacedLoadIds])).toEqual([['replaced', [fresh.loadId]]]);
    expect(reload.problems).toEqual([]);
    expect((await marks()).demand).toBe(stored);
    expect(reload.sources[0]!.demandChange).toBe(again);
    expect(reload.sources[0]!.rowsLoaded - reload.sources[0]!.duplicatesCollapsed).toBe(again);
  });

  it('explains a negative net of duplicates when a corrected file withdraws the postings another board copied', async () => {
    copy([BOARD_A[3]!, BOARD_C[3]!]);
    const first = await night([], { normalizers, files: boardFiles([2025]) });
    expect(first.problems).toEqual([]);
    const old = first.loads.find((l) => l.filePath === board('a', 2025))!.loadId;
    // Board A's corrected export withdraws its re-posts and every posting board C copied: C's copies lose the
    // posting they were merged into, and the file brings no copy of its own to offset them.
    // Each withdrawn posting's copies on board C become one demand record of their own (the earliest heads the rest).
    const copied = await one(`SELECT count(DISTINCT h.posting_id) FROM core.job_posting_codes c
      JOIN core.job_posting_codes h ON h.posting_id = c.duplicate_of WHERE c.source = 'demo_source_c' AND h.load_id = '${old}'`);
    expect(copied).toBeGreaterThan(50);
    const withdrawn = new Set(
      (
        await rows(`SELECT line FROM core.job_posting_codes WHERE load_id = '${old}' AND (duplicate_of IS NOT NULL
          OR posting_id IN (SELECT duplicate_of FROM core.job_posting_codes WHERE source = 'demo_source_c'))`)
      ).map((r) => Number(r.line)),
    );
    const path = board('a', 2025);
    const lines = iconv.decode(readFileSync(path), 'gbk').split('\r\n');
    writeFileSync(path, iconv.encode(lines.filter((_, i) => !withdrawn.has(i + 1)).join('\r\n'), 'gbk'));
    const before = (await marks()).demand - (await headedBy(old));
    const fix = await night(['demo_source_a'], { normalizers });
    const [s] = fix.sources;
    expect(fix.problems).toEqual([]);
    expect(s!.duplicatesCollapsed).toBe(-copied);
    expect(s!.demandChange).toBe(s!.rowsLoaded - s!.duplicatesCollapsed);
    expect((await marks()).demand - before).toBe(s!.demandChange);
    const text = formatIngestSummary(fix).split('\n');
    const at = text.indexOf('【demo_source_a】');
    expect(text[at + 2]).toBe(
      `  重复合并为负: 被替换批次的岗位删除后, 其他批次中原为其副本的岗位重新计为需求记录, 比本次合并的副本多 ${-s!.duplicatesCollapsed} 条`,
    );
  });

  it('reports demand records lost or doubled on their way in, with both figures, for the source they belong to', async () => {
    copy([BOARD_A[3]!, BOARD_C[3]!]);
    // Inside each load's transaction, once its postings are written: board A's load loses three
    // postings that head no copy, board C's has four of its first postings written twice.
    const inFlight = (source: string) => `source = '${source}' AND load_id NOT IN (SELECT load_id FROM meta.loads)`;
    const tampered = afterPostingsWritten([
      `DELETE FROM core.job_posting_codes WHERE posting_id IN (SELECT posting_id FROM core.job_posting_codes
        WHERE ${inFlight('demo_source_a')} AND duplicate_of IS NULL
          AND posting_id NOT IN (SELECT duplicate_of FROM core.job_posting_codes WHERE duplicate_of IS NOT NULL)
        ORDER BY line LIMIT 3)`,
      `INSERT INTO core.job_posting_codes BY NAME SELECT * EXCLUDE (posting_id) FROM core.job_posting_codes
        WHERE ${inFlight('demo_source_c')} AND duplicate_of IS NULL ORDER BY line LIMIT 4`,
    ]);
    const report = await ingestAll(tampered, {
      sourcesDir: config.sourcesDir,
      roots: [data],
      files: boardFiles([2025]),
      normalizers,
      today: '2026-06-30',
    });
    expect(report.loads.map((l) => l.status)).toEqual(['loaded', 'loaded']);
    const [a, c] = report.sources;
    const derived = (s: typeof a) => s!.rowsLoaded - s!.duplicatesCollapsed;
    expect(a!.duplicatesCollapsed).toBeGreaterThan(0);
    expect(c!.duplicatesCollapsed).toBeGreaterThan(0);
    expect([a!.demandChange, c!.demandChange]).toEqual([derived(a) - 3, derived(c) + 4]);
    // The warehouse holds what was counted: three records fewer, four more.
    expect(await one(`SELECT count(*) FROM core.job_demand`)).toBe(derived(a) + derived(c) + 1);
    expect(report.problems.map((p) => p.kind)).toEqual(['demand-mismatch', 'demand-mismatch']);
    const [lost, doubled] = report.problems.map((p) => p.message);
    expect(lost).toBe(
      `demo_source_a: the demand records (core.job_demand) changed by ${derived(a) - 3} over this run's loads of the source as counted in the warehouse, ` +
        `but the loads' figures give ${derived(a)} (${a!.rowsLoaded} rows loaded - ${a!.duplicatesCollapsed} duplicates collapsed): ` +
        `3 demand record(s) missing, and the vacancy counts of demo_source_a are off by as many: ` +
        `load the source's files of this run again with talent ingest ${board('a', 2025)} --reload; if the figures still differ, ` +
        `leave the warehouse as it is for inspection: those counts cannot be relied on until the two figures agree`,
    );
    expect(doubled).toMatch(
      new RegExp(
        `^demo_source_c: the demand records \\(core\\.job_demand\\) changed by ${derived(c) + 4} .* give ${derived(c)} .*: 4 demand record\\(s\\) too many \\(postings counted twice\\)`,
      ),
    );
    const text = formatIngestSummary(report);
    expect(demandLine(report, 'demo_source_a')).toContain(`${derived(a)}(仓库实测 ${derived(a) - 3}, 不符: 实测少 3 条)`);
    expect(demandLine(report, 'demo_source_c')).toContain(`${derived(c)}(仓库实测 ${derived(c) + 4}, 不符: 实测多 4 条)`);
    expect(text).toContain(`  [需求记录核对不符] ${lost}`);

    // What the message says to do: the files loaded again, each posting is written once.
    const reloaded = await night([], { normalizers, files: boardFiles([2025]), reload: true });
    expect(reloaded.loads.map((l) => l.status)).toEqual(['replaced', 'replaced']);
    expect(reloaded.problems).toEqual([]);
    expect(await one(`SELECT count(*) FROM core.job_demand`)).toBe(
      await one(`SELECT count(DISTINCT posting_id) FROM core.job_posting_codes WHERE duplicate_of IS NULL`),
    );
    expect(await one(`SELECT count(*) - count(DISTINCT posting_id) FROM core.job_posting_codes`)).toBe(0);
    expect(await one(`SELECT count(*) FROM core.job_posting_codes`)).toBe(a!.rowsLoaded + c!.rowsLoaded);
  });
});

/**
 * The test's warehouse as ingestAll sees it, running `statements` right after each load writes its
 * postings into core (inside the load's transaction): a write that loses or doubles postings.
 */
function afterPostingsWritten(statements: string[]): Warehouse {
  const conn = new Proxy(ctx.wh.conn, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (key !== 'run') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return async (...args: Parameters<DuckDBConnection['run']>) => {
        const result = await target.run(...args);
        if (args[0].startsWith('INSERT INTO core.job_posting_codes')) for (const sql of statements) await target.run(sql);
        return result;
      };
    },
  });
  return { ...ctx.wh, conn };
}

/** What the projection and every other reader of the loaded data see: each raw and core table's rows, and the loads holding rows. */
async function loadedData(): Promise<Record<string, string>> {
  const tables = (
    await rows(`SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() WHERE schema_name IN ('raw', 'core') ORDER BY 1`)
  ).map((r) => String(r.t));
  const out: Record<string, string> = {};
  for (const t of tables) out[t] = String((await rows(`SELECT count(*) || ':' || coalesce(sum(hash(x)), 0) AS h FROM ${t} x`))[0]!.h);
  out.loads = String(
    (
      await rows(`SELECT string_agg(load_id || ':' || status || ':' || coalesce(superseded_by, ''), ',' ORDER BY load_id) AS h
        FROM meta.loads WHERE ${loadWithRows()}`)
    )[0]!.h,
  );
  return out;
}

describe('a load that accepts no row', () => {
  it('changes no loaded row and no load holding rows, and is not read again the next night', async () => {
    copy([...SHORTAGE, ...BOARD_A.slice(2)]);
    expect((await night(['demo_shortage', 'demo_source_a'])).problems).toEqual([]);
    const before = await loadedData();
    // The next quarter's ranking exported with ranks as 第1名 (every row rejected: not a whole number),
    // and the board's next year a header alone; a file of 0 bytes fails, which writes nothing either.
    const text = readFileSync(demo(SHORTAGE.at(-1)!), 'utf8');
    const lines = text.split('\n');
    writeFileSync(
      join(data, 'shortage', 'shortage_2026Q1.csv'),
      [lines[0], ...lines.slice(1).map((l) => l.replace(/^(\d+),/, '第$1名,'))].join('\n'),
    );
    writeFileSync(join(data, 'shortage', 'shortage_2026Q2.csv'), '');
    const header = iconv.decode(readFileSync(demo(BOARD_A[3]!)), 'gbk').split('\r\n')[0]!;
    writeFileSync(join(data, 'postings', 'source_a_2026.csv'), iconv.encode(`${header}\r\n`, 'gbk'));
    const next = await night(['demo_shortage', 'demo_source_a']);
    const fresh = next.loads.filter((l) => l.status !== 'skipped_duplicate');
    expect(fresh.map((l) => [l.filePath.split('/').at(-1), l.status, l.rowsLoaded, l.rowsRejected > 0])).toEqual([
      ['shortage_2026Q1.csv', 'loaded', 0, true],
      ['shortage_2026Q2.csv', 'failed', 0, false],
      ['source_a_2026.csv', 'loaded', 0, false],
    ]);
    expect(await loadedData()).toEqual(before);
    // Seen again, the loads are skipped: their rejected rows are not written twice.
    const rejected = await one(`SELECT count(*) FROM meta.rejected_rows`);
    const third = await night(['demo_shortage', 'demo_source_a']);
    expect(third.loads.filter((l) => l.status !== 'skipped_duplicate').map((l) => l.message)).toEqual(['file is empty (0 bytes)']);
    expect(await one(`SELECT count(*) FROM meta.rejected_rows`)).toBe(rejected);
  });
});

describe('an unchanged night', () => {
  it('records each file it skips on the row that recorded the file, adding no row', async () => {
    copy([...SHORTAGE, ...BOARD_A]);
    const first = await night(['demo_shortage', 'demo_source_a']);
    expect(first.loads.map((l) => l.status)).toEqual(first.loads.map(() => 'loaded'));
    const files = first.loads.length;
    expect(await one(`SELECT count(*) FROM meta.loads`)).toBe(files);
    for (const n of [2, 3]) {
      const started = new Date();
      const again = await night(['demo_shortage', 'demo_source_a']);
      // The operator still sees every file skipped: in the run's report, and on its row.
      expect(again.sources.map((s) => [s.source, s.files, s.filesSkipped])).toEqual(first.sources.map((s) => [s.source, s.files, s.files]));
      expect(again.loads.map((l) => [l.loadId, l.status])).toEqual(first.loads.map((l) => [l.loadId, 'skipped_duplicate']));
      expect(await one(`SELECT count(*) FROM meta.loads`)).toBe(files);
      expect(
        await one(`SELECT count(*) FROM meta.loads WHERE times_seen = ${n} AND last_seen_at >= '${started.toISOString()}'::TIMESTAMPTZ`),
      ).toBe(files);
    }
  });

  it('keeps one row for a copy under another name and for a file touched every night', async () => {
    const [q4] = copy([SHORTAGE.at(-1)!]);
    const copied = join(data, 'shortage', 'shortage_2025Q4_copy.csv');
    copyFileSync(q4!, copied);
    const loaded = (await night(['demo_shortage'])).loads;
    expect(loaded.map((l) => l.status)).toEqual(['loaded', 'skipped_duplicate']);
    for (let n = 1; n <= 3; n++) {
      // A sync that rewrites the file each night: same bytes, a new modification time.
      const t = new Date(Date.UTC(2026, 5, n, 2));
      utimesSync(q4!, t, t);
      const again = (await night(['demo_shortage'])).loads;
      expect(again.map((l) => l.status)).toEqual(['skipped_duplicate', 'skipped_duplicate']);
    }
    const recorded = await rows(`SELECT file_path, status, times_seen, epoch_ms(file_mtime) AS ms FROM meta.loads ORDER BY started_at`);
    expect(recorded.map((r) => [r.file_path, r.status, Number(r.times_seen)])).toEqual([
      [q4, 'loaded', 1],
      [copied, 'skipped_duplicate', 4],
      [q4, 'skipped_duplicate', 3],
    ]);
    // The skip row holds the file's latest time: a night that finds it as it is skips it unread.
    expect(Number(recorded[2]!.ms)).toBe(Date.UTC(2026, 5, 3, 2));
    expect((await night(['demo_shortage'])).loads.map((l) => l.message)).toEqual([
      expect.stringMatching(/^unchanged since/),
      expect.stringMatching(/^unchanged since/),
    ]);
  });
});

describe('a load that runs out of memory', () => {
  it('says to raise --memory-limit, not to SET memory_limit', async () => {
    const files = copy([BOARD_A[2]!, BOARD_C[2]!]);
    await ctx.wh.conn.run(`SET memory_limit = '8MB'`);
    const report = await night([], {
      files: [
        { source: 'demo_source_a', path: files[0]! },
        { source: 'demo_source_c', path: files[1]! },
      ],
      loadOptions: { memoryLimit: '8MB' },
    });
    const alone = await loadFile(ctx.wh.conn, mapping('demo_source_c'), files[1]!, { today: '2026-06-30' });
    // The warehouse's own limit again (RESET would leave DuckDB's buffer pool at 8MB).
    await ctx.wh.conn.run(`SET memory_limit = '1GB'`);
    for (const r of [...report.loads, alone]) {
      expect(r.status).toBe('failed');
      expect(r.message).toMatch(
        /^Out of Memory Error: .*: raise --memory-limit \(TALENT_MEMORY_LIMIT; now .+, default 1GB\) and run again$/s,
      );
    }
    expect(report.loads.map((l) => l.message)).toEqual([expect.stringContaining('now 8MB'), expect.stringContaining('now 8MB')]);
    // Without the configured figure, DuckDB's own (8MB as it counts it).
    expect(alone.message).toContain('now 7.6 MiB');
    const said = [
      ...report.problems.map((p) => p.message),
      ...(await rows(`SELECT message FROM meta.loads`)).map((r) => String(r.message)),
    ];
    expect(said.length).toBe(5);
    for (const m of said) expect(m).not.toMatch(/Possible solutions|SET memory_limit|SET threads/);
    // With the memory back, the files load.
    expect((await night([], { files: [{ source: 'demo_source_a', path: files[0]! }] })).loads[0]!.status).toBe('loaded');
  });
});
