import type { Cell, CellDetail, Column, RateBand } from './types.js';
import { formatNumber } from './format-number.js';

/** The cell in its detailed form. */
export function cellDetail(cell: Cell | undefined): CellDetail {
  if (cell === undefined || cell === null) return { value: null };
  if (typeof cell === 'object') return cell;
  return { value: cell };
}

/** The publishable value of a cell: null when empty or withheld; a band's text. */
export function cellValue(cell: Cell | undefined): string | number | null {
  const d = cellDetail(cell);
  if (d.band) return bandText(d.band);
  return d.withheld ? null : (d.value ?? null);
}

/**
 * A rate band as every output prints it: the top band `95%以上` (95% included), the others
 * `90%—95%` (lower edge included, upper not; {@link BAND_NOTE} says so).
 */
export function bandText(band: Pick<RateBand, 'lower' | 'upper'>): string {
  return band.upper >= 100 ? `${band.lower}%以上` : `${band.lower}%—${band.upper}%`;
}

/** The note explaining rate bands, printed under every table that has one. */
export const BAND_NOTE =
  '落实率以区间表示的（如“90%—95%”），为按统计信息保护规则不公布确切比例的专业；区间含下限、不含上限，“95%以上”含95%。';

/** The numeric value of a cell, or null (text, empty or withheld). */
export function cellNumber(cell: Cell | undefined): number | null {
  const v = cellValue(cell);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * The mark every output prints for a withheld cell, whatever the reason (see
 * {@link WITHHELD_NOTE}).
 */
export const WITHHELD_MARK = '*';

/** The note explaining {@link WITHHELD_MARK}, printed under every table that has one. */
export const WITHHELD_NOTE =
  '“*”表示按统计信息保护规则不予公布：涉及1至4人的单元格，以及可据以推算其数值的单元格；分母不足23人的比重和不足8人的平均数亦不公布。';

/** A cell as printed in HTML and PDF: formatted number, text, mark or empty. */
export function cellText(cell: Cell | undefined, column: Column): string {
  const d = cellDetail(cell);
  if (d.band) return bandText(d.band);
  if (d.withheld) return WITHHELD_MARK;
  const v = d.value;
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string') return v;
  return formatNumber(v, column.format);
}

/** Header with its unit, as CSV and XLSX headers print it: `需求人数（人）`. */
export function headerWithUnit(column: Column): string {
  return column.unit ? `${column.header}（${column.unit}）` : column.header;
}
