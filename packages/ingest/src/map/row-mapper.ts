import { columnLetter, type SourceMapping } from '@talent/models';
import type { SourceRow } from '../read/source-row.js';
import { unwrapPythonList, MAX_CELL_CHARS, clip } from './cells.js';
import { fillMergedHeader, HeaderError, headerScore, normaliseHeader, planHeader, type HeaderPlan } from './header.js';
import { compileTransforms, type FieldBag } from './transforms.js';

/** A row refused before validation (structure, not values), with where and why. */
export interface StructuralReject {
  line: number;
  column_name: string | null;
  raw_value: string | null;
  reason: string;
}

/**
 * A mapped record; the records of one line of an unpivoted table (one per value cell, each with
 * its column in {@link CELL_FIELD}); a structural reject; or null for a line that holds no record
 * by design (header, preamble, blank line, a line the mapping explains).
 */
export type MappedRow =
  { line: number; fields: FieldBag } | { line: number; records: FieldBag[] } | { line: number; reject: StructuralReject } | null;

/** Records before the header that may be a preamble (titles, notes): searched for the header. */
const HEADER_SEARCH_LIMIT = 20;

/** Field of the staging table holding the kept source columns as a JSON object (see the mapping's `keep`). */
export const EXTRA_FIELD = '__extra';

/** Field of the staging table naming the value column a record of an unpivoted table came from (`D 柳州市`). */
export const CELL_FIELD = '__column';

/** A whole line as text for the mapping's line rules: its non-blank cells, trimmed, joined by one space. */
export function lineText(cells: readonly string[]): string {
  return cells
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' ');
}

/** The column (letter) of a line's first non-blank cell: where a text line's words sit. */
function textColumn(cells: readonly string[]): string {
  const i = cells.findIndex((c) => c.trim() !== '');
  return columnLetter(Math.max(0, i));
}

/** How the file's cells are separated and which fields may hold line breaks. */
export interface RowMapperOptions {
  /** Per-file helper fields every row starts with (`file_name`, `file_period`) for templates. */
  fileVars?: Readonly<Record<string, string>>;
  /** The CSV delimiter (to judge records that span lines and to show rejected rows as read). */
  delimiter?: string;
  /** Fields that may hold line breaks (the kind's `multilineText`). */
  multiline?: readonly string[];
}

/** Names of the delimiters, for messages. */
const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  '\t': 'tab',
  ';': 'semicolon',
  '|': 'vertical bar',
  '，': 'full-width comma',
};

/**
 * Turns reader records into canonical field bags for one file: finds the header, maps columns by
 * alias, unwraps list literals, applies the mapping's transforms and sets constants. Returns null
 * for records that are not data (preamble before the header, the header, blank lines), which the
 * load counts as explained lines.
 */
export class RowMapper {
  plan: HeaderPlan | null = null;
  private seen = 0;
  private firstRecord: string[] | null = null;
  private readonly transform: (row: FieldBag) => void;
  private readonly skip: RegExp | null;
  private readonly jsonAliases = new Map<string, string>();
  private readonly jsonKeep = new Map<string, string>();
  private readonly delimiter: string;
  private readonly multiline: ReadonlySet<string>;
  private readonly fileVars: Readonly<Record<string, string>>;
  private readonly headerRows: string[][] = [];
  private readonly preamble: { re: RegExp; pattern: string; matched: boolean }[];
  private readonly extract: { when: RegExp; pattern: RegExp; source: string }[];
  private readonly explain: { re: RegExp; what: string }[];
  /** Fields of every record of the file, read from the preamble. */
  readonly fileFields: FieldBag = {};
  /** Lines the mapping's `explain` rules matched, per what they are. */
  readonly explained = new Map<string, number>();
  readonly unknownKeys = new Set<string>();

