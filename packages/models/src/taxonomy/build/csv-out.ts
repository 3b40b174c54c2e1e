import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A cell as written by the derivation scripts. */
export type OutCell = string | number | boolean | null | undefined;

function quote(value: OutCell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes rows as RFC 4180 CSV (UTF-8, no BOM, LF) with the given column order, atomically
 * (temporary name, then rename), so a failed build never leaves half a file behind.
 */
export function writeCsv<T extends object>(path: string, columns: readonly string[], rows: readonly T[]): void {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => quote((row as Record<string, OutCell>)[c])).join(','));
  writeAtomic(path, `${lines.join('\n')}\n`);
}

/** Writes text to `path` via a temporary sibling and a rename. */
export function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
