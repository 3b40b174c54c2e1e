import type { SourceMapping } from '@talent/models';
import type { SourceRow } from '../read/source-row.js';
import { unwrapPythonList, MAX_CELL_CHARS, clip } from './cells.js';
import { HeaderError, headerScore, normaliseHeader, planHeader, type HeaderPlan } from './header.js';
import { compileTransforms, type FieldBag } from './transforms.js';

/** A row refused before validation (structure, not values), with where and why. */
export interface StructuralReject {
  line: number;
  column_name: string | null;
  raw_value: string | null;
  reason: string;
}

export type MappedRow = { line: number; fields: FieldBag } | { line: number; reject: StructuralReject } | null;

/** Records before the header that may be a preamble (titles, notes): searched for the header. */
const HEADER_SEARCH_LIMIT = 20;

/**
 * Turns reader records into canonical field bags for one file: finds the header, maps columns by
 * alias, unwraps list literals, applies the mapping's transforms and sets constants. Returns null
 * for records that are not data (preamble before the header).
 */
export class RowMapper {
  plan: HeaderPlan | null = null;
  private seen = 0;
  private readonly transform: (row: FieldBag) => void;
  private readonly skip: RegExp | null;
  private readonly jsonAliases = new Map<string, string>();
  readonly unknownKeys = new Set<string>();

  constructor(
    private readonly mapping: SourceMapping,
    private readonly fields: readonly string[],
    private readonly required: readonly string[],
    /** Per-file helper fields every row starts with (`file_name`, `file_period`) for templates. */
    private readonly fileVars: Readonly<Record<string, string>> = {},
  ) {
    this.transform = compileTransforms(mapping.transforms);
    this.skip = mapping.skipRowPattern ? new RegExp(mapping.skipRowPattern, 'u') : null;
    for (const [field, aliases] of Object.entries(mapping.columns))
      for (const a of aliases) this.jsonAliases.set(normaliseHeader(a), field);
  }

  /** Maps one record; throws HeaderError when the file's header cannot be used. */
  map(row: SourceRow): MappedRow {
    if (row.error)
      return { line: row.line, reject: { line: row.line, column_name: null, raw_value: clip(row.rawText), reason: row.error } };
    if (row.object) return this.mapObject(row.line, row.object);
    const cells = row.cells ?? [];
    if (!this.plan) {
      this.seen++;
      const wanted = this.mapping.headerRow;
      const isHeader =
        wanted !== undefined
          ? this.seen === wanted
          : headerScore(cells, this.mapping) >= Math.min(2, Object.keys(this.mapping.columns).length);
      if (isHeader) {
        this.plan = planHeader(cells, this.mapping, this.required);
        return null;
      }
      if (this.seen >= (wanted ?? HEADER_SEARCH_LIMIT))
        throw new HeaderError(
          `no header row found in the first ${this.seen} records (expected headers such as ${Object.values(this.mapping.columns)
            .map((a) => a[0])
            .slice(0, 4)
            .join(', ')})`,
        );
      return null;
    }
    const plan = this.plan;
    const reject = (column_name: string | null, raw_value: string | null, reason: string): MappedRow => ({
      line: row.line,
      reject: { line: row.line, column_name, raw_value: clip(raw_value), reason },
    });
    if (cells.length > plan.header.length && cells.slice(plan.header.length).some((c) => c.trim() !== ''))
      return reject(null, cells.join(','), `ragged row: ${cells.length} cells, header has ${plan.header.length}`);
    if (cells.length < plan.header.length)
      return reject(null, cells.join(','), `ragged row: ${cells.length} cells, header has ${plan.header.length}`);
    if (cells.every((c, i) => c.trim() === (plan.header[i] ?? ''))) return reject(null, cells.join(','), 'repeated header row');
    if (this.skip && this.skip.test(cells[0] ?? '')) return reject(null, cells.join(','), 'not a data row (subtotal or section title)');
    const fields: FieldBag = {};
    for (const [field, i] of plan.fieldIndex) {
      const cell = cells[i] ?? '';
      if (cell.length > MAX_CELL_CHARS) return reject(field, cell, `field longer than ${MAX_CELL_CHARS} characters`);
      fields[field] = this.mapping.cellFormat === 'python-list' ? unwrapPythonList(cell) : cell;
    }
    if (Object.values(fields).every((v) => v.trim() === '')) return reject(null, cells.join(','), 'empty row (every mapped cell blank)');
    return this.finish(row.line, fields);
  }

  private mapObject(line: number, obj: Record<string, unknown>): MappedRow {
    const fields: FieldBag = {};
    for (const [key, value] of flatten(obj)) {
      const field = this.jsonAliases.get(normaliseHeader(key));
      if (!field) {
        if (value !== null && value !== undefined) this.unknownKeys.add(key);
        continue;
      }
      const text =
        value === null || value === undefined
          ? ''
          : Array.isArray(value)
            ? value.join(',')
            : typeof value === 'object'
              ? JSON.stringify(value)
              : String(value);
      if (text.length > MAX_CELL_CHARS)
        return {
          line,
          reject: { line, column_name: field, raw_value: clip(text), reason: `field longer than ${MAX_CELL_CHARS} characters` },
        };
      fields[field] = text;
    }
    return this.finish(line, fields);
  }

  private finish(line: number, fields: FieldBag): MappedRow {
    for (const [k, v] of Object.entries(this.fileVars)) if (fields[k] === undefined) fields[k] = v;
    this.transform(fields);
    for (const [k, v] of Object.entries(this.mapping.constants)) if (!fields[k]) fields[k] = v;
    if (this.fields.includes('source')) fields.source = this.mapping.source;
    return { line, fields };
  }
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