  constructor(
    private readonly mapping: SourceMapping,
    private readonly fields: readonly string[],
    private readonly required: readonly string[],
    options: RowMapperOptions = {},
  ) {
    this.transform = compileTransforms(mapping.transforms);
    this.skip = mapping.skipRowPattern ? new RegExp(mapping.skipRowPattern, 'u') : null;
    this.delimiter = options.delimiter ?? ',';
    this.multiline = new Set(options.multiline ?? []);
    this.fileVars = options.fileVars ?? {};
    for (const [field, aliases] of Object.entries(mapping.columns))
      for (const a of aliases) this.jsonAliases.set(normaliseHeader(a), field);
    for (const k of mapping.keep) this.jsonKeep.set(normaliseHeader(k), k);
    this.preamble = mapping.preamble.map((p) => ({ re: new RegExp(p.pattern, 'u'), pattern: p.pattern, matched: false }));
    this.extract = mapping.extract.map((x) => ({
      when: new RegExp(x.when ?? x.pattern, 'u'),
      pattern: new RegExp(x.pattern, 'u'),
      source: x.pattern,
    }));
    this.explain = mapping.explain.map((x) => ({ re: new RegExp(x.pattern, 'u'), what: x.what }));
  }

  /** Preamble patterns that matched no line before the header (their fields stay empty). */
  get preambleMissed(): string[] {
    return this.preamble.filter((p) => !p.matched).map((p) => p.pattern);
  }

  /**
   * Why a record whose quoted cells span lines cannot be right, or null: its cell count differs
   * from the header's, or a column that is not a multi-line field holds a line break followed by
   * more delimited text (records swallowed by an unclosed quote).
   */
  readonly judge = (cells: readonly string[], breakCells: readonly number[]): string | null => {
    const plan = this.plan;
    if (!plan) return null;
    const width = plan.header.length;
    if (cells.length < width || (cells.length > width && cells.slice(width).some((c) => c.trim() !== '')))
      return `the record would have ${cells.length} cells, the header has ${width}`;
    for (const c of breakCells) {
      const field = [...plan.fieldIndex].find(([, i]) => i === c)?.[0];
      if (field && this.multiline.has(field)) continue;
      const cell = cells[c] ?? '';
      if (cell.slice(cell.indexOf('\n') + 1).includes(this.delimiter))
        return `column ${c + 1} (${plan.header[c] || 'unnamed'}) would hold a line break followed by ${DELIMITER_NAMES[this.delimiter] ?? `"${this.delimiter}"`}-separated text`;
    }
    return null;
  };

