import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { ReferenceCell, ReferenceTable } from '../warehouse/reference-table.js';
import {
  INDUSTRY_LEVELS,
  MAJOR_LEVELS,
  OCCUPATION_LEVELS,
  REGION_LEVELS,
  industryLevelOf,
  majorLevelOf,
  majorParentOf,
  occupationLevelOf,
  occupationParentOf,
  regionLevelOf,
  regionParentOf,
  regionProvinceOf,
} from './code-shapes.js';
import {
  CODE_LIST_COLUMNS,
  CodeListsManifestSchema,
  RECONCILIATION_FILE_COLUMNS,
  type CodeListsManifest,
  type CodeScheme,
  type ListManifest,
} from './manifest.js';
import { ReferenceDataError } from './reference-data-error.js';
import { codeTree, type CodeEntry, type CodeTree } from './code-tree.js';

/** Name of the manifest inside the reference directory. */
export const CODE_LISTS_MANIFEST = 'code-lists.json';

/** Loaded versus official count of one level of one list, for printing and ref.code_list_total. */
export interface CodeListTotal {
  list: string;
  edition: string;
  level: string;
  loaded: number;
  /** The edition's published total; null where none is published. */
  official: number | null;
  /** What the total covers and, where counts differ, what explains it. */
  note: string | null;
}

/** Result of {@link readCodeLists}. */
export interface CodeListsResult {
  /**
   * One table per list (industry, occupation, region and the four major catalogues, which share
   * ref.major), then ref.code_list_total and ref.code_reconciliation.
   */
  tables: ReferenceTable[];
  /** Level totals of every list, in manifest order. */
  totals: CodeListTotal[];
  /** The validated manifest. */
  manifest: CodeListsManifest;
  /** The lists as trees, for code look-ups and hierarchy questions (frameworks, crosswalks, coders). */
  trees: CodeTrees;
}

/** The national code lists held in memory with their hierarchy. */
export interface CodeTrees {
  industry: CodeTree;
  occupation: CodeTree;
  region: CodeTree;
  /** One tree per major catalogue (中职, 高职专科, 职业本科, 本科). */
  majors: ReadonlyMap<string, CodeTree>;
}

/** How one scheme's codes are shaped. */
interface Scheme {
  levels: readonly string[];
  levelOf(code: string): string | undefined;
  /** Parent the code's structure implies (null at the top, undefined when not derivable). */
  parentOf(code: string, row: Record<string, string>): string | null | undefined;
  /** True where the structure skips a level (a 大典 细类 straight under its 中类). */
  skipsLevel?(code: string): boolean;
  booleans: readonly string[];
  nullable: readonly string[];
  /** Extra per-row checks (derived columns). */
  check?(row: Record<string, string>, list: ListManifest): string | undefined;
}

const SCHEMES: Record<CodeScheme, Scheme> = {
  industry: {
    levels: INDUSTRY_LEVELS,
    levelOf: industryLevelOf,
    parentOf: (code, row) =>
      industryLevelOf(code) === '门类' ? null : industryLevelOf(code) === '大类' ? row.section_code : code.slice(0, -1),
    booleans: [],
    nullable: ['parent_code'],
    check: (row) =>
      industryLevelOf(row.code!) === '门类' && row.section_code !== row.code
        ? `section_code ${row.section_code} of a 门类 must equal its code`
        : undefined,
  },
  occupation: {
    levels: OCCUPATION_LEVELS,
    levelOf: occupationLevelOf,
    parentOf: (code) => occupationParentOf(code),
    skipsLevel: (code) => /^\d-\d\d-00-(?!00)\d\d$/.test(code),
    booleans: ['is_occupation', 'is_digital', 'is_green'],
    nullable: ['parent_code', 'occupation_name', 'definition'],
    check: (row) => {
      if (row.level === '细类' && row.is_occupation !== 'true') return 'a 细类 is always an occupation (is_occupation must be true)';
      if ((row.is_occupation === 'true') !== (row.occupation_name !== ''))
        return 'occupation_name must be given exactly when is_occupation is true';
      return undefined;
    },
  },
  region: {
    levels: REGION_LEVELS,
    levelOf: regionLevelOf,
    parentOf: (code) => regionParentOf(code),
    booleans: [],
    nullable: ['parent_code'],
    check: (row) =>
      row.province_code !== regionProvinceOf(row.code!)
        ? `province_code ${row.province_code} does not match the code (expected ${regionProvinceOf(row.code!)})`
        : undefined,
  },
  major: {
    levels: MAJOR_LEVELS,
    levelOf: majorLevelOf,
    parentOf: (code) => majorParentOf(code),
    booleans: ['is_national_control', 'is_special'],
    nullable: ['parent_code'],
    check: (row, list) =>
      row.catalog !== list.catalog ? `catalog ${row.catalog} differs from the list's catalog ${list.catalog}` : undefined,
  },
};

