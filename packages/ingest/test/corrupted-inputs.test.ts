/**
 * Property-style test: randomly corrupted copies of the demo files (bytes flipped, lines cut short,
 * quotes inserted, lines dropped) must each either load with every physical line accounted for
 * (read = loaded + rejected + explained, the read count equal to an independent count of the line
 * ends in the bytes) or fail as a whole with nothing written; and nothing else in the warehouse
 * may change. Seeded, so a failing case names a seed and a file that reproduce it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceMapping, Warehouse } from '@talent/models';
import { loadFile, NO_NORMALIZERS, readMapping } from '@talent/ingest';
import { config } from './helpers/coders.js';
import { tempWarehouse } from './helpers/warehouse.js';

const TODAY = '2026-06-30';
/** Demo files, cut to their first lines (a corrupted copy must stay quick to load), with their sources. */
const FILES: { source: string; path: string; keepLines?: number }[] = [
  { source: 'demo_source_a', path: 'postings/source_a_2024.csv', keepLines: 160 },
  { source: 'demo_source_c', path: 'postings/source_c_2024.jsonl', keepLines: 160 },
  { source: 'demo_shortage', path: 'shortage/shortage_2025Q3.csv' },
  { source: 'demo_enrollment', path: 'enrollment/school_3145010001.csv' },
  { source: 'demo_source_b', path: 'postings/source_b_2024.xlsx' },
];
// Enough rounds for every outcome to occur: a load with no reject needs a corruption that leaves every
// line valid (a dropped line alone, in a file with no deliberate quirk), about one round in 80.
const ROUNDS = 80;

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let wh: Warehouse;
const originals = new Map<string, Buffer>();
const mappings = new Map<string, SourceMapping>();

/** mulberry32: the corruption of each round follows from the seed alone. */
function rng(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

function firstLines(bytes: Buffer, n: number): Buffer {
  let pos = 0;
  for (let i = 0; i < n && pos >= 0; i++) pos = bytes.indexOf(0x0a, pos) + 1 || -1;
  return pos > 0 ? bytes.subarray(0, pos) : bytes;
}

/** One to four corruptions: flip a byte, cut a line short, insert a quote, drop a line. */
function corrupt(bytes: Buffer, r: (n: number) => number): { bytes: Buffer; what: string[] } {
  let b = Buffer.from(bytes);
  const what: string[] = [];
  for (let k = 1 + r(4); k > 0; k--) {
    const at = r(b.length);
    switch (r(4)) {
      case 0:
        b[at] = b[at]! ^ (1 + r(255));
        what.push(`flip byte ${at}`);
        break;
      case 1: {
        const end = b.indexOf(0x0a, at);
        if (end > at) b = Buffer.concat([b.subarray(0, at), b.subarray(end)]);
        what.push(`cut line at ${at}`);
        break;
      }
      case 2:
        b = Buffer.concat([b.subarray(0, at), Buffer.from('"'), b.subarray(at)]);
        what.push(`quote at ${at}`);
        break;
      default: {
        const start = b.lastIndexOf(0x0a, at) + 1;
        const end = b.indexOf(0x0a, at);
        if (end >= 0) b = Buffer.concat([b.subarray(0, start), b.subarray(end + 1)]);
        what.push(`drop line at ${at}`);
      }
    }
  }
  return { bytes: b, what };
}

/** Physical lines of text bytes counted independently of the readers: LF, CR LF and a lone CR end a line. */
function countLines(b: Buffer): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x0a) n++;
    else if (b[i] === 0x0d && b[i + 1] !== 0x0a) n++;
  }
  const last = b[b.length - 1];
  return n + (b.length > 0 && last !== 0x0a && last !== 0x0d ? 1 : 0);
}

/** A fingerprint of every stored row of raw, core and meta that does not belong to `except`. */
async function fingerprint(except: string): Promise<Record<string, string>> {
  const tables = (
    await wh.conn.runAndReadAll(`SELECT schema_name, table_name, list(column_name) AS cols FROM duckdb_columns()
      WHERE database_name = current_database() AND schema_name IN ('raw', 'core', 'meta') AND table_name IN
        (SELECT table_name FROM duckdb_tables() WHERE schema_name IN ('raw', 'core', 'meta'))
      GROUP BY ALL ORDER BY ALL`)
  ).getRowsJson() as [string, string, string[]][];
  const out: Record<string, string> = {};
  for (const [schema, table, cols] of tables) {
    if (schema === 'meta' && (table === 'runs' || table === 'models')) continue;
    const where = cols.includes('load_id') ? `WHERE load_id IS DISTINCT FROM '${except}'` : '';
    const [row] = (
      await wh.conn.runAndReadAll(`SELECT count(*) AS n, sum(hash(CAST(t AS VARCHAR))) AS h FROM ${schema}.${table} t ${where}`)
    ).getRows();
    out[`${schema}.${table}`] = `${String(row![0])}:${String(row![1])}`;
  }
  return out;
}

