import { toCsv, type CsvCell } from '@talent/models';
import { bandText, cellDetail, headerWithUnit, WITHHELD_MARK } from '../document/cells.js';
import { formatNumber } from '../document/format-number.js';
import type { Cell, Column, TableBlock } from '../document/types.js';

function csvCell(cell: Cell | undefined, column: Column): CsvCell {
  const d = cellDetail(cell);
  if (d.band) return bandText(d.band);
  if (d.withheld) return WITHHELD_MARK;
  const v = d.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // The printed precision, without thousands separators, so that spreadsheets read numbers.
  return formatNumber(
    v,
    column.format.kind === 'integer' || column.format.kind === 'decimal' ? { ...column.format, grouping: false } : column.format,
  );
}

/**
 * One table as CSV for Excel: UTF-8 with a byte-order mark, CRLF, headers with their units, numbers
 * at the printed precision, “*” for withheld cells, and text neutralised against formula
 * injection by the shared writer of @talent/models. Data only: notes and the source line are in
 * the HTML, PDF and XLSX, so that the file loads as a table.
 */
export function tableCsv(table: TableBlock): string {
  return toCsv(
    table.columns.map(headerWithUnit),
    table.rows.map((row) => table.columns.map((c) => csvCell(row.cells[c.key], c))),
    { bom: true, eol: '\r\n', safe: true },
  );
}

/** File name of a table's CSV: its number and id, ASCII (`t01-overview.csv`). */
export function tableFileName(index: number, table: TableBlock, ext: 'csv'): string {
  return `t${String(index + 1).padStart(2, '0')}-${table.id}.${ext}`;
}