interface ParsedRow {
  file: string;
  line: number;
  values: Record<string, string>;
}

/** Parses a CSV whose header must be exactly `columns`, keeping each record's line number. */
function parseCsv(file: string, text: string, columns: readonly string[]): ParsedRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new ReferenceDataError(file, e.lines ?? null, null, `not valid CSV: ${e.message}`);
  }
  const [header, ...body] = records;
  if (!header || header.record.join(',') !== columns.join(','))
    throw new ReferenceDataError(file, 1, null, `header must be ${columns.join(',')} (found ${header?.record.join(',') ?? 'nothing'})`);
  return body.map(({ record, info }) => {
    const line = info.lines;
    if (record.length !== columns.length)
      throw new ReferenceDataError(file, line, record[0] ?? null, `expected ${columns.length} fields, found ${record.length}`);
    return { file, line, values: Object.fromEntries(columns.map((c, i) => [c, record[i]!])) };
  });
}

/** 1-based line of the first occurrence of `needle` in `text` at or after line `from`. */
function lineOf(text: string, needle: string, from = 1): number | null {
  const lines = text.split('\n');
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(needle)) return i + 1;
  return null;
}

/** Where {@link jsonErrorOffset}'s scan stopped. */
class StopAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON stops at offset ${offset}`);
  }
}

/**
 * Offset of the first syntax error in `text` (JSON.parse messages do not always carry one): a
 * minimal recursive-descent scan that only tracks where parsing stops.
 */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw new StopAt(i);
  };
  const str = () => {
    if (text[i] !== '"') fail();
    for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    if (text[i] !== '"') fail();
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    } else if (c === '"') str();
    else {
      const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return at instanceof StopAt ? at.offset : 0;
  }
}

/**
 * Best-effort line of a JSON path in pretty-printed JSON: walks the path, finding each key (or
 * the n-th element's first key) on a later line than the previous step.
 */
function locate(text: string, json: unknown, path: readonly PropertyKey[]): number | null {
  let line = 1;
  let node: unknown = json;
  for (const step of path) {
    if (typeof step === 'number' && Array.isArray(node)) {
      const el: unknown = node[step];
      const first = el && typeof el === 'object' ? Object.keys(el)[0] : undefined;
      if (first === undefined) return line;
      for (let i = 0; i <= step; i++) {
        const next = lineOf(text, `"${first}"`, line + (i === 0 ? 0 : 1));
        if (next === null) return line;
        line = next;
      }
      node = el;
    } else if (typeof step === 'string' && node && typeof node === 'object') {
      line = lineOf(text, `"${step}"`, line) ?? line;
      node = (node as Record<string, unknown>)[step];
    } else return line;
  }
  return line;
}

/** Reads and validates the manifest; errors name the manifest, a line and the list concerned. */
async function readManifest(dir: string): Promise<{ manifest: CodeListsManifest; file: string; text: string }> {
  const file = join(dir, CODE_LISTS_MANIFEST);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ReferenceDataError(file, null, null, `cannot read the manifest: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(text);
    const line = text.slice(0, offset).split('\n').length;
    throw new ReferenceDataError(file, line, null, `not valid JSON: ${(err as Error).message}`);
  }
  const parsed = CodeListsManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path;
    let code: string | null = null;
    let line: number | null = lineOf(text, '"lists"');
    if (path[0] === 'lists' && typeof path[1] === 'number') {
      const raw = (json as { lists?: { listId?: unknown }[] }).lists?.[path[1]];
      code = typeof raw?.listId === 'string' ? raw.listId : `lists[${path[1]}]`;
    }
    line = locate(text, json, path) ?? line;
    throw new ReferenceDataError(file, line, code, `manifest does not match its schema at ${path.join('.') || '(root)'}: ${issue.message}`);
  }
  return { manifest: parsed.data, file, text };
}

