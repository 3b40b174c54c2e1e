/**
 * The benchmark's answer-key recoding (bench/talent/answer-key-codes.ts) on the demo's board C: every
 * posting the key knows takes the key's occupation at confidence 1, the count of recoded postings is
 * the one the coder's codes and the key give when compared here in TypeScript, the warehouse copied
 * from is left alone, and no vintage matches the inputs' fingerprint any more.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingestStage, referenceStage, runPipeline } from '@talent/cli';
import { resolveConfig } from '@talent/models';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAnswerKeyCodes, copyWarehouse, type AnswerKeyCoding } from '../bench/talent/answer-key-codes.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-answer-key-'));
const config = resolveConfig({ warehouse: join(dir, 'coder', 'warehouse.duckdb') }, {});
const keyedPath = join(dir, 'answer-key', 'warehouse.duckdb');

interface CodeRow {
  source: string;
  source_id: string;
  occupation_code: string | null;
  occupation_confidence: number | null;
}

async function codes(path: string): Promise<CodeRow[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  const conn = await instance.connect();
  try {
    return (
      await conn.runAndReadAll(
        `SELECT c.source, r.source_id, c.occupation_code, c.occupation_confidence
         FROM core.job_posting_codes c JOIN raw.job_posting r USING (source, load_id, line) ORDER BY c.source, c.line`,
      )
    ).getRowObjectsJson() as unknown as CodeRow[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

let before: CodeRow[];
let after: CodeRow[];
let coding: AnswerKeyCoding;
let fingerprints: string[];
const key = new Map(
  (parse(readFileSync(join(config.dataDir, 'truth', 'postings_key.csv')), { columns: true }) as Record<string, string>[]).map((k) => [
    `${k.source}|${k.posting_id}`,
    k.occupation_code!,
  ]),
);
const keyOf = (r: CodeRow) => (r.source.startsWith('demo_source_') ? key.get(`${r.source.slice(-1)}|${r.source_id}`) : undefined);

beforeAll(async () => {
  await runPipeline(config, { stages: [referenceStage, ingestStage({ sources: ['demo_source_c'] })], log: () => {} });
  const instance = await DuckDBInstance.create(config.warehousePath);
  const conn = await instance.connect();
  await conn.run(
    `INSERT INTO meta.projection_runs (run_id, fingerprint, last_observed_year, series, seconds, finished_at) VALUES ('r1', 'inputs of the coder', 2025, 1, 1.0, now()), ('r2', 'inputs of the coder', 2025, 1, 1.0, now())`,
  );
  conn.closeSync();
  instance.closeSync();
  before = await codes(config.warehousePath);
  await copyWarehouse(config.warehousePath, keyedPath);
  coding = await applyAnswerKeyCodes(keyedPath, config.dataDir);
  after = await codes(keyedPath);
  const check = await DuckDBInstance.create(keyedPath, { access_mode: 'READ_ONLY' });
  const c = await check.connect();
  fingerprints = (await c.runAndReadAll(`SELECT fingerprint FROM meta.projection_runs`)).getRowsJson().map((r) => String(r[0]));
  c.closeSync();
  check.closeSync();
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the benchmark's answer-key codes", () => {
  it("gives every keyed posting the key's code at confidence 1", () => {
    const boardRows = after.filter((r) => r.source === 'demo_source_c');
    expect(boardRows.length).toBeGreaterThan(1000);
    expect(coding.postings).toBe(boardRows.length);
    expect(coding.keyed).toBe(boardRows.filter((r) => keyOf(r) !== undefined).length);
    // The generator keys every posting it writes; the loaded rows are a subset.
    expect(coding.keyed).toBe(coding.postings);
    for (const r of boardRows) {
      expect(r.occupation_code, r.source_id).toBe(keyOf(r));
      expect(r.occupation_confidence).toBe(1);
    }
  });

  it('counts as recoded exactly the postings whose coder code differs from the key', () => {
    const differing = before.filter((r) => keyOf(r) !== undefined && r.occupation_code !== keyOf(r)).length;
    expect(coding.recoded).toBe(differing);
    // The demo's titles are coded right at 细类 about 70% of the time: the key changes a good share, not all.
    expect(differing / coding.keyed).toBeGreaterThan(0.1);
    expect(differing / coding.keyed).toBeLessThan(0.6);
  });

  it('leaves the copy it was given alone and marks every vintage as made from other inputs', async () => {
    expect(await codes(config.warehousePath)).toEqual(before);
    expect(after).toHaveLength(before.length);
    expect(fingerprints).toHaveLength(2);
    for (const f of fingerprints) expect(f).not.toBe('inputs of the coder');
  });
});
