import type { NumberFormat } from './types.js';

/** Rounds half away from zero at `digits` decimals, as statistical tables do (not banker's). */
export function roundHalfAway(value: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(Math.abs(value) * f + 1e-9) / f;
  return value < 0 ? -r : r;
}

function fixed(value: number, digits: number, grouping: boolean): string {
  const r = roundHalfAway(value, digits);
  const [int, frac] = Math.abs(r).toFixed(digits).split('.');
  const grouped = grouping ? int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int!;
  // -0.0 after rounding prints as 0.0: a sign on zero reads as a change that did not happen.
  const sign = r < 0 ? '-' : '';
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

/**
 * A number as printed in a table. Integers of persons are grouped by thousands only when asked
 * (the 人社 tables print plain digits); `pp` and `signed` show a plus sign on increases.
 * @example formatNumber(12.345, { kind: 'percent', digits: 2 }) // '12.35'
 * @example formatNumber(1.5, { kind: 'pp', digits: 1 }) // '+1.5'
 */
export function formatNumber(value: number, format: NumberFormat): string {
  if (!Number.isFinite(value)) return '';
  switch (format.kind) {
    case 'integer':
      return fixed(value, 0, format.grouping ?? false);
    case 'decimal':
      return fixed(value, format.digits, format.grouping ?? false);
    case 'percent':
      return fixed(value, format.digits, false);
    case 'pp':
    case 'signed': {
      const s = fixed(value, format.digits, false);
      return roundHalfAway(value, format.digits) > 0 ? `+${s}` : s;
    }
    case 'text':
      return String(value);
  }
}

/** The Excel number format of a column (exceljs `numFmt`). */
export function excelNumberFormat(format: NumberFormat): string | undefined {
  const decimals = (d: number) => (d > 0 ? `.${'0'.repeat(d)}` : '');
  switch (format.kind) {
    case 'integer':
      return format.grouping ? '#,##0' : '0';
    case 'decimal':
      return `${format.grouping ? '#,##0' : '0'}${decimals(format.digits)}`;
    case 'percent':
      return `0${decimals(format.digits)}`;
    case 'pp':
    case 'signed':
      return `+0${decimals(format.digits)};-0${decimals(format.digits)};0${decimals(format.digits)}`;
    case 'text':
      return '@';
  }
}