const ReconciliationRowSchema = z.object({
  list_id: z.string().min(1),
  code: z.string().min(1),
  issue: z.string().min(1),
  resolution: z.string().min(1),
  evidence: z.string(),
  level: z.string().min(1),
  count_gap: z.string().regex(/^-?\d+$/, 'count_gap must be an integer'),
});

/**
 * Reads datasets/reference/code-lists.json and every code list and reconciliation file it
 * names, validates them and returns the rows for schema `ref`.
 *
 * Fails with a {@link ReferenceDataError} naming file, line and code on: a malformed manifest,
 * a bad header, a duplicate code, a code whose shape implies another level than its level
 * column, an orphan child (no parent_code), an unknown parent, a parent that is not the code's
 * structural parent or not exactly one level up, and a level total that differs from the
 * official one without reconciliation rows accounting for the difference (their count_gap
 * values must add up to official − loaded).
 *
 * @example
 * const { tables, totals } = await readCodeLists();
 * console.log(formatTotals(totals));
 */
export async function readCodeLists(dir: string): Promise<CodeListsResult> {
  const { manifest, file: manifestFile, text: manifestText } = await readManifest(dir);
  const totals: CodeListTotal[] = [];
  const tables: ReferenceTable[] = [];
  const reconciliationRows: Record<string, ReferenceCell>[] = [];
  const reconciliationHash = createHash('sha256');
  const allHash = createHash('sha256').update(manifestText);
  const entries = new Map<string, { file: string; rows: CodeEntry[] }>();

  for (const list of manifest.lists) {
    const scheme = SCHEMES[list.scheme];
    const columns = CODE_LIST_COLUMNS[list.scheme];
    const target = { rows: [] as Record<string, ReferenceCell>[], hash: createHash('sha256') };

    // Rows of every file of the list, with duplicates and per-row checks.
    const rows: ParsedRow[] = [];
    const seen = new Map<string, ParsedRow>();
    for (const rel of list.files) {
      const file = join(dir, rel);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new ReferenceDataError(file, null, list.listId, `cannot read a file the manifest names: ${(err as Error).message}`);
      }
      target.hash.update(`${rel}\n`).update(text);
      allHash.update(text);
      for (const row of parseCsv(file, text, columns)) {
        const v = row.values;
        const code = v.code!;
        const fail = (reason: string): never => {
          throw new ReferenceDataError(row.file, row.line, code || null, reason);
        };
        if (!code) fail('empty code');
        const first = seen.get(code);
        if (first) fail(`duplicate code (first on line ${first.line}${first.file === row.file ? '' : ` of ${first.file}`})`);
        seen.set(code, row);
        if (!v.name || v.name !== v.name.trim()) fail('name is empty or has leading/trailing whitespace');
        const shapeLevel = scheme.levelOf(code);
        if (!shapeLevel) fail(`malformed code for ${list.scheme}`);
        if (!scheme.levels.includes(v.level!)) fail(`wrong level: ${JSON.stringify(v.level)} is not one of ${scheme.levels.join('/')}`);
        if (shapeLevel !== v.level) fail(`wrong level: the code's shape makes it a ${shapeLevel}, the level column says ${v.level}`);
        for (const b of scheme.booleans)
          if (v[b] !== 'true' && v[b] !== 'false') fail(`${b} must be true or false (found ${JSON.stringify(v[b])})`);
        const extra = scheme.check?.(v, list);
        if (extra) fail(extra);
        rows.push(row);
      }
    }

    // Parents: after all rows are known, so order within a file does not matter.
    for (const row of rows) {
      const v = row.values;
      const code = v.code!;
      const fail = (reason: string): never => {
        throw new ReferenceDataError(row.file, row.line, code, reason);
      };
      const depth = scheme.levels.indexOf(v.level!);
      const parent = v.parent_code!;
      if (depth === 0) {
        if (parent) fail(`a ${v.level} is a top level and has no parent, found parent_code ${parent}`);
        continue;
      }
      if (!parent) fail(`orphan child: a ${v.level} needs a parent_code`);
      const parentRow = seen.get(parent);
      if (!parentRow) fail(`unknown parent ${parent}: no such code in the list`);
      const expected = scheme.parentOf(code, v);
      if (expected !== parent) fail(`parent ${parent} does not match the code's structure (expected ${expected ?? 'none'})`);
      const parentDepth = scheme.levels.indexOf(parentRow!.values.level!);
      const allowed = scheme.skipsLevel?.(code) ? [depth - 1, depth - 2] : [depth - 1];
      if (!allowed.includes(parentDepth))
        fail(`wrong level: parent ${parent} is a ${parentRow!.values.level}, expected a ${scheme.levels[depth - 1]} (one level up)`);
      if (list.scheme === 'industry' && v.section_code !== parentRow!.values.section_code)
        fail(`section_code ${v.section_code} differs from its parent's ${parentRow!.values.section_code}`);
    }

    // Reconciliation file of the list.
    const recoFile = join(dir, list.reconciliation);
    let recoText: string;
    try {
      recoText = await readFile(recoFile, 'utf8');
    } catch (err) {
      throw new ReferenceDataError(recoFile, null, list.listId, `cannot read the reconciliation file: ${(err as Error).message}`);
    }
    reconciliationHash.update(`${list.reconciliation}\n`).update(recoText);
    allHash.update(recoText);
    const gaps = new Map<string, number>();
    const levelNames = list.levels.map((l) => l.level);
    for (const row of parseCsv(recoFile, recoText, RECONCILIATION_FILE_COLUMNS)) {
      const parsed = ReconciliationRowSchema.safeParse(row.values);
      if (!parsed.success) throw new ReferenceDataError(recoFile, row.line, row.values.code || null, parsed.error.issues[0]!.message);
      const r = parsed.data;
      if (r.list_id !== list.listId) throw new ReferenceDataError(recoFile, row.line, r.code, `list_id ${r.list_id} is not ${list.listId}`);
      if (!levelNames.includes(r.level))
        throw new ReferenceDataError(recoFile, row.line, r.code, `level ${r.level} is not a level of ${list.listId}`);
      gaps.set(r.level, (gaps.get(r.level) ?? 0) + Number(r.count_gap));
      reconciliationRows.push({ ...r, count_gap: Number(r.count_gap) });
    }

    // Level totals against the edition's.
    for (const row of rows)
      if (!levelNames.includes(row.values.level!))
        throw new ReferenceDataError(
          row.file,
          row.line,
          row.values.code!,
          `level ${row.values.level} has no entry in the manifest's levels of ${list.listId}`,
        );
    const listLine = lineOf(manifestText, `"listId": ${JSON.stringify(list.listId)}`) ?? 1;
    for (const lv of list.levels) {
      if (lv.countColumn && !scheme.booleans.includes(lv.countColumn))
        throw new ReferenceDataError(
          manifestFile,
          lineOf(manifestText, '"countColumn"', listLine) ?? listLine,
          list.listId,
          `countColumn ${lv.countColumn} is not a boolean column of ${list.scheme}`,
        );
      const loaded = lv.countColumn
        ? rows.filter((r) => r.values[lv.countColumn!] === 'true').length
        : rows.filter((r) => r.values.level === lv.level).length;
      const gap = gaps.get(lv.level) ?? 0;
      const notes = lv.note ? [lv.note] : [];
      if (lv.countColumn) {
        const ofLevel = rows.filter((r) => r.values.level === lv.level).length;
        notes.push(`counted as rows with ${lv.countColumn}: ${ofLevel} ${lv.level} rows + ${loaded - ofLevel} rows of other levels`);
      }
      if (lv.official !== null) {
        const diff = lv.official - loaded;
        if (diff !== gap)
          throw new ReferenceDataError(
            manifestFile,
            lineOf(manifestText, `"level": ${JSON.stringify(lv.level)}`, listLine) ?? listLine,
            `${list.listId}/${lv.level}`,
            `loaded ${loaded} ${lv.level} but the edition has ${lv.official}; ${list.reconciliation} accounts for ${gap} of the difference of ${diff}`,
          );
        if (diff !== 0) notes.push(`differs by ${diff}: explained in ${list.reconciliation}`);
      }
      totals.push({
        list: list.listId,
        edition: list.edition,
        level: lv.level,
        loaded,
        official: lv.official,
        note: notes.length ? notes.join('; ') : null,
      });
    }

    const key = list.scheme === 'major' ? `major:${rows[0]?.values.catalog ?? list.listId}` : list.scheme;
    entries.set(key, {
      file: join(dir, list.files[0]!),
      rows: rows.map((r) => ({
        code: r.values.code!,
        name: r.values.name!,
        level: r.values.level!,
        parentCode: r.values.parent_code || null,
        row: r.values,
      })),
    });
    for (const row of rows) {
      const out: Record<string, ReferenceCell> = {};
      for (const c of columns) {
        const value = row.values[c]!;
        out[c] = scheme.booleans.includes(c) ? value === 'true' : scheme.nullable.includes(c) && value === '' ? null : value;
      }
      target.rows.push(out);
    }
    tables.push({ listId: list.listId, table: list.table, edition: list.edition, sha256: target.hash.digest('hex'), rows: target.rows });
  }

  tables.push({
    listId: 'code_list_total',
    table: 'ref.code_list_total',
    edition: 'per list',
    sha256: allHash.digest('hex'),
    rows: totals.map((t) => ({
      list_id: t.list,
      edition: t.edition,
      level: t.level,
      loaded_count: t.loaded,
      official_count: t.official,
      note: t.note,
    })),
  });
  tables.push({
    listId: 'code_reconciliation',
    table: 'ref.code_reconciliation',
    edition: 'per list',
    sha256: reconciliationHash.digest('hex'),
    rows: reconciliationRows,
  });
  // A manifest may hold some lists only (a test fixture, a partial deployment): absent lists are empty.
  const tree = (key: string): CodeTree => {
    const e = entries.get(key);
    return e ? codeTree(e.file, e.rows) : codeTree(manifestFile, []);
  };
  const majors = new Map([...entries.keys()].filter((k) => k.startsWith('major:')).map((k) => [k.slice('major:'.length), tree(k)]));
  return {
    tables,
    totals,
    manifest,
    trees: { industry: tree('industry'), occupation: tree('occupation'), region: tree('region'), majors },
  };
}

/** Display width of a string in a terminal (CJK characters take two columns). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

/**
 * Renders level totals as an aligned text table (list, level, loaded, official, note).
 * @example
 * formatTotals([{ list: 'industry', edition: 'GB/T 4754-2017', level: '门类', loaded: 20, official: 20, note: null }])
 */
export function formatTotals(totals: readonly CodeListTotal[]): string {
  const header = ['list', 'level', 'loaded', 'official', 'note'];
  const body = totals.map((t) => [t.list, t.level, String(t.loaded), t.official === null ? '—' : String(t.official), t.note ?? '']);
  const widths = header.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i]!))));
  const numeric = [false, false, true, true, false];
  const render = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === cells.length - 1 ? c : numeric[i] ? ' '.repeat(widths[i]! - width(c)) + c : c + ' '.repeat(widths[i]! - width(c)),
      )
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...body.map(render)].join('\n');
}
