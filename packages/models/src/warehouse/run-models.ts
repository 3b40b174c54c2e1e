import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type z } from 'zod';
import type { KindDefinition } from '../kinds/kind.js';
import { KINDS } from '../kinds/registry.js';
import { ModelFileError, parseModel, renderModel, type Model } from './model-file.js';
import { sqlLiteral } from './sql.js';
import { inTransaction } from './transaction.js';

// Resolved from the package root so that both src/ (tsx, vitest) and dist/ find the same files.
const MODELS_DIR = fileURLToPath(new URL('../../src/warehouse/models/', import.meta.url));

/** Layers whose models live in `warehouse/models/<layer>/`, in build order. */
const MODEL_LAYERS = ['core', 'marts'] as const;

/**
 * Every model of the warehouse: the views, tables and macros of `warehouse/models/{core,marts}/`,
 * the incremental core model of every record kind (filled by the loader, load by load) and the
 * incremental marts models (filled by the projection stage, run by run).
 */
export function listModels(dir = MODELS_DIR): Model[] {
  const models: Model[] = [];
  for (const layer of MODEL_LAYERS) {
    const folder = join(dir, layer);
    if (!existsSync(folder)) continue;
    for (const f of readdirSync(folder)
      .filter((x) => x.endsWith('.sql'))
      .sort()) {
      const file = join(folder, f);
      const m = parseModel(file, readFileSync(file, 'utf8'), layer);
      if (m.materialized === 'incremental' && layer === 'core')
        throw new ModelFileError(`${file}: incremental core models belong to a record kind's folder`);
      models.push(m);
    }
  }
  for (const [kind, def] of Object.entries(KINDS)) {
    for (const extra of (def as KindDefinition).models ?? []) {
      const m = parseModel(extra.file, extra.sql, 'core');
      if (m.materialized === 'incremental') throw new ModelFileError(`${m.file}: a kind has one incremental model, its core model`);
      models.push(m);
    }
    const m = parseModel(def.coreModel.file, def.coreModel.sql, 'core');
    if (m.name !== def.coreTable) throw new ModelFileError(`${m.file}: the core model of ${kind} must be named after ${def.coreTable}`);
    if (m.materialized !== 'incremental') throw new ModelFileError(`${m.file}: a kind's core model is incremental`);
    models.push(m);
  }
  const names = new Set<string>();
  for (const m of models) {
    if (names.has(m.name)) throw new ModelFileError(`${m.file}: a second model named ${m.name}`);
    names.add(m.name);
  }
  return models;
}

/** The models a model reads, found by their qualified names in its SQL. */
export function dependencies(model: Model, all: readonly Model[]): Model[] {
  const names = new Set([...model.body.matchAll(/\b(core|marts)\.([a-z_][a-z0-9_]*)\b/g)].map((m) => `${m[1]}.${m[2]}`));
  return all.filter((m) => m !== model && names.has(m.name));
}

/** Models in an order where each comes after every model it reads; a cycle is an error. */
export function buildOrder(models: readonly Model[]): Model[] {
  const out: Model[] = [];
  const state = new Map<Model, 'visiting' | 'done'>();
  const visit = (m: Model, path: string[]) => {
    if (state.get(m) === 'done') return;
    if (state.get(m) === 'visiting') throw new ModelFileError(`models read each other in a cycle: ${[...path, m.name].join(' → ')}`);
    state.set(m, 'visiting');
    for (const d of dependencies(m, models)) visit(d, [...path, m.name]);
    state.set(m, 'done');
    out.push(m);
  };
  for (const m of models) visit(m, []);
  return out;
}

/** What the runner did to one model. */
export interface ModelResult {
  name: string;
  materialized: Model['materialized'];
  /**
   * `deferred`: a `table` model whose file changed, left as it stands until the pipeline rebuilds the
   * tables (and every model reading it with it), since it may read reference data the run has not
   * loaded yet (a projection parameter the new file names).
   */
  action: 'created' | 'replaced' | 'rebuilt' | 'unchanged' | 'deferred';
  seconds: number;
}

export interface RunModelsOptions {
  /**
   * Rebuild every `table` model from its inputs (the projection stage, after the reference stage);
   * otherwise tables are only created when missing, and a changed one is deferred to that rebuild.
   */
  rebuildTables?: boolean;
}

interface Column {
  name: string;
  type: string;
}

async function columnsOf(conn: DuckDBConnection, name: string): Promise<Column[] | null> {
  const [schema, relation] = name.split('.') as [string, string];
  const rows = (
    await conn.runAndReadAll(
      `SELECT column_name, data_type FROM duckdb_columns()
       WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2 ORDER BY column_index`,
      [schema, relation],
    )
  ).getRowObjects();
  return rows.length ? rows.map((r) => ({ name: String(r.column_name), type: String(r.data_type) })) : null;
}

