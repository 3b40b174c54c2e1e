/**
 * Publication benchmark: the two ways to write a consistent copy of the warehouse for the
 * published snapshot, timed on the same warehouse in the same run, each copy checked against the
 * warehouse (row count and a hash sum over every row of every table):
 *   - checkpoint_copy: CHECKPOINT, then copy the file (what packages/cli/src/publish/snapshot.ts does);
 *   - copy_from_database: ATTACH a new file and COPY FROM DATABASE into it (the baseline).
 *
 *   npm run bench:publish                       # the configured warehouse (npm start makes it)
 *   npm run bench:publish -- --warehouse <file> --n 3
 *
 * Not part of `npm test`. Works on copies in a scratch folder; the warehouse is only read.
 */
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { publishSnapshot } from '@talent/cli';
import { resolveConfig } from '@talent/models';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const config = resolveConfig({ warehouse: arg('--warehouse') });
const n = Number(arg('--n') ?? '') || 3;
const scratch = mkdtempSync(join(tmpdir(), 'bench-publish-'));
const secs = (t0: number) => (performance.now() - t0) / 1000;

/** Rows and a hash sum over every base table of a database, to compare two copies. */
async function fingerprint(conn: DuckDBConnection, db: string): Promise<string> {
  const tables = (
    await conn.runAndReadAll(`SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = '${db}' ORDER BY 1, 2`)
  ).getRowObjectsJS();
  const parts: string[] = [];
  for (const t of tables) {
    const name = `${db}."${String(t.schema_name)}"."${String(t.table_name)}"`;
    const [r] = (await conn.runAndReadAll(`SELECT count(*) AS n, sum(hash(t))::VARCHAR AS h FROM ${name} t`)).getRowObjectsJS();
    parts.push(`${name.slice(db.length + 1)}:${String(r!.n)}:${String(r!.h)}`);
  }
  return parts.join('|');
}

try {
  // The benchmark writes (CHECKPOINT), so it works on a copy of the warehouse.
  const warehouse = join(scratch, 'talent.duckdb');
  copyFileSync(config.warehousePath, warehouse);
  const instance = await DuckDBInstance.create(warehouse, { memory_limit: config.memoryLimit });
  const conn = await instance.connect();
  const expected = await fingerprint(conn, 'talent');
  console.log(`warehouse ${config.warehousePath}: ${(statSync(warehouse).size / 1e6).toFixed(1)} MB, ${expected.split('|').length} tables`);
  const checkpointCopy: number[] = [];
  const copyFromDatabase: number[] = [];
  const check = async (file: string, label: string) => {
    await conn.run(`ATTACH '${file}' AS copy (READ_ONLY)`);
    const same = (await fingerprint(conn, 'copy')) === expected;
    await conn.run('DETACH copy');
    if (!same) throw new Error(`${label}: the copy differs from the warehouse`);
  };
  for (let i = 0; i < n; i++) {
    const published = join(scratch, 'published', 'talent.duckdb');
    let t0 = performance.now();
    await publishSnapshot(conn, warehouse, published);
    checkpointCopy.push(secs(t0));
    await check(published, 'checkpoint_copy');
    const attached = join(scratch, `attached-${i}.duckdb`);
    t0 = performance.now();
    await conn.run(`ATTACH '${attached}' AS snap`);
    await conn.run('COPY FROM DATABASE talent TO snap');
    await conn.run('DETACH snap');
    copyFromDatabase.push(secs(t0));
    await check(attached, 'copy_from_database');
    console.log(
      `  round ${i + 1}: checkpoint_copy ${checkpointCopy[i]!.toFixed(2)} s (${(statSync(published).size / 1e6).toFixed(1)} MB)   copy_from_database ${copyFromDatabase[i]!.toFixed(2)} s (${(statSync(attached).size / 1e6).toFixed(1)} MB)   both copies match the warehouse`,
    );
    rmSync(attached, { force: true });
  }
  conn.closeSync();
  instance.closeSync();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `checkpoint_copy_s=${median(checkpointCopy).toFixed(2)} copy_from_database_s=${median(copyFromDatabase).toFixed(2)} rounds=${n}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
