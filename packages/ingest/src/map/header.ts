import { columnLetter, editDistance, type SourceMapping } from '@talent/models';

/** A column of a wide table read as records of its own (the mapping's `unpivot`). */
export interface ValueColumn {
  /** Column index in the source header. */
  index: number;
  /** Its header cell in the last header row (南宁市): the value of the unpivot's `name` field. */
  name: string;
  /** Where it is, for messages and rejected rows: the spreadsheet column letter and its name (`D 柳州市`). */
  label: string;
}

/** Which source column feeds each canonical field, and what in the header was not understood. */
export interface HeaderPlan {
  /** Canonical field → column index in the source header. */
  fieldIndex: Map<string, number>;
  /** The header cells as read (trimmed); for a header of several rows, the last row after merged cells are filled in. */
  header: string[];
  /** Header cells that match no alias nor the keep list: left out of the load and named in the load message. */
  unknown: string[];
  /** Columns of the mapping's keep list: header as written → column index (stored in raw's extra map). */
  keepIndex: Map<string, number>;
  /** Names of the keep list the header does not have. */
  keepMissing: string[];
  /** The value columns of an unpivoted table, in column order (empty without `unpivot`). */
  valueColumns: ValueColumn[];
}

/** A header the mapping cannot use (missing required column, two columns for one field). */
export class HeaderError extends Error {
  override name = 'HeaderError';
}

export function normaliseHeader(cell: string): string {
  return cell
    .replace(/^\ufeff/, '')
    .replace(/\s+/g, '')
    .toLowerCase();
}

function aliasIndex(mapping: SourceMapping): Map<string, string> {
  const out = new Map<string, string>();
  for (const [field, aliases] of Object.entries(mapping.columns)) for (const a of aliases) out.set(normaliseHeader(a), field);
  return out;
}

/** How many cells of a record are known header aliases (the unpivot's group header included): used to find the header row. */
export function headerScore(cells: string[], mapping: SourceMapping): number {
  const aliases = aliasIndex(mapping);
  const under = new Set((mapping.unpivot?.under ?? []).map(normaliseHeader));
  return cells.filter((c) => aliases.has(normaliseHeader(c)) || under.has(normaliseHeader(c))).length;
}

/**
 * The cells of a header spanning several rows, as merged cells print them: a merged cell holds its
 * text in its first cell only, so in every row but the last an empty cell continues the cell to its
 * left (merged across: 地区 over the cities), and in the last an empty cell takes the cell above
 * (merged down: 行业 over two rows). Returns the last row (the column names) and every row, filled.
 */
export function fillMergedHeader(rows: readonly (readonly string[])[]): { names: string[]; rows: string[][] } {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const filled: string[][] = [];
  rows.forEach((row, r) => {
    const out: string[] = [];
    const last = r === rows.length - 1;
    for (let i = 0; i < width; i++) {
      let cell = (row[i] ?? '').trim();
      if (cell === '' && !last && i > 0) cell = out[i - 1]!;
      if (cell === '' && last && r > 0) cell = filled[r - 1]![i]!;
      out.push(cell);
    }
    filled.push(out);
  });
  return { names: filled[filled.length - 1] ?? [], rows: filled };
}

/**
 * Resolves a header against the mapping's aliases. `cells` is the header row, or for a header of
 * several rows ({@link fillMergedHeader}) the last; `above` are the rows over it, whose cells also
 * match aliases (a column named only in a merged cell above). Two columns claiming the same field
 * is an error (which one is right cannot be guessed); unknown columns are reported and ignored; a
 * field listed in `required`, or named under the mapping's `columns`, but absent is an error
 * ({@link unmatchedFields}). With `unpivot`, the value columns are those
 * under its group header (or every column no alias claims), and two of the same name are an error.
 */
export function planHeader(
  cells: string[],
  mapping: SourceMapping,
  required: readonly string[],
  above: readonly (readonly string[])[] = [],
): HeaderPlan {
  const aliases = aliasIndex(mapping);
  const keep = new Map(mapping.keep.map((k) => [normaliseHeader(k), k]));
  const under = new Set((mapping.unpivot?.under ?? []).map(normaliseHeader));
  const fieldIndex = new Map<string, number>();
  const keepIndex = new Map<string, number>();
  const unknown: string[] = [];
  const header = cells.map((c) => c.trim());
  const levels = (i: number) => [header[i]!, ...above.map((r) => (r[i] ?? '').trim())];
  const unclaimed: number[] = [];
  header.forEach((cell, i) => {
    const field = levels(i)
      .map((c) => aliases.get(normaliseHeader(c)))
      .find((f) => f !== undefined);
    if (!field) {
      const kept = keep.get(normaliseHeader(cell));
      if (kept !== undefined && !keepIndex.has(kept)) keepIndex.set(kept, i);
      else unclaimed.push(i);
      return;
    }
    const prev = fieldIndex.get(field);
    if (prev !== undefined)
      throw new HeaderError(`duplicate header: columns ${prev + 1} ("${header[prev]}") and ${i + 1} ("${cell}") both map to ${field}`);
    fieldIndex.set(field, i);
  });
  const valueColumns: ValueColumn[] = [];
  if (mapping.unpivot) {
    const isValue = (i: number) => header[i] !== '' && (under.size ? above.some((r) => under.has(normaliseHeader(r[i] ?? ''))) : true);
    for (const i of unclaimed) if (isValue(i)) valueColumns.push({ index: i, name: header[i]!, label: `${columnLetter(i)} ${header[i]}` });
    if (valueColumns.length === 0)
      throw new HeaderError(
        `no value columns${under.size ? ` under ${mapping.unpivot.under!.join(' / ')}` : ''} in the header (${header.join(', ') || 'empty'})${under.size && above.length === 0 ? '; the group header is a row above the column names: set "headerRows"' : ''}`,
      );
    const seen = new Map<string, ValueColumn>();
    for (const v of valueColumns) {
      const twin = seen.get(normaliseHeader(v.name));
      if (twin) throw new HeaderError(`two value columns have the same name: ${twin.label} and ${v.label}`);
      seen.set(normaliseHeader(v.name), v);
    }
  }
  const values = new Set(valueColumns.map((v) => v.index));
  for (const i of unclaimed) if (!values.has(i) && header[i] !== '') unknown.push(header[i]!);
  const missing = required.filter((f) => !fieldIndex.has(f) && !(f in mapping.constants) && !producedElsewhere(mapping, f));
  if (missing.length) throw new HeaderError(`required column missing: ${missing.join(', ')} (header: ${header.join(', ') || 'empty'})`);
  const unmatched = unmatchedFields(mapping, fieldIndex);
  if (unmatched.length) throw new HeaderError(unmatchedMessage(mapping, unmatched, unknown));
  return { fieldIndex, header, unknown, keepIndex, keepMissing: mapping.keep.filter((k) => !keepIndex.has(k)), valueColumns };
}