async function applyComments(conn: DuckDBConnection, m: Model): Promise<void> {
  const kind = m.materialized === 'macro' ? 'MACRO' : m.materialized === 'view' ? 'VIEW' : 'TABLE';
  const stmts = [`COMMENT ON ${kind} ${m.name} IS ${sqlLiteral(m.comment)};`];
  for (const c of m.columns) stmts.push(`COMMENT ON COLUMN ${m.name}.${c.name} IS ${sqlLiteral(c.comment)};`);
  await conn.run(stmts.join('\n'));
}

/** Drops the relation when it exists as the other kind (a model that moved between view and table). */
async function dropIfOtherKind(conn: DuckDBConnection, m: Model, want: 'view' | 'table'): Promise<void> {
  const [schema, relation] = m.name.split('.') as [string, string];
  const other = want === 'view' ? 'duckdb_tables()' : 'duckdb_views()';
  const found = (
    await conn.runAndReadAll(
      `SELECT 1 FROM ${other} WHERE database_name = current_database() AND schema_name = $1 AND ${want === 'view' ? 'table_name' : 'view_name'} = $2`,
      [schema, relation],
    )
  ).getRowsJson();
  if (found.length) await conn.run(`DROP ${want === 'view' ? 'TABLE' : 'VIEW'} ${m.name}`);
}

/** Every column the relation has must be declared in the model, and every declared one must exist. */
async function checkDeclared(conn: DuckDBConnection, m: Model): Promise<void> {
  const actual = await columnsOf(conn, m.name);
  const have = new Set((actual ?? []).map((c) => c.name));
  const declared = new Set(m.columns.map((c) => c.name));
  const undeclared = [...have].filter((c) => !declared.has(c));
  const missing = [...declared].filter((c) => !have.has(c));
  if (undeclared.length || missing.length)
    throw new ModelFileError(
      `${m.file}: ${undeclared.length ? `columns without a "-- column" line: ${undeclared.join(', ')}` : ''}${undeclared.length && missing.length ? '; ' : ''}${missing.length ? `declared columns the SQL does not produce: ${missing.join(', ')}` : ''}`,
    );
}

/** The stored table of an incremental model, created from its declared columns when missing. */
async function ensureIncremental(conn: DuckDBConnection, m: Model): Promise<'created' | 'unchanged'> {
  const actual = await columnsOf(conn, m.name);
  if (!actual) {
    await conn.run(`CREATE TABLE ${m.name} (${m.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`);
    return 'created';
  }
  const byName = new Map(actual.map((c) => [c.name, c]));
  const problems: string[] = [];
  for (const c of m.columns) {
    const have = byName.get(c.name);
    const want = c.type!.split(/\s+/)[0]!.toUpperCase();
    if (!have) problems.push(`${c.name} is missing`);
    else if (!c.type!.includes('GENERATED') && have.type !== want) problems.push(`${c.name} is ${have.type}, the model says ${want}`);
  }
  for (const c of actual) if (!m.columns.some((d) => d.name === c.name)) problems.push(`${c.name} is not declared`);
  if (problems.length) throw new ModelFileError(`${m.file}: ${m.name} differs from its model (${problems.join('; ')}): add a migration`);
  return 'unchanged';
}

/** Raw tables of the record kinds: every field of the kind's schema as text, with the load and line. */
async function ensureRawTables(conn: DuckDBConnection): Promise<void> {
  for (const def of Object.values(KINDS)) {
    const fields = Object.entries(def.schema.shape as Record<string, z.ZodType>);
    const actual = await columnsOf(conn, def.rawTable);
    if (actual) {
      const missing = fields.map(([f]) => f).filter((f) => !actual.some((c) => c.name === f));
      if (missing.length) throw new ModelFileError(`${def.rawTable} lacks the fields ${missing.join(', ')} of its kind: add a migration`);
      continue;
    }
    const stmts = [
      `CREATE TABLE ${def.rawTable} (load_id VARCHAR NOT NULL, line BIGINT NOT NULL, ${fields.map(([f]) => `${f} VARCHAR`).join(', ')}, extra MAP(VARCHAR, VARCHAR));`,
      `COMMENT ON TABLE ${def.rawTable} IS ${sqlLiteral(`Loaded ${def.label} rows as text, one per accepted source row, before casting and coding.`)};`,
      `COMMENT ON COLUMN ${def.rawTable}.load_id IS 'Load that read the row (meta.loads).';`,
      `COMMENT ON COLUMN ${def.rawTable}.line IS 'Line of the row in its file.';`,
      ...fields.map(([f, s]) => `COMMENT ON COLUMN ${def.rawTable}.${f} IS ${sqlLiteral(`As read: ${s.description ?? f}`)};`),
      `COMMENT ON COLUMN ${def.rawTable}.extra IS ${sqlLiteral("Source columns the mapping's keep list names, header → text as read; NULL when the mapping keeps none.")};`,
    ];
    await conn.run(stmts.join('\n'));
  }
}

