import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { openWarehouse } from './open.js';
import { listModels, runModels } from './run-models.js';

const dir = mkdtempSync(join(tmpdir(), 'run-models-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const parameters = parse(
  readFileSync(join(resolveConfig({}, {}).referenceDir, 'projection', 'parameters.csv'), 'utf8'),
  { columns: true },
) as { name: string; value: string; description: string }[];

describe('runModels on an upgrade', () => {
  it('defers a changed table model that reads a parameter not yet loaded, and builds it after the reference stage', async () => {
    // A warehouse of the previous release: its parameters lack one that the new occupation_benchmark.sql reads,
    // and meta.models holds that model's old checksum.
    const missing = 'seeker_ratio_years';
    expect(readFileSync(listModels().find((m) => m.name === 'core.occupation_benchmark')!.file, 'utf8')).toContain(
      `projection_parameter('${missing}')`,
    );
    const path = join(dir, 'talent.duckdb');
    let wh = await openWarehouse(path);
    for (const p of parameters.filter((p) => p.name !== missing))
      await wh.conn.run(`INSERT INTO ref.projection_parameter VALUES ($1, $2, $3)`, [p.name, Number(p.value), p.description]);
    await wh.conn.run(`UPDATE meta.models SET checksum = 'previous release' WHERE name = 'core.occupation_benchmark'`);
    // Built now, the model would fail: the parameter is unknown once any is loaded.
    await expect(wh.conn.run(`SELECT core.projection_parameter('${missing}')`)).rejects.toThrow(/unknown projection parameter/);
    wh.close();

    // Opening (every command does, before the reference stage) leaves the table for the projection to build.
    wh = await openWarehouse(path);
    try {
      const checksum = async () =>
        String((await wh.conn.runAndReadAll(`SELECT checksum FROM meta.models WHERE name = 'core.occupation_benchmark'`)).getRows()[0]![0]);
      expect(wh.modelsChanged).not.toContain('core.occupation_benchmark');
      expect(await checksum()).toBe('previous release');
      const p = parameters.find((p) => p.name === missing)!;
      await wh.conn.run(`INSERT INTO ref.projection_parameter VALUES ($1, $2, $3)`, [p.name, Number(p.value), p.description]);
      const rebuilt = await runModels(wh.conn, { rebuildTables: true });
      expect(rebuilt.find((r) => r.name === 'core.occupation_benchmark')!.action).toBe('rebuilt');
      expect(rebuilt.some((r) => r.action === 'deferred')).toBe(false);
      expect(await checksum()).toBe(listModels().find((m) => m.name === 'core.occupation_benchmark')!.checksum);
    } finally {
      wh.close();
    }
  });

  it('defers a table model new to the warehouse that reads a parameter not yet loaded, with the models that read it', async () => {
    // A warehouse of a release without core.posting_intensity: neither the table nor its parameters.
    const added = 'core.posting_intensity';
    const missing = ['posting_intensity_prior_weight', 'posting_intensity_iterations'];
    for (const name of missing)
      expect(readFileSync(listModels().find((m) => m.name === added)!.file, 'utf8')).toContain(`projection_parameter('${name}')`);
    const path = join(dir, 'talent.duckdb');
    let wh = await openWarehouse(path);
    for (const p of parameters.filter((p) => !missing.includes(p.name)))
      await wh.conn.run(`INSERT INTO ref.projection_parameter VALUES ($1, $2, $3)`, [p.name, Number(p.value), p.description]);
    await wh.conn.run(`DROP TABLE ${added}`);
    await wh.conn.run(`DELETE FROM meta.models WHERE name = '${added}'`);
    await wh.conn.run(`UPDATE meta.models SET checksum = 'previous release' WHERE name = 'core.staffing_share'`);
    wh.close();

    wh = await openWarehouse(path);
    try {
      const exists = async () =>
        Number(
          (
            await wh.conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'core' AND table_name = 'posting_intensity'`)
          ).getRows()[0]![0],
        ) === 1;
      // Opening left the new table unbuilt and the staffing matrix, which reads it, as it stood.
      expect(await exists()).toBe(false);
      expect(wh.modelsChanged).not.toContain('core.staffing_share');
      for (const p of parameters.filter((p) => missing.includes(p.name)))
        await wh.conn.run(`INSERT INTO ref.projection_parameter VALUES ($1, $2, $3)`, [p.name, Number(p.value), p.description]);
      const rebuilt = await runModels(wh.conn, { rebuildTables: true });
      expect(rebuilt.find((r) => r.name === added)!.action).toBe('created');
      expect(rebuilt.find((r) => r.name === 'core.staffing_share')!.action).toBe('rebuilt');
      expect(await exists()).toBe(true);
    } finally {
      wh.close();
    }
  });
});
