/**
 * The coder's share of the projection error: a copy of the graded warehouse whose postings carry the
 * answer key's occupation codes (truth/postings_key.csv) instead of the coder's, projected again by
 * the same stage. The difference between the two gradings is what coding costs the projections; what
 * remains in the answer key's grading belongs to the projection itself. Reads truth/ and writes to a
 * copy, so it belongs to the benchmark, never to the pipeline.
 */
import { chmodSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { publishSnapshot } from '@talent/cli';
import { boardSource, POSTING_BOARDS } from '@talent/synth';
import { sqlString } from './scoring-db.js';

export interface AnswerKeyCoding {
  /** Posting rows of the editions' boards in core.job_posting_codes. */
  postings: number;
  /** Rows the key knows (every posting the generator wrote; rejected rows never reach the table). */
  keyed: number;
  /** Keyed rows whose code the coder had stated otherwise (or not at all). */
  recoded: number;
}

/**
 * A writable copy of a warehouse that no other process holds, made as the pipeline publishes its
 * snapshot (a checkpoint, then the file), over whatever `to` held.
 */
export async function copyWarehouse(from: string, to: string): Promise<void> {
  rmSync(to, { force: true });
  const instance = await DuckDBInstance.create(from);
  const conn = await instance.connect();
  try {
    await publishSnapshot(conn, from, to);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  chmodSync(to, 0o644);
}

/**
 * Sets every keyed posting's occupation to the answer key's code at confidence 1, and marks the
 * newest vintage as made from other inputs: the projection stage compares fingerprints of the loads,
 * which recoding leaves as they were, and would otherwise keep the coder's vintage.
 */
export async function applyAnswerKeyCodes(warehousePath: string, editionDir: string): Promise<AnswerKeyCoding> {
  const boards = POSTING_BOARDS.map((b) => `(${sqlString(boardSource(b))}, ${sqlString(b)})`).join(', ');
  const instance = await DuckDBInstance.create(warehousePath);
  const conn = await instance.connect();
  try {
    await conn.run(`
      CREATE TEMP TABLE board AS SELECT * FROM (VALUES ${boards}) AS b(source, letter);

      CREATE TEMP TABLE answer_key AS
      SELECT source AS letter, posting_id, occupation_code
      FROM read_csv(${sqlString(join(editionDir, 'truth', 'postings_key.csv'))}, header = true, all_varchar = true);

      CREATE TEMP TABLE keyed AS
      SELECT c.source, c.load_id, c.line, k.occupation_code AS key_code, c.occupation_code AS coded
      FROM core.job_posting_codes c
      JOIN board b ON b.source = c.source
      JOIN raw.job_posting r ON r.source = c.source AND r.load_id = c.load_id AND r.line = c.line
      JOIN answer_key k ON k.letter = b.letter AND k.posting_id = r.source_id;`);
    const [counts] = (
      await conn.runAndReadAll(`
        SELECT (SELECT count(*) FROM core.job_posting_codes WHERE source IN (SELECT source FROM board))::INTEGER AS postings,
          count(*)::INTEGER AS keyed, count(*) FILTER (WHERE coded IS DISTINCT FROM key_code)::INTEGER AS recoded
        FROM keyed`)
    ).getRowObjectsJson() as unknown as AnswerKeyCoding[];
    await conn.run(`
      UPDATE core.job_posting_codes c SET occupation_code = k.key_code, occupation_confidence = 1.0
      FROM keyed k WHERE c.source = k.source AND c.load_id = k.load_id AND c.line = k.line;

      UPDATE meta.projection_runs SET fingerprint = 'coder codes, replaced by the answer key';`);
    return counts!;
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
