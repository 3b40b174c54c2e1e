import type { DuckDBConnection } from '@duckdb/node-api';
import { EDUCATION_LEVELS, PLAUSIBLE_EXPERIENCE_YEARS, PLAUSIBLE_MONTHLY_PAY_CNY, PLAUSIBLE_MONTHS_PAID } from '@talent/models';
import type { PostingNormalizers } from './normalizers.js';

const EDU = new Set<string>(EDUCATION_LEVELS);

const CONFIDENCE: readonly [number, number] = [0, 1];

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

/** The lookup temp tables `<prefix>_lk_*` the core model joins, with their columns. */
const LOOKUP_TABLES: Record<DistinctSet, string> = {
  sal: '(text VARCHAR, mn DOUBLE, mx DOUBLE, months DOUBLE, status VARCHAR)',
  reg: '(text VARCHAR, region_code VARCHAR)',
  req: '(edu VARCHAR, exp VARCHAR, education VARCHAR, mn DOUBLE, mx DOUBLE)',
  ind: '(text VARCHAR, code VARCHAR, conf DOUBLE)',
  occ: '(title VARCHAR, ind VARCHAR, code VARCHAR, conf DOUBLE)',
  cmp: '(text VARCHAR, norm VARCHAR)',
  ttl: '(text VARCHAR, norm VARCHAR)',
};

/** The distinct texts of one load's accepted postings, per lookup the normalisers fill. */
export interface PostingTexts {
  prefix: string;
  texts: Partial<Record<DistinctSet, string[][]>>;
}

/** One lookup row: text cells, numbers (DOUBLE columns) and NULLs, in the table's column order. */
type LookupRow = (string | number | null)[];

/** The coded lookup rows, ready to store, and the values a coder threw on. */
export interface CodedPostingTexts {
  prefix: string;
  rows: Partial<Record<DistinctSet, LookupRow[]>>;
  failures: CoderFailures;
}

function num(v: number | null | undefined, [lo, hi]: readonly [number, number]): number | null {
  return v === null || v === undefined || !Number.isFinite(v) || v < lo || v > hi ? null : v;
}

function text(v: string | null | undefined): string | null {
  return v === null || v === undefined || v === '' ? null : v;
}

/**
 * Reads the distinct texts each normaliser codes from the accepted postings `acc` (one pass, one
 * hash table per set) and creates the empty lookup tables `<prefix>_lk_*`. The coding itself is
 * {@link codePostingTexts}, plain JavaScript that touches no connection, so that a caller can run
 * it while DuckDB works on something else; {@link storePostingLookups} writes the result.
 */
export async function readPostingTexts(conn: DuckDBConnection, acc: string, prefix: string, n: PostingNormalizers): Promise<PostingTexts> {
  for (const [name, columns] of Object.entries(LOOKUP_TABLES))
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_lk_${name} ${columns}`);
  // Seven separate DISTINCT queries scanned a million rows seven times.
  const wanted = DISTINCT_SETS.filter(([, , codes]) => codes(n));
  const out: PostingTexts = { prefix, texts: {} };
  if (!wanted.length) return out;
  const dv = `${prefix}_dv`;
  // GROUPING() sets bit i (leftmost argument highest) when that column is not grouped in the row's set.
  const grouped = DISTINCT_COLUMNS.filter((c) => wanted.some(([, cols]) => cols.includes(c)));
  const bit = (cols: readonly string[]) => grouped.reduce((m, c, i) => (cols.includes(c) ? m : m | (1 << (grouped.length - 1 - i))), 0);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${dv} AS SELECT GROUPING(${grouped.join(', ')}) AS gid, ${grouped.join(', ')}
    FROM ${acc} GROUP BY GROUPING SETS (${wanted.map(([, cols]) => `(${cols.join(', ')})`).join(', ')})`);
  const from = (name: DistinctSet) => `${dv} WHERE gid = ${bit(DISTINCT_SETS.find(([x]) => x === name)![1])}`;
  const queries: Record<DistinctSet, [string, number]> = {
    cmp: [`SELECT company FROM ${from('cmp')} AND company IS NOT NULL`, 1],
    ttl: [`SELECT title FROM ${from('ttl')} AND title IS NOT NULL`, 1],
    sal: [`SELECT salary_text FROM ${from('sal')} AND salary_text IS NOT NULL`, 1],
    reg: [`SELECT location_text FROM ${from('reg')} AND location_text IS NOT NULL`, 1],
    req: [
      `SELECT coalesce(education_text, ''), coalesce(experience_text, '') FROM ${from('req')} AND (education_text IS NOT NULL OR experience_text IS NOT NULL)`,
      2,
    ],
    ind: [`SELECT company_industry_text FROM ${from('ind')} AND company_industry_text IS NOT NULL`, 1],
    occ: [`SELECT title, coalesce(company_industry_text, '') FROM ${from('occ')}`, 2],
  };
  for (const [name] of wanted) out.texts[name] = await distinct(conn, ...queries[name]);
  return out;
}