  /** Maps one record; throws HeaderError when the file's header cannot be used. */
  map(row: SourceRow): MappedRow {
    if (row.error)
      return { line: row.line, reject: { line: row.line, column_name: null, raw_value: clip(row.rawText), reason: row.error } };
    if (row.object) return this.mapObject(row.line, row.object);
    let cells = row.cells ?? [];
    // A blank line holds nothing, before the header or after it.
    if (cells.length <= 1 && (cells[0] ?? '').trim() === '') return null;
    if (!this.plan) return this.beforeData(cells);
    const plan = this.plan;
    const reject = (column_name: string | null, raw_value: string | null, reason: string): MappedRow => ({
      line: row.line,
      reject: { line: row.line, column_name, raw_value: clip(raw_value), reason },
    });
    if (this.extract.length || this.explain.length) {
      const text = lineText(cells);
      for (const x of this.extract) {
        if (!x.when.test(text)) continue;
        const m = x.pattern.exec(text);
        if (!m?.groups)
          return reject(
            textColumn(cells),
            text,
            `text line reads like a record (matches ${x.when.source}) but not the pattern that reads it (${x.source}): correct the line or the mapping's extract rule`,
          );
        const fields: FieldBag = {};
        for (const [k, v] of Object.entries(m.groups)) if (v !== undefined) fields[k] = v.trim();
        return this.finish(row.line, fields);
      }
      const explained = this.explain.find((x) => x.re.test(text));
      if (explained) {
        this.explained.set(explained.what, (this.explained.get(explained.what) ?? 0) + 1);
        return null;
      }
    }
    // A sheet row stops at its last filled cell: the empty cells after it are there all the same.
    if (this.mapping.format === 'xlsx' && cells.length < plan.header.length)
      cells = [...cells, ...Array<string>(plan.header.length - cells.length).fill('')];
    const asRead = () => cells.join(this.delimiter);
    if (cells.length > plan.header.length && cells.slice(plan.header.length).some((c) => c.trim() !== ''))
      return reject(null, asRead(), `ragged row: ${cells.length} cells, header has ${plan.header.length}`);
    if (cells.length < plan.header.length)
      return reject(null, asRead(), `ragged row: ${cells.length} cells, header has ${plan.header.length}`);
    if (cells.every((c, i) => c.replace(/^\ufeff/, '').trim() === (plan.header[i] ?? '')))
      return reject(null, asRead(), 'repeated header row');
    if (cells.some((c) => c.includes('\u0000')))
      return reject(
        null,
        asRead().replaceAll('\u0000', '\\0'),
        'NUL byte in the row (damaged file or binary data pasted in): remove it or export the file again',
      );
    if (this.skip && this.skip.test(cells[0] ?? '')) return reject(null, asRead(), 'not a data row (subtotal or section title)');
    const fields: FieldBag = {};
    for (const [field, i] of plan.fieldIndex) {
      const cell = cells[i] ?? '';
      if (cell.length > MAX_CELL_CHARS) return reject(field, cell, `field longer than ${MAX_CELL_CHARS} characters`);
      fields[field] = this.mapping.cellFormat === 'python-list' ? unwrapPythonList(cell) : cell;
    }
    if (plan.keepIndex.size) {
      const extra: Record<string, string> = {};
      for (const [name, i] of plan.keepIndex) if ((cells[i] ?? '') !== '') extra[name] = cells[i]!;
      if (Object.keys(extra).length) fields[EXTRA_FIELD] = JSON.stringify(extra);
    }
    const unpivot = this.mapping.unpivot;
    if (unpivot) {
      const records: FieldBag[] = [];
      for (const v of plan.valueColumns) {
        const cell = cells[v.index] ?? '';
        // An empty cell is no record: the table prints nothing there.
        if (cell.trim() === '') continue;
        if (cell.length > MAX_CELL_CHARS) return reject(v.label, cell, `field longer than ${MAX_CELL_CHARS} characters`);
        records.push({ ...fields, [unpivot.name]: v.name, [unpivot.value]: cell, [CELL_FIELD]: v.label });
      }
      if (records.length === 0)
        return reject(
          null,
          asRead(),
          'no figure in any value column (if the table leaves this row blank on purpose, explain it in the mapping)',
        );
      for (const r of records) this.finish(row.line, r);
      return { line: row.line, records };
    }
    if (Object.entries(fields).every(([k, v]) => k === EXTRA_FIELD || v.trim() === ''))
      return reject(null, asRead(), 'empty row (every mapped cell blank)');
    return this.finish(row.line, fields);
  }

  /**
   * A record before the data: preamble (title, unit line: its fields read by the mapping's
   * preamble rules), or the header, which may span several records.
   */
  private beforeData(cells: string[]): MappedRow {
    if (this.headerRows.length) {
      this.headerRows.push(cells);
      if (this.headerRows.length === this.mapping.headerRows) this.planFrom(this.headerRows);
      return null;
    }
    this.seen++;
    this.firstRecord ??= cells;
    const wanted = this.mapping.headerRow;
    const isHeader =
      wanted !== undefined
        ? this.seen === wanted
        : headerScore(cells, this.mapping) >= Math.min(2, Object.keys(this.mapping.columns).length + (this.mapping.unpivot?.under ? 1 : 0));
    if (isHeader) {
      this.headerRows.push(cells);
      if (this.mapping.headerRows === 1) this.planFrom(this.headerRows);
      return null;
    }
    if (this.preamble.length) {
      const text = lineText(cells);
      for (const p of this.preamble) {
        const m = p.re.exec(text);
        if (!m?.groups) continue;
        p.matched = true;
        for (const [k, v] of Object.entries(m.groups))
          if (v !== undefined && this.fileFields[k] === undefined) this.fileFields[k] = v.trim();
      }
    }
    if (this.seen >= (wanted ?? HEADER_SEARCH_LIMIT)) throw this.noHeader();
    return null;
  }

