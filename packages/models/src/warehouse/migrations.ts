import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { inTransaction } from './transaction.js';

/** A versioned schema change: `NNN_name.sql` in `warehouse/migrations/`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

// Resolved from the package root so that both src/ (tsx, vitest) and dist/ find the same files.
const migrationsDir = fileURLToPath(new URL('../../src/warehouse/migrations/', import.meta.url));

/** All migrations shipped with this package, in version order. */
export function listMigrations(dir = migrationsDir): Migration[] {
  const files = readdirSync(dir).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const seen = new Set<number>();
  return files.map((file) => {
    const version = Number(file.slice(0, 3));
    if (seen.has(version)) throw new Error(`Two migrations share version ${version} (${file})`);
    seen.add(version);
    const sql = readFileSync(`${dir}/${file}`, 'utf8');
    return { version, name: file.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/**
 * Applies every migration not yet recorded in `meta.schema_migrations`, each in its own
 * transaction. An applied migration whose file changed since is an error: migrations are
 * append-only, so a warehouse never silently diverges from the code that reads it.
 * @returns the names of the migrations applied now (empty when the warehouse was current).
 */
export async function migrate(conn: DuckDBConnection, migrations = listMigrations()): Promise<string[]> {
  await conn.run(`CREATE SCHEMA IF NOT EXISTS meta`);
  await conn.run(`CREATE TABLE IF NOT EXISTS meta.schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, checksum VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
  await conn.run(`COMMENT ON TABLE meta.schema_migrations IS 'Schema migrations applied to this warehouse file, in order.'`);
  await conn.run(`COMMENT ON COLUMN meta.schema_migrations.version IS 'Migration number (the NNN of NNN_name.sql).'`);
  await conn.run(`COMMENT ON COLUMN meta.schema_migrations.name IS 'Migration file name without .sql.'`);
  await conn.run(`COMMENT ON COLUMN meta.schema_migrations.checksum IS 'SHA-256 of the SQL applied; a later change to the file is refused.'`);
  await conn.run(`COMMENT ON COLUMN meta.schema_migrations.applied_at IS 'When the migration was applied.'`);
  const applied = new Map(
    (await conn.runAndReadAll(`SELECT version, checksum FROM meta.schema_migrations`))
      .getRowObjects()
      .map((r) => [Number(r.version), String(r.checksum)]),
  );
  const done: string[] = [];
  for (const m of migrations) {
    const known = applied.get(m.version);
    if (known !== undefined) {
      if (known !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied; add a new migration instead`);
      continue;
    }
    try {
      await inTransaction(conn, async () => {
        await conn.run(m.sql);
        await conn.run(`INSERT INTO meta.schema_migrations VALUES ($1, $2, $3, now())`, [m.version, m.name, m.checksum]);
      });
    } catch (err) {
      throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`);
    }
    done.push(m.name);
  }
  return done;
}