/**
 * Runs the normalisers once per distinct text. Outputs outside the plausibility bounds
 * (`@talent/models`), unknown education levels and malformed codes become NULL; values a coder
 * threw on stay uncoded and are counted in `failures`, for the load's message.
 */
export function codePostingTexts(t: PostingTexts, n: PostingNormalizers): CodedPostingTexts {
  const failures: CoderFailures = {};
  const rows: CodedPostingTexts['rows'] = {};
  const each = (name: DistinctSet, coder: string, row: (safe: ReturnType<typeof guard>, values: string[]) => LookupRow) => {
    const texts = t.texts[name];
    if (!texts) return;
    const safe = guard(failures, coder);
    rows[name] = texts.map((values) => row(safe, values));
  };
  for (const [name, coder, fn] of [
    ['cmp', 'companyKey', n.companyKey?.bind(n)],
    ['ttl', 'titleKey', n.titleKey?.bind(n)],
  ] as const)
    if (fn) each(name, coder, (safe, [v]) => [v!, text(safe(v!, () => fn(v!)))]);
  const salary = n.salary?.bind(n);
  if (salary)
    each('sal', 'salary', (safe, [v]) => {
      const s = safe(v!, () => salary(v!));
      // One rule for pay (the posting always loads; salary_status says what became of its pay
      // text): bounds outside the plausibility bounds, or a maximum below the minimum, are not pay.
      const bounds: [number | null, number | null] = [s?.minMonthly ?? null, s?.maxMonthly ?? null];
      const [lo, hi] = PLAUSIBLE_MONTHLY_PAY_CNY;
      const implausible = bounds.some((b) => b !== null && (!Number.isFinite(b) || b < lo || b > hi));
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
      const parsed = status === 'parsed';
      return [
        v!,
        num(parsed ? s!.minMonthly : null, PLAUSIBLE_MONTHLY_PAY_CNY),
        num(parsed ? s!.maxMonthly : null, PLAUSIBLE_MONTHLY_PAY_CNY),
        num(parsed ? s!.months : null, PLAUSIBLE_MONTHS_PAID),
        status,
      ];
    });
  const region = n.region?.bind(n);
  if (region)
    each('reg', 'region', (safe, [v]) => {
      const code = safe(v!, () => region(v!));
      return [v!, code && /^\d{6}$/.test(code) ? code : null];
    });
  const requirements = n.requirements?.bind(n);
  if (requirements)
    each('req', 'requirements', (safe, [edu, exp]) => {
      const q = safe(`${edu ?? ''} | ${exp ?? ''}`, () => requirements(edu ?? '', exp ?? ''));
      return [
        edu ?? '',
        exp ?? '',
        q?.education && EDU.has(q.education) ? q.education : null,
        num(q?.minYears, PLAUSIBLE_EXPERIENCE_YEARS),
        num(q?.maxYears, PLAUSIBLE_EXPERIENCE_YEARS),
      ];
    });
  const industry = n.industry?.bind(n);
  if (industry)
    each('ind', 'industry', (safe, [v]) => {
      const c = safe(v!, () => industry(v!));
      const ok = c && /^(?:[A-T]|\d{2,4})$/.test(c.code);
      return [v!, ok ? c.code : null, num(ok ? c.confidence : null, CONFIDENCE)];
    });
  const occupation = n.occupation?.bind(n);
  if (occupation)
    each('occ', 'occupation', (safe, [title, ind]) => {
      const c = safe(title!, () => occupation(title!, ind ?? ''));
      const ok = c && /^\d-\d{2}-\d{2}-\d{2}$/.test(c.code);
      return [title!, ind ?? '', ok ? c.code : null, num(ok ? c.confidence : null, CONFIDENCE)];
    });
  return { prefix: t.prefix, rows, failures };
}

/** Appends the coded rows to the lookup tables {@link readPostingTexts} created. */
export async function storePostingLookups(conn: DuckDBConnection, coded: CodedPostingTexts): Promise<void> {
  for (const [name, rows] of Object.entries(coded.rows)) {
    const app = await conn.createAppender(`${coded.prefix}_lk_${name}`, 'main', 'temp');
    for (const row of rows) {
      for (const cell of row) {
        if (cell === null) app.appendNull();
        else if (typeof cell === 'number') app.appendDouble(cell);
        else app.appendVarchar(cell);
      }
      app.endRow();
    }
    app.closeSync();
  }
}

/**
 * Runs the normalisers once per distinct text of the accepted postings and stores the results
 * in lookup temp tables `<prefix>_lk_*`, which the core insert joins: {@link readPostingTexts},
 * {@link codePostingTexts} and {@link storePostingLookups} in a row.
 * @returns the values a coder threw on (they stay uncoded), for the load's message.
 */
export async function buildPostingLookups(
  conn: DuckDBConnection,
  acc: string,
  prefix: string,
  n: PostingNormalizers,
): Promise<CoderFailures> {
  const coded = codePostingTexts(await readPostingTexts(conn, acc, prefix, n), n);
  await storePostingLookups(conn, coded);
  return coded.failures;
}
