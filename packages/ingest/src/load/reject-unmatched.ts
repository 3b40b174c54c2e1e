import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlIdent, sqlLiteral, type UnmatchedFigure } from '@talent/models';
import { renderCoreModel } from './core-insert.js';
import type { KindSpec } from './kinds.js';
import { CELL_FIELD } from '../map/row-mapper.js';
import { rejectedColumn } from './validate.js';

/** Why a record the core model could not match is refused, per unmatched figure of the kinds. */
const REASON: Record<UnmatchedFigure['what'], string> = {
  regions: 'region not in the code list (GB/T 2260): no division bears this name or code',
  industries: 'industry not in the code list (GB/T 4754-2017): no class bears this name or code',
  majors: 'major not in the catalogues: no major bears this code or name',
  schools: 'school not in the loaded school lists',
  occupations: 'occupation not in the code list (职业分类大典 2022): no occupation bears this name or code',
};

/**
 * For a mapping with `unmatched: "reject"`: the accepted rows of a load that the kind's core model
 * would leave unmatched (its `unmatched` figures: a region or industry ref does not know) become
 * rejects in `<prefix>_err`, with the line, the column (and value column of an unpivoted table) and
 * the reason; `<prefix>_acc` is redefined without them. The core model itself decides, so the
 * rule is the one that would flag the row in core.
 * @returns how many records were refused.
 */
export async function rejectUnmatched(
  conn: DuckDBConnection,
  spec: KindSpec,
  prefix: string,
  source: string,
  unpivoted: boolean,
): Promise<number> {
  const keyed = `${prefix}_keyed`;
  const refused = `${prefix}_unm`;
  // The core model keeps `line`; a row number in its place tells apart the records of one line.
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${keyed} AS SELECT row_number() OVER () AS __row, * FROM ${prefix}_acc`);
  const core = renderCoreModel({
    spec,
    accepted: `(SELECT * REPLACE (__row AS line) FROM ${keyed})`,
    prefix,
    loadId: '',
    source,
    fileKey: '',
  });
  const figures = spec.unmatched.map(
    (u) =>
      `SELECT line AS __row, ${sqlLiteral(/^[a-z_]+$/.test(u.label) ? u.label : u.what)} AS field, (${u.label})::VARCHAR AS value, ${sqlLiteral(REASON[u.what])} AS reason
       FROM core_rows WHERE ${u.where}`,
  );
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${refused} AS
    WITH core_rows AS (${core}) ${figures.join('\nUNION ALL\n')}`);
  const cell = `k.${sqlIdent(CELL_FIELD)}`;
  await conn.run(`INSERT INTO ${prefix}_err BY NAME
    SELECT k.line, ${unpivoted ? rejectedColumn('u.field', cell) : 'u.field'} AS column_name, left(u.value, 1000) AS raw_value, u.reason${unpivoted ? `, ${cell}` : ''}
    FROM ${refused} u JOIN ${keyed} k USING (__row);
    CREATE OR REPLACE TEMP VIEW ${prefix}_acc AS SELECT * EXCLUDE (__row) FROM ${keyed} WHERE __row NOT IN (SELECT __row FROM ${refused})`);
  const n = await conn.runAndReadAll(`SELECT count(DISTINCT __row) FROM ${refused}`);
  return Number(n.getRows()[0]![0]);
}
