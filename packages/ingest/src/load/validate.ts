import type { DuckDBConnection } from '@duckdb/node-api';
import type { KindSpec } from './kinds.js';
import { ident, lit, num } from './sql.js';

/** Date spellings seen in the sources: 2019年12月15日, 2023-12-12 09:22:00, Sat Feb 22 22:58:03 2020… */
const DATE_FORMATS = ['%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y/%m/%d', '%Y/%m/%d %H:%M:%S', '%Y年%m月%d日', '%Y.%m.%d', '%a %b %d %H:%M:%S %Y', '%Y%m%d'];
const FORMULA = String.raw`^\s*[=+@-]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(`;

function numberExpr(col: string): string {
  const t = `regexp_replace(trim(${col}), '[,，\\s]', '', 'g')`;
  return `CASE WHEN ${t} LIKE '%\\%' ESCAPE '\\' THEN TRY_CAST(rtrim(${t}, '%') AS DOUBLE) / 100 ELSE TRY_CAST(${t} AS DOUBLE) END`;
}

function dateExpr(col: string): string {
  const fmts = `[${DATE_FORMATS.map(lit).join(', ')}]`;
  return `strftime(try_strptime(trim(${col}), ${fmts})::DATE, '%Y-%m-%d')`;
}

/**
 * Validates a staging table in bulk with SQL generated from the kind's zod-derived rules:
 * one pass computes the prepared (cast) columns and, per row, the list of every check it fails.
 * Creates `<prefix>_prep` (prepared values, all rows) and `<prefix>_err` (line, column_name,
 * raw_value, reason — one row per failed check).
 */
export async function validateStaging(conn: DuckDBConnection, spec: KindSpec, staging: string, prefix: string, today: string): Promise<void> {
  const cols: string[] = ['line'];
  const checks: string[] = [];
  const fail = (field: string, rawCol: string, cond: string, reason: string) =>
    checks.push(`CASE WHEN ${cond} THEN {'c': ${lit(field)}, 'v': left(${rawCol}, 1000), 'r': ${lit(reason)}} END`);
  for (const r of spec.rules) {
    const raw = `${ident(r.name + '__raw')}`;
    const f = ident(r.name);
    cols.push(`NULLIF(trim(${ident(r.name)}), '') AS ${raw}`);
    if (r.type === 'string') {
      cols.push(spec.dateFields.includes(r.name) ? `${dateExpr(`NULLIF(trim(${f}), '')`)} AS ${f}` : `NULLIF(trim(${f}), '') AS ${f}`);
    } else {
      cols.push(`${numberExpr(`NULLIF(trim(${f}), '')`)} AS ${f}`);
    }
  }
  for (const r of spec.rules) {
    const raw = ident(r.name + '__raw');
    const f = ident(r.name);
    if (r.required) fail(r.name, raw, `${raw} IS NULL`, 'required value missing');
    if (r.type === 'string') {
      fail(r.name, raw, `regexp_matches(${raw}, ${lit(FORMULA)})`, 'spreadsheet formula, not data');
      if (spec.keyText.includes(r.name)) fail(r.name, raw, `contains(${raw}, '\ufffd')`, 'undecodable characters (wrong or mixed encoding)');
      if (spec.dateFields.includes(r.name)) {
        fail(r.name, raw, `${raw} IS NOT NULL AND ${f} IS NULL`, 'not a recognisable date');
        continue;
      }
      if (r.minLength !== undefined && r.minLength > 1) fail(r.name, raw, `length(${f}) < ${r.minLength}`, `shorter than ${r.minLength} characters`);
      if (r.maxLength !== undefined) fail(r.name, raw, `length(${f}) > ${r.maxLength}`, `longer than ${r.maxLength} characters`);
      if (r.pattern !== undefined) fail(r.name, raw, `NOT regexp_full_match(${f}, ${lit(r.pattern)})`, `does not match the expected form ${r.pattern}`);
      if (r.enum !== undefined) fail(r.name, raw, `${f} NOT IN (${r.enum.map(lit).join(', ')})`, `not one of ${r.enum.join(', ')}`);
    } else {
      fail(r.name, raw, `${raw} IS NOT NULL AND ${f} IS NULL`, 'not a number');
      if (r.type === 'integer') fail(r.name, raw, `${f} <> trunc(${f})`, 'not a whole number');
      if (r.minimum !== undefined) fail(r.name, raw, `${f} < ${num(r.minimum)}`, r.minimum === 0 ? 'negative value' : `below minimum ${r.minimum}`);
      if (r.maximum !== undefined) fail(r.name, raw, `${f} > ${num(r.maximum)}`, `above maximum ${r.maximum}`);
    }
  }
  const prepped = `${prefix}_prep0`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prepped} AS SELECT ${cols.join(', ')} FROM ${staging}`);
  for (const x of spec.cross) {
    fail(x.column, ident(x.column + '__raw'), `coalesce(${x.when.replaceAll('{today}', `DATE ${lit(today)}`)}, false)`, x.reason);
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_prep AS
    SELECT *, list_filter([${checks.join(',\n')}], x -> x IS NOT NULL) AS __errs FROM ${prepped}`);
  await conn.run(`DROP TABLE ${prepped}`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_err AS
    SELECT line, e.c AS column_name, e.v AS raw_value, e.r AS reason
    FROM (SELECT line, unnest(__errs) AS e FROM ${prefix}_prep WHERE len(__errs) > 0)`);
}
