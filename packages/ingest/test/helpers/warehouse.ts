import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWarehouse, type Warehouse } from '@talent/models';
import { config } from './coders.js';

/** A fresh warehouse file in a temp dir; `dispose` closes it and removes the dir. */
export async function tempWarehouse(): Promise<{ wh: Warehouse; dir: string; path: string; dispose: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-test-'));
  const path = join(dir, 'wh.duckdb');
  const wh = await openWarehouse(path);
  return {
    wh,
    dir,
    path,
    dispose: () => {
      try {
        wh.close();
      } catch {
        // already closed by the test
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Loads the repository's code lists (datasets/reference/*) into ref.* with DuckDB's read_csv,
 * standing in for the reference stage in ingest tests.
 */
export async function loadReferenceLists(wh: Warehouse): Promise<void> {
  const ref = config.referenceDir;
  const csv = (p: string) => `read_csv('${join(ref, p)}', all_varchar = true, header = true)`;
  await wh.conn.run(
    `INSERT INTO ref.region (code, name, level, parent_code, province_code) SELECT code, name, level, parent_code, province_code FROM ${csv('region/gbt2260.csv')}`,
  );
  await wh.conn.run(
    `INSERT INTO ref.occupation (code, name, level, parent_code, is_digital, is_green, definition) SELECT code, name, level, parent_code, is_digital::BOOLEAN, is_green::BOOLEAN, definition FROM ${csv('occupation/csco_2022.csv')}`,
  );
  await wh.conn
    .run(`INSERT INTO ref.major (code, name, catalog, level, parent_code, is_national_control, is_special) SELECT code, name, catalog, level, parent_code, is_national_control::BOOLEAN, is_special::BOOLEAN
    FROM read_csv('${join(ref, 'major')}/*.csv', all_varchar = true, header = true, union_by_name = true)`);
}

/**
 * Loads GB/T 4754-2017 (datasets/reference/industry) into ref.industry, for tests that code
 * industries (the destination breakdowns); kept apart so other tests keep their reference set.
 */
export async function loadIndustryList(wh: Warehouse): Promise<void> {
  const path = join(config.referenceDir, 'industry', 'gbt4754_2017.csv');
  await wh.conn.run(`INSERT INTO ref.industry (code, name, level, parent_code, section_code)
    SELECT code, name, level, parent_code, section_code FROM read_csv('${path}', all_varchar = true, header = true)`);
}
