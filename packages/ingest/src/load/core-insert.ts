import type { DuckDBConnection } from '@duckdb/node-api';
import { listModels, renderModel, type Model } from '@talent/models';
import { markLoadDuplicates } from './mark-duplicates.js';
import type { KindSpec } from './kinds.js';
import { lit } from './sql.js';

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
}

/**
 * Writes the accepted rows of one load into the kind's core table through the kind's core model
 * (packages/models/src/kinds/<kind>/<table>.sql); postings pass through the duplicate rule first.
 * Runs inside the load's transaction.
 * @returns how many postings were marked duplicates (0 for other kinds).
 */
export async function insertCore(ctx: CoreInsertContext): Promise<number> {
  const { conn, spec, prefix } = ctx;
  const sql = renderCoreModel(ctx);
  if (spec.coreTable !== 'core.job_posting_codes') {
    await conn.run(`INSERT INTO ${spec.coreTable} BY NAME ${sql}`);
    return 0;
  }
  // The keys first, from a narrow read of the model (DuckDB prunes what the keys do not need), so
  // that duplicates are decided before the rows are written; then the rows, in one pass.
  const keys = `${prefix}_keys`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${keys} AS SELECT line, dedup_key, posted_date FROM (${sql}) WHERE dedup_key IS NOT NULL`);
  const duplicates = await markLoadDuplicates(conn, keys, prefix, ctx.fileKey);
  // A load with no duplicates (most daily files) writes the model's rows as they are.
  await conn.run(
    duplicates
      ? `INSERT INTO ${spec.coreTable} BY NAME SELECT m.* REPLACE (d.duplicate_of AS duplicate_of) FROM (${sql}) m LEFT JOIN ${prefix}_dd d USING (line)`
      : `INSERT INTO ${spec.coreTable} BY NAME ${sql}`,
  );
  return duplicates;
}

/** The SQL of the kind's core model over one load's accepted rows (`ctx.accepted`), placeholders filled. */
export function renderCoreModel(ctx: Omit<CoreInsertContext, 'conn'>): string {
  const lookup = (name: string) => `temp.main.${ctx.prefix}_lk_${name}`;
  return renderModel(coreModel(ctx.spec), {
    accepted: ctx.accepted,
    load_id: lit(ctx.loadId),
    source: lit(ctx.source),
    file_key: lit(ctx.fileKey),
    salary_lookup: lookup('sal'),
    region_lookup: lookup('reg'),
    requirements_lookup: lookup('req'),
    industry_lookup: lookup('ind'),
    occupation_lookup: lookup('occ'),
    company_key_lookup: lookup('cmp'),
    title_key_lookup: lookup('ttl'),
  });
}
