import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { EDUCATION_LEVELS } from '@talent/models';
import type { PostingNormalizers } from './normalizers.js';

const EDU = new Set<string>(EDUCATION_LEVELS);

function putNum(app: DuckDBAppender, v: number | null | undefined, lo: number, hi: number): void {
  if (v === null || v === undefined || !Number.isFinite(v) || v < lo || v > hi) app.appendNull();
  else app.appendDouble(v);
}
function putText(app: DuckDBAppender, v: string | null | undefined): void {
  if (v === null || v === undefined || v === '') app.appendNull();
  else app.appendVarchar(v);
}

/**
 * Rows of `sql` (text columns), NULL as ''. They come back as one string joined with the ASCII
 * record and unit separators, split here: the client converts values one by one, which costs
 * more than the query on 100,000 distinct employer names. Text holding a separator falls back
 * to the row-by-row read, so no value is ever split wrongly.
 */
async function distinct(conn: DuckDBConnection, sql: string, width: number): Promise<string[][]> {
  const cols = Array.from({ length: width }, (_, i) => `coalesce(c${i}::VARCHAR, '')`).join(`, chr(31), `);
  const joined = await conn.runAndReadAll(
    `SELECT count(*) AS n, string_agg(concat(${cols}), chr(30)) AS s FROM (${sql}) q(${Array.from({ length: width }, (_, i) => `c${i}`).join(', ')})`,
  );
  const [n, s] = joined.getRows()[0]!;
  const rows = Number(n) === 0 ? [] : String(s).split('\x1e').map((r) => r.split('\x1f'));
  if (rows.length === Number(n) && rows.every((r) => r.length === width)) return rows;
  const r = await conn.runAndReadAll(sql);
  return r.getRows().map((row) => row.map((v) => (v === null ? '' : String(v))));
}

/** A normaliser that throws on one odd value must not sink the load: that value stays uncoded. */
function safe<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

/**
 * Runs the normalisers once per distinct text of the accepted postings and stores the results
 * in lookup temp tables `<prefix>_lk_*`, which the core insert joins. Outputs outside the schema's
 * ranges (negative pay, unknown education level, malformed codes) are dropped to NULL.
 */
export async function buildPostingLookups(conn: DuckDBConnection, acc: string, prefix: string, n: PostingNormalizers): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_sal (text VARCHAR, mn DOUBLE, mx DOUBLE, months DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_reg (text VARCHAR, region_code VARCHAR)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_req (edu VARCHAR, exp VARCHAR, education VARCHAR, mn DOUBLE, mx DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_ind (text VARCHAR, code VARCHAR, conf DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_occ (title VARCHAR, ind VARCHAR, code VARCHAR, conf DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_cmp (text VARCHAR, norm VARCHAR)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_ttl (text VARCHAR, norm VARCHAR)`);
  for (const [fn, table, col] of [
    [n.companyKey, 'cmp', 'company'],
    [n.titleKey, 'ttl', 'title'],
  ] as const) {
    if (!fn) continue;
    const app = await conn.createAppender(`${prefix}_lk_${table}`, 'main', 'temp');
    for (const [text] of await distinct(conn, `SELECT DISTINCT ${col} FROM ${acc} WHERE ${col} IS NOT NULL`, 1)) {
      app.appendVarchar(text!);
      putText(app, safe(() => fn(text!)));
      app.endRow();
    }
    app.closeSync();
  }

  if (n.salary) {
    const app = await conn.createAppender(`${prefix}_lk_sal`, 'main', 'temp');
    for (const [text] of await distinct(conn, `SELECT DISTINCT salary_text FROM ${acc} WHERE salary_text IS NOT NULL`, 1)) {
      const s = safe(() => n.salary!(text!));
      app.appendVarchar(text!);
      putNum(app, s?.minMonthly, 0, 10_000_000);
      putNum(app, s?.maxMonthly, 0, 10_000_000);
      putNum(app, s?.months, 12, 24);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.region) {
    const app = await conn.createAppender(`${prefix}_lk_reg`, 'main', 'temp');
    for (const [text] of await distinct(conn, `SELECT DISTINCT location_text FROM ${acc} WHERE location_text IS NOT NULL`, 1)) {
      const code = safe(() => n.region!(text!));
      app.appendVarchar(text!);
      putText(app, code && /^\d{6}$/.test(code) ? code : null);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.requirements) {
    const app = await conn.createAppender(`${prefix}_lk_req`, 'main', 'temp');
    for (const [edu, exp] of await distinct(
      conn,
      `SELECT DISTINCT coalesce(education_text, ''), coalesce(experience_text, '') FROM ${acc} WHERE education_text IS NOT NULL OR experience_text IS NOT NULL`,
      2,
    )) {
      const q = safe(() => n.requirements!(edu ?? '', exp ?? ''));
      app.appendVarchar(edu ?? '');
      app.appendVarchar(exp ?? '');
      putText(app, q?.education && EDU.has(q.education) ? q.education : null);
      putNum(app, q?.minYears, 0, 50);
      putNum(app, q?.maxYears, 0, 50);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.industry) {
    const app = await conn.createAppender(`${prefix}_lk_ind`, 'main', 'temp');
    for (const [text] of await distinct(conn, `SELECT DISTINCT company_industry_text FROM ${acc} WHERE company_industry_text IS NOT NULL`, 1)) {
      const c = safe(() => n.industry!(text!));
      app.appendVarchar(text!);
      const ok = c && /^(?:[A-T]|\d{2,4})$/.test(c.code);
      putText(app, ok ? c.code : null);
      putNum(app, ok ? c.confidence : null, 0, 1);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.occupation) {
    const app = await conn.createAppender(`${prefix}_lk_occ`, 'main', 'temp');
    for (const [title, ind] of await distinct(conn, `SELECT DISTINCT title, coalesce(company_industry_text, '') FROM ${acc}`, 2)) {
      const c = safe(() => n.occupation!(title!, ind ?? ''));
      app.appendVarchar(title!);
      app.appendVarchar(ind ?? '');
      const ok = c && /^\d-\d{2}-\d{2}-\d{2}$/.test(c.code);
      putText(app, ok ? c.code : null);
      putNum(app, ok ? c.confidence : null, 0, 1);
      app.endRow();
    }
    app.closeSync();
  }
}
