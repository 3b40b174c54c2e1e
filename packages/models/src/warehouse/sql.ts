/** A SQL string literal: the value in single quotes, its own quotes doubled. */
export function sqlLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A quoted SQL identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A number for SQL, written without exponent surprises. */
export function sqlNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(17);
}
