import { sqlIdent, sqlLiteral, sqlNumber } from '@talent/models';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { KindSpec } from './kinds.js';
import { CELL_FIELD } from '../map/row-mapper.js';

/**
 * Date spellings the loader reads (each has its test in validate.test.ts): ISO (2024-03-01), with a
 * time (2023-12-12 09:22:00) or in ISO 8601 form with T and a zone offset or Z (the date as written
 * is kept), slashes, dots, 年月日 (2019年12月15日, zero padding optional), eight digits (20240301),
 * C's ctime (Sat Feb 22 22:58:03 2020); full-width digits and signs of any of these are folded first.
 */
const DATE_FORMATS = [
  '%Y-%m-%d',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y/%m/%d',
  '%Y/%m/%d %H:%M:%S',
  '%Y/%m/%d %H:%M',
  '%Y年%m月%d日',
  '%Y年%m月%d日 %H:%M',
  '%Y.%m.%d',
  '%a %b %d %H:%M:%S %Y',
  '%Y%m%d',
];

/**
 * Full-width digits, signs and separators (Chinese input methods type them: １２, ２０２４－０３－０１)
 * folded to ASCII before a number or date is read: the NFKC mapping of exactly these characters,
 * which is safe (NFKC of all text would also turn ² into 2 and ① into 1).
 */
const WIDE_FROM = '０１２３４５６７８９．，－＋％／：　';
const WIDE_TO = '0123456789.,-+%/: ';
function folded(col: string): string {
  return `translate(${col}, ${sqlLiteral(WIDE_FROM)}, ${sqlLiteral(WIDE_TO)})`;
}
/** True when the text holds a full-width digit: only those values pay for folding. */
function hasWide(col: string): string {
  return `regexp_matches(${col}, '[０-９]')`;
}

function plainNumber(col: string): string {
  const t = `regexp_replace(${col}, '[,，\\s]', '', 'g')`;
  return `CASE WHEN ${col} LIKE '%\\%' ESCAPE '\\' THEN TRY_CAST(rtrim(${t}, '%') AS DOUBLE) / 100 ELSE TRY_CAST(${t} AS DOUBLE) END`;
}

function numberExpr(col: string): string {
  // Plain numbers cast directly; only the rest pay for removing separators and reading percents.
  return `coalesce(TRY_CAST(${col} AS DOUBLE), ${plainNumber(col)}, CASE WHEN ${hasWide(col)} THEN ${plainNumber(folded(col))} END)`;
}

function plainDate(col: string): string {
  const fmts = `[${DATE_FORMATS.map(sqlLiteral).join(', ')}]`;
  // ISO timestamps with an offset (2024-03-05T10:00:00+08:00) keep the local date as written.
  return `coalesce(try_strptime(${col}, ${fmts})::DATE, CASE WHEN ${col} LIKE '____-__-__T%' THEN TRY_CAST(left(${col}, 10) AS DATE) END)`;
}

function dateExpr(col: string): string {
  // ISO dates (most files) cast directly; the format list is tried only for the rest. The cast
  // only sees ten-character values: it would read '2024-03-05 左右' as a date, ignoring the rest.
  return `coalesce(CASE WHEN strlen(${col}) = 10 THEN TRY_CAST(${col} AS DATE) END, ${plainDate(col)}, CASE WHEN ${hasWide(col)} THEN ${plainDate(folded(col))} END)`;
}

/**
 * A cell without the padding the sources use: spaces, no-break spaces (scraped HTML) and
 * ideographic spaces (Chinese typing). trim() copies every string it is given (0.9 CPU-s on a
 * million ten-column rows), so it runs only where a cell may start or end with one of them: the
 * first-character test reads DuckDB's inlined string prefix; a first character from U+00A0 to
 * U+3000 (rare in Chinese text, which starts with an ideograph or ASCII) takes the slow path.
 */
function trimmed(col: string): string {
  return `CASE WHEN ${col} < '!' OR (${col} >= chr(160) AND ${col} < chr(12289))
      OR ends_with(${col}, ' ') OR ends_with(${col}, chr(160)) OR ends_with(${col}, chr(12288))
    THEN trim(${col}, ' ' || chr(160) || chr(12288)) ELSE ${col} END`;
}

/**
 * The column a reject names (SQL): the field at fault, and for a record of an unpivoted table the
 * value column it came from (`employment (E 桂林市)`), so that the cell can be found in the file.
 */
export function rejectedColumn(field: string, cell: string): string {
  return `CASE WHEN ${cell} IS NULL THEN ${field} ELSE ${field} || ' (' || ${cell} || ')' END`;
}