  private planFrom(rows: readonly string[][]): void {
    if (rows.length === 1) {
      this.plan = planHeader(rows[0]!, this.mapping, this.required);
      return;
    }
    const filled = fillMergedHeader(rows);
    this.plan = planHeader(filled.names, this.mapping, this.required, filled.rows.slice(0, -1));
  }

  /** The message when no header was found: what the first record held, and what to check. */
  noHeader(): HeaderError {
    if (this.headerRows.length)
      return new HeaderError(
        `the header spans ${this.mapping.headerRows} rows (headerRows) but the file ends ${this.headerRows.length} row(s) into it: "${this.headerRows[0]!.slice(0, 8).join(' | ').slice(0, 200)}"`,
      );
    const expected = Object.values(this.mapping.columns)
      .map((a) => a[0])
      .slice(0, 4)
      .join(', ');
    const first = this.firstRecord;
    if (!first) return new HeaderError('file has no records (empty or only blank lines)');
    const shown = first.slice(0, 8).join(' | ').slice(0, 200);
    const hint =
      first.length === 1 && /[\t;|，]/.test(first[0]!)
        ? `; the first line holds one cell, so the file is likely separated by another character than ${DELIMITER_NAMES[this.delimiter] ?? this.delimiter}: set "delimiter" in the mapping`
        : '; if these are the column names, add them as aliases under "columns" in the mapping';
    return new HeaderError(
      `no header row found in the first ${this.seen} record(s): the first record reads "${shown}", none of which the mapping knows (expected headers such as ${expected})${hint}`,
    );
  }

  private mapObject(line: number, obj: Record<string, unknown>): MappedRow {
    const fields: FieldBag = {};
    const extra: Record<string, string> = {};
    for (const [key, value] of flatten(obj)) {
      const field = this.jsonAliases.get(normaliseHeader(key));
      const kept = field ? undefined : this.jsonKeep.get(normaliseHeader(key));
      if (!field && kept === undefined) {
        if (value !== null && value !== undefined) this.unknownKeys.add(key);
        continue;
      }
      const text = jsonText(value, this.mapping.arraySeparator);
      if (text.length > MAX_CELL_CHARS)
        return {
          line,
          reject: { line, column_name: field ?? kept!, raw_value: clip(text), reason: `field longer than ${MAX_CELL_CHARS} characters` },
        };
      if (field) fields[field] = text;
      else if (text !== '') extra[kept!] = text;
    }
    if (Object.keys(extra).length) fields[EXTRA_FIELD] = JSON.stringify(extra);
    return this.finish(line, fields);
  }

  private finish(line: number, fields: FieldBag): { line: number; fields: FieldBag } {
    for (const [k, v] of Object.entries(this.fileVars)) if (fields[k] === undefined) fields[k] = v;
    for (const [k, v] of Object.entries(this.fileFields)) if (fields[k] === undefined) fields[k] = v;
    this.transform(fields);
    for (const [k, v] of Object.entries(this.mapping.constants)) if (!fields[k]) fields[k] = v;
    if (this.fields.includes('source')) fields.source = this.mapping.source;
    return { line, fields };
  }
}

/**
 * A JSON value as the text of one field: arrays (tags, label lists) are their items joined with the
 * mapping's `arraySeparator` (objects among them as JSON), other objects are JSON.
 */
function jsonText(value: unknown, separator: string): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value
      .filter((v) => v !== null && v !== undefined)
      .map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)))
      .join(separator);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean);
}

/** Nested JSON objects as dotted keys (`company.name`); arrays stay values. */
function flatten(obj: Record<string, unknown>, prefix = '', out: [string, unknown][] = []): [string, unknown][] {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out.push([key, v]);
  }
  return out;
}