beforeAll(async () => {
  ctx = await tempWarehouse();
  wh = ctx.wh;
  for (const f of FILES) {
    const bytes = readFileSync(join(config.dataDir, f.path));
    originals.set(f.path, f.keepLines ? firstLines(bytes, f.keepLines) : bytes);
    // Append: a corrupted copy must add its own rows, not replace the clean copy of its period.
    mappings.set(f.source, { ...readMapping(join(config.sourcesDir, `${f.source}.json`)), replace: 'append' });
  }
  // The clean copies first, so there is stored data that must stay as it is.
  for (const f of FILES) {
    const dir = join(ctx.dir, 'clean');
    mkdirSync(dir, { recursive: true });
    const p = join(dir, basename(f.path));
    writeFileSync(p, originals.get(f.path)!);
    const r = await loadFile(wh.conn, mappings.get(f.source)!, p, { normalizers: NO_NORMALIZERS, today: TODAY });
    expect(r.status, `${f.path}: ${r.message}`).toBe('loaded');
  }
}, 120_000);
afterAll(() => ctx.dispose());

describe('randomly corrupted copies of the demo files', () => {
  const outcomes: string[] = [];
  for (let seed = 1; seed <= ROUNDS; seed++) {
    it(`seed ${seed}: every line accounted for, nothing else changed`, async () => {
      const r = rng(seed);
      const f = FILES[r(FILES.length)]!;
      const { bytes, what } = corrupt(originals.get(f.path)!, r);
      const dir = join(ctx.dir, `seed-${seed}`);
      mkdirSync(dir);
      const p = join(dir, basename(f.path));
      writeFileSync(p, bytes);
      const before = await fingerprint('');
      const res = await loadFile(wh.conn, mappings.get(f.source)!, p, { normalizers: NO_NORMALIZERS, today: TODAY });
      const label = `${f.path} (${what.join(', ')}): ${res.status} ${res.message ?? ''}`;
      outcomes.push(res.status === 'loaded' && res.rowsRejected > 0 ? 'loaded with rejects' : res.status);
      expect(['loaded', 'failed', 'skipped_duplicate'], label).toContain(res.status);
      if (res.status === 'loaded') {
        expect(res.linesRead! - res.linesLoaded! - res.linesRejected! - res.linesExplained!, label).toBe(0);
        expect(res.rowsRead - res.rowsLoaded - res.rowsRejected, label).toBe(0);
        if (!f.path.endsWith('.xlsx')) expect(res.linesRead, label).toBe(countLines(bytes));
        const [m] = (
          await wh.conn.runAndReadAll(
            `SELECT lines_read, lines_loaded, lines_rejected, lines_explained, rows_loaded,
              (SELECT count(DISTINCT line) FROM meta.rejected_rows WHERE load_id = $1) AS rejected_lines
            FROM meta.loads WHERE load_id = $1`,
            [res.loadId],
          )
        ).getRows();
        expect(m!.map(Number), label).toEqual([
          res.linesRead,
          res.linesLoaded,
          res.linesRejected,
          res.linesExplained,
          res.rowsLoaded,
          res.rowsRejected,
        ]);
      } else {
        // A failed or skipped load writes its meta.loads row and nothing else.
        const [n] = (await wh.conn.runAndReadAll(`SELECT count(*) FROM meta.rejected_rows WHERE load_id = $1`, [res.loadId])).getRows();
        expect(Number(n![0]), label).toBe(0);
      }
      // Every row that is not the new load's is exactly as before.
      expect(await fingerprint(res.loadId), label).toEqual(before);
    });
  }
  it('the rounds exercised clean loads, loads with rejects and failed loads', () => {
    expect(outcomes).toHaveLength(ROUNDS);
    const seen = new Set(outcomes);
    for (const s of ['loaded', 'loaded with rejects', 'failed']) expect(seen.has(s), s).toBe(true);
  });
});