interface Check {
  field: string;
  /** Column holding the value as read (for meta.rejected_rows). */
  raw: string;
  cond: string;
  reason: string;
}

/** Rows to validate: every field of the kind as text. */
export interface ValidationInput {
  /** FROM-item: a table with `line`, or (bulk reads) a parenthesised SELECT without it. */
  from: string;
  /**
   * For bulk reads, whose line numbers are known only once the file has been read: called with
   * the materialised rows (row order = file order, no `line`), returns a SELECT adding `line`.
   */
  addLines?: (table: string) => Promise<string>;
  /** The rows carry `__extra` (kept source columns as a JSON object), passed through to the accepted rows. */
  extra?: boolean;
  /**
   * The rows carry `__column`, the value column of an unpivoted table each record came from: passed
   * through to the accepted rows and the rejects, whose column names it completes (`employment (D 柳州市)`).
   */
  unpivoted?: boolean;
  /** JavaScript work to do while DuckDB reads and checks the rows on its own threads. */
  meanwhile?: () => void;
}

/**
 * Validates a staging table in bulk with SQL generated from the kind's zod-derived rules.
 * Creates `<prefix>_prep` (the trimmed text of every row of the fields the source fills, numbers
 * and dates as `<field>__raw`, and `__bad` when any check fails), the view `<prefix>_acc` of the
 * good rows with every field of the kind (numbers and dates cast from their text, fields the
 * source never fills as typed NULLs), and `<prefix>_err` (line, column_name, raw_value, reason:
 * one row per failed check). The per-check detail is computed for the bad rows only, so clean files pay one
 * boolean expression per row.
 */
