/** SQL string literal. */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Quoted identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Formats a number for SQL without exponent surprises. */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(17);
}
