import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { EDUCATION_LEVELS, PLAUSIBLE_EXPERIENCE_YEARS, PLAUSIBLE_MONTHLY_PAY_CNY, PLAUSIBLE_MONTHS_PAID } from '@talent/models';
import type { PostingNormalizers } from './normalizers.js';

const EDU = new Set<string>(EDUCATION_LEVELS);

function putNum(app: DuckDBAppender, v: number | null | undefined, [lo, hi]: readonly [number, number]): void {
  if (v === null || v === undefined || !Number.isFinite(v) || v < lo || v > hi) app.appendNull();
  else app.appendDouble(v);
}

const CONFIDENCE: readonly [number, number] = [0, 1];
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
  const rows =
    Number(n) === 0
      ? []
      : String(s)
          .split('\x1e')
          .map((r) => r.split('\x1f'));
  if (rows.length === Number(n) && rows.every((r) => r.length === width)) return rows;
  const r = await conn.runAndReadAll(sql);
  return r.getRows().map((row) => row.map((v) => (v === null ? '' : String(v))));
}

/** Columns of the accepted postings the coders read. */
const DISTINCT_COLUMNS = [
  'company',
  'title',
  'salary_text',
  'location_text',
  'education_text',
  'experience_text',
  'company_industry_text',
] as const;
type DistinctSet = 'cmp' | 'ttl' | 'sal' | 'reg' | 'req' | 'ind' | 'occ';
/** Each lookup, the combination of columns it codes, and whether the normalisers code it. */
const DISTINCT_SETS: readonly (readonly [DistinctSet, readonly (typeof DISTINCT_COLUMNS)[number][], (n: PostingNormalizers) => boolean])[] =
  [
    ['cmp', ['company'], (n) => !!n.companyKey],
    ['ttl', ['title'], (n) => !!n.titleKey],
    ['sal', ['salary_text'], (n) => !!n.salary],
    ['reg', ['location_text'], (n) => !!n.region],
    ['req', ['education_text', 'experience_text'], (n) => !!n.requirements],
    ['ind', ['company_industry_text'], (n) => !!n.industry],
    ['occ', ['title', 'company_industry_text'], (n) => !!n.occupation],
  ];

/** Values a coder threw on, by coder: the load goes on with them uncoded and says so. */
export type CoderFailures = Record<string, { count: number; example: string; message: string }>;

/** A coder that throws on one odd value must not sink the load: that value stays uncoded, and the failure is counted. */
function guard(failures: CoderFailures, coder: string) {
  return <T>(input: string, fn: () => T): T | null => {
    try {
      return fn();
    } catch (err) {
      const f = (failures[coder] ??= { count: 0, example: input.slice(0, 80), message: (err as Error).message });
      f.count++;
      return null;
    }
  };
}

/**
 * Runs the normalisers once per distinct text of the accepted postings and stores the results
 * in lookup temp tables `<prefix>_lk_*`, which the core insert joins. Outputs outside the
 * plausibility bounds (`@talent/models`), unknown education levels and malformed codes are dropped
 * to NULL; values a coder threw on stay uncoded and are returned, for the load's message.
 */