export async function validateStaging(
  conn: DuckDBConnection,
  spec: KindSpec,
  input: ValidationInput,
  prefix: string,
  today: string,
  provided: ReadonlySet<string>,
): Promise<void> {
  const bulk = input.addLines !== undefined;
  const w = spec.windowed;
  const windowed = Object.entries(w?.columns ?? {});
  const cols: string[] = bulk ? [] : ['line'];
  if (input.extra) cols.push('"__extra"');
  if (input.unpivoted) cols.push(sqlIdent(CELL_FIELD));
  // Columns computed rather than stored in the prepared table: [name, SQL expression].
  const absent: [string, string][] = [];
  const derived: [string, string][] = [];
  const checks: Check[] = [];
  const add = (field: string, raw: string, cond: string, reason: string) => checks.push({ field, raw, cond, reason });
  for (const r of spec.rules) {
    const f = sqlIdent(r.name);
    const text = `NULLIF(${trimmed(f)}, '')`;
    const isDate = spec.dateFields.includes(r.name);
    const raw = r.type === 'string' && !isDate ? f : sqlIdent(r.name + '__raw');
    if (!provided.has(r.name) && !r.required) {
      // A field the source never fills: no checks to evaluate per row, and not materialised (a
      // column of a million NULLs costs as much to store as one of text); the view of the
      // accepted rows adds it as a typed NULL.
      absent.push([raw, 'NULL::VARCHAR']);
      if (raw !== f) absent.push([f, `NULL::${isDate ? 'DATE' : r.type === 'string' ? 'VARCHAR' : 'DOUBLE'}`]);
      continue;
    }
    if (r.type === 'string' && !isDate) {
      cols.push(`${text} AS ${f}`);
    } else {
      // Only the text is materialised; the cast is recomputed from it wherever it is read (cheaper
      // than storing a million values twice).
      cols.push(`${text} AS ${raw}`);
      derived.push([f, isDate ? dateExpr(raw) : numberExpr(raw)]);
    }
    if (r.required) add(r.name, raw, `${raw} IS NULL`, 'required value missing');
    if (r.type === 'string') {
      if (spec.keyText.includes(r.name)) add(r.name, raw, `contains(${raw}, '\ufffd')`, 'undecodable characters (wrong or mixed encoding)');
      if (isDate) {
        add(r.name, raw, `${raw} IS NOT NULL AND ${f} IS NULL`, 'not a recognisable date');
        continue;
      }
      // strlen (bytes, stored with the string) bounds length (characters, a scan of the text):
      // 1–4 bytes per character, so the scan runs only on the few values near a limit.
      if (r.minLength !== undefined && r.minLength > 1)
        add(r.name, raw, `strlen(${f}) < ${4 * r.minLength} AND length(${f}) < ${r.minLength}`, `shorter than ${r.minLength} characters`);
      if (r.maxLength !== undefined)
        add(r.name, raw, `strlen(${f}) > ${r.maxLength} AND length(${f}) > ${r.maxLength}`, `longer than ${r.maxLength} characters`);
      if (r.pattern !== undefined)
        add(r.name, raw, `NOT regexp_full_match(${f}, ${sqlLiteral(r.pattern)})`, `does not match the expected form ${r.pattern}`);
      if (r.enum !== undefined)
        add(r.name, raw, `NOT list_contains([${r.enum.map(sqlLiteral).join(', ')}], ${f})`, `not one of ${r.enum.join(', ')}`);
    } else {
      add(r.name, raw, `${raw} IS NOT NULL AND ${f} IS NULL`, 'not a number');
      if (r.type === 'integer') add(r.name, raw, `${f} <> trunc(${f})`, 'not a whole number');
      if (r.minimum !== undefined)
        add(r.name, raw, `${f} < ${sqlNumber(r.minimum)}`, r.minimum === 0 ? 'negative value' : `below minimum ${r.minimum}`);
      if (r.maximum !== undefined) add(r.name, raw, `${f} > ${sqlNumber(r.maximum)}`, `above maximum ${r.maximum}`);
    }
  }
  for (const x of spec.checks) {
    const rule = spec.rules.find((r) => r.name === x.column);
    const raw = rule && (rule.type !== 'string' || spec.dateFields.includes(rule.name)) ? sqlIdent(x.column + '__raw') : sqlIdent(x.column);
    add(x.column, raw, x.when.replaceAll('{today}', `DATE ${sqlLiteral(today)}`), x.reason);
  }
  // Reading, casting and checking in one pass: a bulk read goes straight from read_csv into the
  // prepared table, so a million rows are materialised once, not twice.
  const select = (cs: [string, string][]) => cs.map(([name, expr]) => `, ${expr} AS ${name}`).join('');
  const notStored = [...absent, ...derived].map(([name]) => name);
  const addBack = select([...derived, ...absent]);
  const prepared = bulk ? `${prefix}_prep0` : `${prefix}_prep`;
  const reading = conn.run(`CREATE OR REPLACE TEMP TABLE ${prepared} AS
    SELECT *${notStored.length ? ` EXCLUDE (${notStored.join(', ')})` : ''}, (${checks.map((c) => `coalesce(${c.cond}, false)`).join('\n OR ')}) AS __bad
    FROM (SELECT *${select(derived)} FROM (SELECT ${[...cols, ...windowed.map(([name, sql]) => `${sql} AS ${name}`)].join(', ')}${select(absent)} FROM ${input.from}
      ${w ? `WINDOW prev AS (PARTITION BY ${w.partitionBy} ORDER BY ${w.orderBy}${bulk ? '' : ', line'})` : ''}))`);
  try {
    input.meanwhile?.();
  } finally {
    await reading;
  }
  if (input.addLines) await conn.run(`CREATE OR REPLACE TEMP VIEW ${prefix}_prep AS ${await input.addLines(prepared)}`);
  const structs = checks.map(
    (c) =>
      `CASE WHEN coalesce(${c.cond}, false) THEN {'c': ${sqlLiteral(c.field)}, 'v': left(${c.raw}, 1000), 'r': ${sqlLiteral(c.reason)}} END`,
  );
  const cell = input.unpivoted ? `, ${sqlIdent(CELL_FIELD)}` : '';
  // Binding the per-check detail costs more than a small clean file's whole check: it is built only when a row failed.
  const anyBad = (await conn.runAndReadAll(`SELECT coalesce(bool_or(__bad), false) FROM ${prepared}`)).getRows()[0]![0] === true;
  const failures = anyBad
    ? `SELECT line, ${input.unpivoted ? rejectedColumn('e.c', sqlIdent(CELL_FIELD)) : 'e.c'} AS column_name, e.v AS raw_value, e.r AS reason${cell}
    FROM (SELECT line${cell}, unnest(list_filter([${structs.join(',\n')}], x -> x IS NOT NULL)) AS e
      FROM (SELECT *${addBack} FROM ${prefix}_prep WHERE __bad))`
    : `SELECT line, NULL::VARCHAR AS column_name, NULL::VARCHAR AS raw_value, NULL::VARCHAR AS reason${cell} FROM ${prefix}_prep WHERE false`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_err AS ${failures};
    CREATE OR REPLACE TEMP VIEW ${prefix}_acc AS SELECT * EXCLUDE (${['__bad', ...windowed.map(([name]) => name)].join(', ')})${addBack}
      FROM ${prefix}_prep WHERE NOT __bad`);
}
