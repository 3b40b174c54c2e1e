/**
 * Unwraps a Python list literal as some scrapers saved every cell (`['1-1.5万/月']`, `[]`,
 * `['a', 'b']`): items joined with a comma; text that is not such a literal is returned as is.
 */
export function unwrapPythonList(cell: string): string {
  const t = cell.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return cell;
  const inner = t.slice(1, -1).trim();
  if (inner === '') return '';
  const items: string[] = [];
  const re = /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*(?:,|$)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while ((m = re.exec(inner)) !== null) {
    items.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
    pos = re.lastIndex;
    if (pos >= inner.length) break;
  }
  if (pos < inner.length) return cell;
  return items.join(',');
}

/** Cells longer than this are refused (a 10 MB field is an export accident, not data). */
export const MAX_CELL_CHARS = 1_000_000;

/** Cut a value for meta.rejected_rows so one monster cell cannot bloat the table. */
export function clip(value: string | undefined | null, max = 1000): string | null {
  if (value === undefined || value === null) return null;
  return value.length > max ? `${value.slice(0, max)}…(${value.length} chars)` : value;
}