export async function buildPostingLookups(
  conn: DuckDBConnection,
  acc: string,
  prefix: string,
  n: PostingNormalizers,
): Promise<CoderFailures> {
  const failures: CoderFailures = {};
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_sal (text VARCHAR, mn DOUBLE, mx DOUBLE, months DOUBLE, status VARCHAR)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_reg (text VARCHAR, region_code VARCHAR)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_req (edu VARCHAR, exp VARCHAR, education VARCHAR, mn DOUBLE, mx DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_ind (text VARCHAR, code VARCHAR, conf DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_occ (title VARCHAR, ind VARCHAR, code VARCHAR, conf DOUBLE)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_cmp (text VARCHAR, norm VARCHAR)`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_ttl (text VARCHAR, norm VARCHAR)`);
  // The distinct texts every coder needs, in one pass over the accepted rows (one hash table per
  // set): seven separate DISTINCT queries scanned a million rows seven times.
  const wanted = DISTINCT_SETS.filter(([, , codes]) => codes(n));
  const dv = `${prefix}_dv`;
  // GROUPING() sets bit i (leftmost argument highest) when that column is not grouped in the row's set.
  const grouped = DISTINCT_COLUMNS.filter((c) => wanted.some(([, cols]) => cols.includes(c)));
  const bit = (cols: readonly string[]) => grouped.reduce((m, c, i) => (cols.includes(c) ? m : m | (1 << (grouped.length - 1 - i))), 0);
  if (wanted.length)
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${dv} AS SELECT GROUPING(${grouped.join(', ')}) AS gid, ${grouped.join(', ')}
      FROM ${acc} GROUP BY GROUPING SETS (${wanted.map(([, cols]) => `(${cols.join(', ')})`).join(', ')})`);
  const from = (name: DistinctSet) => `${dv} WHERE gid = ${bit(DISTINCT_SETS.find(([x]) => x === name)![1])}`;
  for (const [fn, table, col] of [
    [n.companyKey?.bind(n), 'cmp', 'company'],
    [n.titleKey?.bind(n), 'ttl', 'title'],
  ] as const) {
    if (!fn) continue;
    const safe = guard(failures, table === 'cmp' ? 'companyKey' : 'titleKey');
    const app = await conn.createAppender(`${prefix}_lk_${table}`, 'main', 'temp');
    for (const [text] of await distinct(conn, `SELECT ${col} FROM ${from(table)} AND ${col} IS NOT NULL`, 1)) {
      app.appendVarchar(text!);
      putText(
        app,
        safe(text!, () => fn(text!)),
      );
      app.endRow();
    }
    app.closeSync();
  }

  if (n.salary) {
    const app = await conn.createAppender(`${prefix}_lk_sal`, 'main', 'temp');
    const safe = guard(failures, 'salary');
    for (const [text] of await distinct(conn, `SELECT salary_text FROM ${from('sal')} AND salary_text IS NOT NULL`, 1)) {
      const s = safe(text!, () => n.salary!(text!));
      // One rule for pay (the posting always loads; salary_status says what became of its pay
      // text): bounds outside the plausibility bounds, or a maximum below the minimum, are not pay.
      const bounds: [number | null, number | null] = [s?.minMonthly ?? null, s?.maxMonthly ?? null];
      const [lo, hi] = PLAUSIBLE_MONTHLY_PAY_CNY;
      const implausible = bounds.some((v) => v !== null && (!Number.isFinite(v) || v < lo || v > hi));
      const inverted = bounds[0] !== null && bounds[1] !== null && bounds[0] > bounds[1];
      const status = !s
        ? 'uncoded'
        : implausible
          ? 'implausible'
          : inverted
            ? 'inverted-range'
            : bounds[0] === null && bounds[1] === null
              ? (s.reason ?? 'unrecognised')
              : 'parsed';
      app.appendVarchar(text!);
      putNum(app, status === 'parsed' ? s!.minMonthly : null, PLAUSIBLE_MONTHLY_PAY_CNY);
      putNum(app, status === 'parsed' ? s!.maxMonthly : null, PLAUSIBLE_MONTHLY_PAY_CNY);
      putNum(app, status === 'parsed' ? s!.months : null, PLAUSIBLE_MONTHS_PAID);
      app.appendVarchar(status);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.region) {
    const app = await conn.createAppender(`${prefix}_lk_reg`, 'main', 'temp');
    const safe = guard(failures, 'region');
    for (const [text] of await distinct(conn, `SELECT location_text FROM ${from('reg')} AND location_text IS NOT NULL`, 1)) {
      const code = safe(text!, () => n.region!(text!));
      app.appendVarchar(text!);
      putText(app, code && /^\d{6}$/.test(code) ? code : null);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.requirements) {
    const safe = guard(failures, 'requirements');
    const app = await conn.createAppender(`${prefix}_lk_req`, 'main', 'temp');
    for (const [edu, exp] of await distinct(
      conn,
      `SELECT coalesce(education_text, ''), coalesce(experience_text, '') FROM ${from('req')} AND (education_text IS NOT NULL OR experience_text IS NOT NULL)`,
      2,
    )) {
      const q = safe(`${edu ?? ''} | ${exp ?? ''}`, () => n.requirements!(edu ?? '', exp ?? ''));
      app.appendVarchar(edu ?? '');
      app.appendVarchar(exp ?? '');
      putText(app, q?.education && EDU.has(q.education) ? q.education : null);
      putNum(app, q?.minYears, PLAUSIBLE_EXPERIENCE_YEARS);
      putNum(app, q?.maxYears, PLAUSIBLE_EXPERIENCE_YEARS);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.industry) {
    const safe = guard(failures, 'industry');
    const app = await conn.createAppender(`${prefix}_lk_ind`, 'main', 'temp');
    for (const [text] of await distinct(
      conn,
      `SELECT company_industry_text FROM ${from('ind')} AND company_industry_text IS NOT NULL`,
      1,
    )) {
      const c = safe(text!, () => n.industry!(text!));
      app.appendVarchar(text!);
      const ok = c && /^(?:[A-T]|\d{2,4})$/.test(c.code);
      putText(app, ok ? c.code : null);
      putNum(app, ok ? c.confidence : null, CONFIDENCE);
      app.endRow();
    }
    app.closeSync();
  }
  if (n.occupation) {
    const app = await conn.createAppender(`${prefix}_lk_occ`, 'main', 'temp');
    const safe = guard(failures, 'occupation');
    for (const [title, ind] of await distinct(conn, `SELECT title, coalesce(company_industry_text, '') FROM ${from('occ')}`, 2)) {
      const c = safe(title!, () => n.occupation!(title!, ind ?? ''));
      app.appendVarchar(title!);
      app.appendVarchar(ind ?? '');
      const ok = c && /^\d-\d{2}-\d{2}-\d{2}$/.test(c.code);
      putText(app, ok ? c.code : null);
      putNum(app, ok ? c.confidence : null, CONFIDENCE);
      app.endRow();
    }
    app.closeSync();
  }
  return failures;
}
