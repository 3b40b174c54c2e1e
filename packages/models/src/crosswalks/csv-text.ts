/** Quotes one CSV field when it holds a separator, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document with a header line, `\n` line ends and a final newline. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, string | number>[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c] ?? '')).join(','));
  return `${lines.join('\n')}\n`;
}