/**
 * Fields the mapping names under `columns`, and not under `optional`, that no header cell matches
 * and nothing else fills.
 * Such a file is refused rather than loaded with the field empty: the rows would lose the field
 * without a trace in the data, rows its checks would reject (bad dates) would load, and once the
 * mapping is fixed the file would be skipped as already loaded (same content hash), so the
 * damage would stay. A refused load is read again on the next run.
 */
export function unmatchedFields(mapping: SourceMapping, fieldIndex: ReadonlyMap<string, number>): string[] {
  return Object.keys(mapping.columns).filter(
    (f) => !fieldIndex.has(f) && !mapping.optional.includes(f) && !(f in mapping.constants) && !producedElsewhere(mapping, f),
  );
}

/**
 * The unknown header cell that most likely is the renamed column of a field: the nearest to one of
 * its aliases, or the only unknown cell when a single field is unmatched.
 */
function likelyRename(aliases: readonly string[], unknown: readonly string[], onlyOne: boolean): { cell: string; alias: string } | null {
  let best: { cell: string; alias: string; d: number } | null = null;
  for (const cell of unknown)
    for (const alias of aliases) {
      const d = editDistance(normaliseHeader(cell), normaliseHeader(alias));
      if (!best || d < best.d) best = { cell, alias, d };
    }
  if (!best) return null;
  const close = best.d <= Math.max(2, Math.floor(normaliseHeader(best.alias).length / 2));
  return close || (onlyOne && unknown.length === 1) ? { cell: best.cell, alias: best.alias } : null;
}

/** Why the header is refused, per unmatched field, and what to change in the mapping. */
function unmatchedMessage(mapping: SourceMapping, fields: readonly string[], unknown: readonly string[]): string {
  const parts = fields.map((f) => {
    const aliases = mapping.columns[f]!;
    const rename = likelyRename(aliases, unknown, fields.length === 1);
    const hint = rename
      ? `: ${rename.cell} may be ${rename.alias}: add it to the mapping's aliases of ${f}`
      : `: add its name in this file to the mapping's aliases of ${f}`;
    return `${f} (aliases ${aliases.join(', ')})${hint}`;
  });
  return (
    `no column for mapped field(s) ${parts.join('; ')}. ` +
    `The header has ${unknown.length ? `unknown column(s) ${unknown.join(', ')} instead` : 'no unknown column'}. ` +
    `Nothing of this file was loaded (its rows would have lost the field); if files of ${mapping.source} may lack the column, list the field under "optional" in its mapping; the file is read again on the next run`
  );
}

/** Named groups of a regular expression: the fields it fills. */
export function namedGroups(pattern: string): string[] {
  return [...pattern.matchAll(/\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g)].map((g) => g[1]!);
}

/** True when the field is filled other than from a column: by the unpivot, the preamble or a map into it. */
function producedElsewhere(mapping: SourceMapping, field: string): boolean {
  return (
    producedByTransform(mapping, field) ||
    mapping.unpivot?.name === field ||
    mapping.unpivot?.value === field ||
    mapping.preamble.some((p) => namedGroups(p.pattern).includes(field))
  );
}

/** True when a transform of the mapping writes the field. */
export function producedByTransform(mapping: SourceMapping, field: string): boolean {
  return mapping.transforms.some(
    (t) =>
      (t.op === 'template' && t.into === field) ||
      (t.op === 'split' && t.pattern.includes(`<${field}>`)) ||
      (t.op === 'move-if' && t.to === field) ||
      (t.op === 'map' && t.into === field),
  );
}

/** Fields a source can fill at all (mapped, constant, written by a transform, the unpivot, a preamble or extract rule, or `source`). */
export function fieldsProvided(mapping: SourceMapping, fields: readonly string[]): Set<string> {
  const extracted = new Set(mapping.extract.flatMap((x) => namedGroups(x.pattern)));
  return new Set(
    fields.filter(
      (f) => f === 'source' || f in mapping.columns || f in mapping.constants || producedElsewhere(mapping, f) || extracted.has(f),
    ),
  );
}
