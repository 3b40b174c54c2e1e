import type { SourceMapping } from '@talent/models';

/** Which source column feeds each canonical field, and what in the header was not understood. */
export interface HeaderPlan {
  /** Canonical field → column index in the source header. */
  fieldIndex: Map<string, number>;
  /** The header cells as read (trimmed). */
  header: string[];
  /** Header cells that match no alias nor the keep list: left out of the load and named in the load message. */
  unknown: string[];
  /** Columns of the mapping's keep list: header as written → column index (stored in raw's extra map). */
  keepIndex: Map<string, number>;
  /** Names of the keep list the header does not have. */
  keepMissing: string[];
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

/** How many cells of a record are known header aliases: used to find the header row. */
export function headerScore(cells: string[], mapping: SourceMapping): number {
  const aliases = aliasIndex(mapping);
  return cells.filter((c) => aliases.has(normaliseHeader(c))).length;
}

/**
 * Resolves a header row against the mapping's aliases. Two columns claiming the same field is an
 * error (which one is right cannot be guessed); unknown columns are reported and ignored;
 * a field listed in `required` but absent is an error.
 */
export function planHeader(cells: string[], mapping: SourceMapping, required: readonly string[]): HeaderPlan {
  const aliases = aliasIndex(mapping);
  const keep = new Map(mapping.keep.map((k) => [normaliseHeader(k), k]));
  const fieldIndex = new Map<string, number>();
  const keepIndex = new Map<string, number>();
  const unknown: string[] = [];
  const header = cells.map((c) => c.trim());
  header.forEach((cell, i) => {
    const field = aliases.get(normaliseHeader(cell));
    if (!field) {
      const kept = keep.get(normaliseHeader(cell));
      if (kept !== undefined && !keepIndex.has(kept)) keepIndex.set(kept, i);
      else if (cell !== '') unknown.push(cell);
      return;
    }
    const prev = fieldIndex.get(field);
    if (prev !== undefined)
      throw new HeaderError(`duplicate header: columns ${prev + 1} ("${header[prev]}") and ${i + 1} ("${cell}") both map to ${field}`);
    fieldIndex.set(field, i);
  });
  const missing = required.filter((f) => !fieldIndex.has(f) && !(f in mapping.constants) && !producedByTransform(mapping, f));
  if (missing.length) throw new HeaderError(`required column missing: ${missing.join(', ')} (header: ${header.join(', ') || 'empty'})`);
  return { fieldIndex, header, unknown, keepIndex, keepMissing: mapping.keep.filter((k) => !keepIndex.has(k)) };
}

/** True when a transform of the mapping writes the field. */
export function producedByTransform(mapping: SourceMapping, field: string): boolean {
  return mapping.transforms.some(
    (t) =>
      (t.op === 'template' && t.into === field) ||
      (t.op === 'split' && t.pattern.includes(`<${field}>`)) ||
      (t.op === 'move-if' && t.to === field),
  );
}

/** Fields a source can fill at all (mapped, constant, written by a transform, or `source`). */
export function fieldsProvided(mapping: SourceMapping, fields: readonly string[]): Set<string> {
  return new Set(fields.filter((f) => f === 'source' || f in mapping.columns || f in mapping.constants || producedByTransform(mapping, f)));
}