/**
 * Brings every model up to date, in dependency order, in one transaction: raw tables of the kinds
 * and the stored tables of incremental models are created when missing (and checked against their
 * declarations otherwise); views and macros are (re)created when their file changed; `table`
 * models are built when missing, or every time with `rebuildTables`; without it, a `table` model
 * whose file changed, or that a warehouse built by an earlier release lacks, is deferred to that
 * rebuild, with every model that reads it (an upgrade's new table SQL may read a parameter that only
 * the run's reference stage loads). Comments
 * come from the model headers, and every column must have one. What was done is recorded in
 * `meta.models`; a deferred model keeps its old checksum there until it is built.
 */
export async function runModels(conn: DuckDBConnection, options: RunModelsOptions = {}): Promise<ModelResult[]> {
  const models = buildOrder(listModels());
  const known = new Map(
    (await conn.runAndReadAll(`SELECT name, checksum FROM meta.models`)).getRowObjects().map((r) => [String(r.name), String(r.checksum)]),
  );
  const results: ModelResult[] = [];
  const deferred = new Set<Model>();
  await inTransaction(conn, async () => {
    await ensureRawTables(conn);
    for (const m of models) {
      const started = performance.now();
      const changed = known.get(m.name) !== m.checksum;
      let action: ModelResult['action'] = 'unchanged';
      if (
        !options.rebuildTables &&
        m.materialized !== 'incremental' &&
        ((m.materialized === 'table' && changed) || dependencies(m, models).some((d) => deferred.has(d))) &&
        (known.size > 0 || (await columnsOf(conn, m.name)) !== null)
      ) {
        deferred.add(m);
        results.push({ name: m.name, materialized: m.materialized, action: 'deferred', seconds: 0 });
        continue;
      }
      try {
      if (m.materialized === 'incremental') {
        action = await ensureIncremental(conn, m);
        if (action === 'created' || changed) await applyComments(conn, m);
      } else if (m.materialized === 'macro') {
        if (changed) {
          await conn.run(`CREATE OR REPLACE MACRO ${m.name}(${m.arguments.join(', ')}) AS ${m.body}`);
          await applyComments(conn, m);
          action = known.has(m.name) ? 'replaced' : 'created';
        }
      } else if (m.materialized === 'view') {
        if (changed || !(await columnsOf(conn, m.name))) {
          await dropIfOtherKind(conn, m, 'view');
          await conn.run(`CREATE OR REPLACE VIEW ${m.name} AS ${m.body}`);
          await checkDeclared(conn, m);
          await applyComments(conn, m);
          action = known.has(m.name) ? 'replaced' : 'created';
        }
      } else {
        const exists = (await columnsOf(conn, m.name)) !== null;
        if (changed || !exists || options.rebuildTables) {
          await dropIfOtherKind(conn, m, 'table');
          await conn.run(`CREATE OR REPLACE TABLE ${m.name} AS ${m.body}`);
          await checkDeclared(conn, m);
          await applyComments(conn, m);
          action = exists ? 'rebuilt' : 'created';
        }
      }
      } catch (e) {
        if (e instanceof ModelFileError) throw e;
        throw new ModelFileError(`${m.file}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (changed || action !== 'unchanged')
        await conn.run(
          `INSERT OR REPLACE INTO meta.models (name, materialized, file, checksum, built_at) VALUES ($1, $2, $3, $4, now())`,
          [m.name, m.materialized, basename(m.file), m.checksum],
        );
      results.push({ name: m.name, materialized: m.materialized, action, seconds: (performance.now() - started) / 1000 });
    }
  });
  return results;
}

/**
 * Fills every incremental model of `marts`, in dependency order, by inserting what its SQL selects
 * with the placeholders filled (`{{ run_id }}` and the like): each run adds its own rows and keeps
 * the earlier runs'. The caller holds the transaction. Returns the rows added per model.
 */
export async function fillIncrementalMarts(
  conn: DuckDBConnection,
  values: Readonly<Record<string, string>>,
  onModel?: (name: string, rows: number, seconds: number) => void,
): Promise<Map<string, number>> {
  const added = new Map<string, number>();
  for (const m of buildOrder(listModels())) {
    if (m.schema !== 'marts' || m.materialized !== 'incremental') continue;
    const started = performance.now();
    let rows: number;
    try {
      rows = Number((await conn.run(`INSERT INTO ${m.name} BY NAME ${renderModel(m, values)}`)).rowsChanged);
    } catch (e) {
      if (e instanceof ModelFileError) throw e;
      throw new ModelFileError(`${m.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
    added.set(m.name, rows);
    onModel?.(m.name, rows, (performance.now() - started) / 1000);
  }
  return added;
}
