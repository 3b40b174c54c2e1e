import type { DuckDBConnection } from '@duckdb/node-api';
import { DUPLICATE_KEY_LOOKUPS, listModels, type Model, renderModel, sqlLiteral } from '@talent/models';
import { markLoadDuplicates } from './mark-duplicates.js';
import type { KindSpec } from './kinds.js';

let models: Map<string, Model> | null = null;

/** The incremental core model filling a kind's core table. */
function coreModel(spec: KindSpec): Model {
  models ??= new Map(listModels().map((m) => [m.name, m]));
  const m = models.get(spec.coreTable);
  if (!m) throw new Error(`no core model for ${spec.coreTable}`);
  return m;
}

/** One load's accepted rows and the names of its lookup tables, to write into core. */
export interface CoreInsertContext {
  conn: DuckDBConnection;
  spec: KindSpec;
  /** Relation of the accepted rows (validated, typed). */
  accepted: string;
  /** Prefix of the load's temp tables (posting lookups `<prefix>_lk_*`). */
  prefix: string;
  loadId: string;
  source: string;
  /** First 16 hex digits of the file hash: posting ids are stable for the same file. */
  fileKey: string;
  /** Postings: relation of the duplicate keys of the rows the load's replacement deleted (see markLoadDuplicates). */
  freedKeys?: string;
}

/**
 * Writes the accepted rows of one load into the kind's core table through the kind's core model
 * (packages/models/src/kinds/<kind>/<table>.sql); postings pass through the duplicate rule first.
 * Runs inside the load's transaction.
 * @returns the change in postings marked duplicates, the load's own and stored ones (0 for other kinds).
 */
export async function insertCore(ctx: CoreInsertContext): Promise<number> {
  const { conn, spec, prefix } = ctx;
  if (spec.coreTable !== 'core.job_posting_codes') {
    await conn.run(`INSERT INTO ${spec.coreTable} BY NAME ${renderCoreModel(ctx)}`);
    return 0;
  }
  // The keys first, so that duplicates are decided before the rows are written; then the rows.
  const keys = `${prefix}_keys`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${keys} AS ${postingKeysSql(ctx)}`);
  const duplicates = await markLoadDuplicates(conn, keys, prefix, ctx.fileKey, ctx.freedKeys);
  await conn.run(`INSERT INTO ${spec.coreTable} BY NAME ${postingRowsSql(ctx, keys, `${prefix}_dd`)}`);
  return duplicates;
}

/** The duplicate keys of one load's postings (line, dedup_key, posted_date), from the lookups the key reads. */
export function postingKeysSql(ctx: Omit<CoreInsertContext, 'conn'>): string {
  return `SELECT line, dedup_key, posted_date FROM (${renderCoreModel(ctx, 'key')}) WHERE dedup_key IS NOT NULL`;
}

/**
 * One load's posting rows for core: the model without the lookups only the key reads, the key from
 * `keys` and the marks from `marks` (line, duplicate_of) joined by line.
 */
export function postingRowsSql(ctx: Omit<CoreInsertContext, 'conn'>, keys: string, marks: string): string {
  return `SELECT m.* REPLACE (k.dedup_key AS dedup_key, d.duplicate_of AS duplicate_of) FROM (${renderCoreModel(ctx, 'row')}) m
    LEFT JOIN ${keys} k USING (line) LEFT JOIN ${marks} d USING (line)`;
}

/**
 * The SQL of the kind's core model over one load's accepted rows (`ctx.accepted`), placeholders filled.
 * `part` of a posting model: `key` reads as empty the lookups the duplicate key is not made from, `row`
 * those that feed only the key (their columns are NULL).
 */
export function renderCoreModel(ctx: Omit<CoreInsertContext, 'conn'>, part: 'all' | 'key' | 'row' = 'all'): string {
  const empty = (name: string) =>
    part === 'key' ? !DUPLICATE_KEY_LOOKUPS.inputs.includes(name) : part === 'row' && DUPLICATE_KEY_LOOKUPS.keyOnly.includes(name);
  const table = (name: string) => `temp.main.${ctx.prefix}_lk_${name}`;
  const lookups: Record<string, string> = {
    salary: table('sal'),
    region: table('reg'),
    requirements: table('req'),
    industry: table('ind'),
    occupation: table('occ'),
    company_key: table('cmp'),
    title_key: table('ttl'),
  };
  const params: Record<string, string> = {};
  for (const [name, t] of Object.entries(lookups)) params[`${name}_lookup`] = empty(name) ? `(SELECT * FROM ${t} LIMIT 0)` : t;
  return renderModel(coreModel(ctx.spec), {
    accepted: ctx.accepted,
    load_id: sqlLiteral(ctx.loadId),
    source: sqlLiteral(ctx.source),
    file_key: sqlLiteral(ctx.fileKey),
    ...params,
  });
}
