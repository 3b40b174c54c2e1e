import ExcelJS from 'exceljs';
import { neutraliseFormula } from '@talent/models';
import { BAND_NOTE, bandText, cellDetail, headerWithUnit, WITHHELD_MARK, WITHHELD_NOTE } from '../document/cells.js';
import { excelNumberFormat, roundHalfAway } from '../document/format-number.js';
import { numberPublication } from '../document/numbering.js';
import { sourceLine } from '../document/provenance.js';
import type { Cell, Column, Publication, TableBlock } from '../document/types.js';
import { textWidth } from '../charts/theme.js';
import { noteMark } from './table-html.js';

const FONT = 'Noto Sans CJK SC';

function digitsOf(column: Column): number {
  return 'digits' in column.format ? column.format.digits : 0;
}

function excelValue(cell: Cell | undefined, column: Column): string | number | null {
  const d = cellDetail(cell);
  if (d.band) return bandText(d.band);
  if (d.withheld) return WITHHELD_MARK;
  const v = d.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return column.format.kind === 'text' ? String(v) : roundHalfAway(v, digitsOf(column));
  return neutraliseFormula(v);
}

function addTableSheet(wb: ExcelJS.Workbook, table: TableBlock, number: string): void {
  const ws = wb.addWorksheet(number);
  const n = table.columns.length;
  const font = { name: FONT, size: 10 };
  ws.addRow([`${number}\u3000${table.caption}`]).font = { name: FONT, size: 12, bold: true };
  ws.mergeCells(1, 1, 1, n);
  ws.addRow(table.unit ? [`单位：${table.unit}`] : []);
  let headerRows = 1;
  if (table.columns.some((c) => c.group)) {
    headerRows = 2;
    const top = ws.addRow(table.columns.map((c) => c.group ?? headerWithUnit(c)));
    const bottom = ws.addRow(table.columns.map((c) => (c.group ? headerWithUnit(c) : null)));
    for (let i = 0; i < n;) {
      const c = table.columns[i]!;
      let j = i + 1;
      if (c.group) while (j < n && table.columns[j]!.group === c.group) j++;
      if (c.group && j - i > 1) ws.mergeCells(top.number, i + 1, top.number, j);
      if (!c.group) ws.mergeCells(top.number, i + 1, bottom.number, i + 1);
      i = j;
    }
  } else {
    ws.addRow(table.columns.map(headerWithUnit));
  }
  const lastHeader = 2 + headerRows;
  for (let r = 3; r <= lastHeader; r++) {
    const row = ws.getRow(r);
    row.font = { ...font, bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = { bottom: { style: 'thin' } }));
  }
  const notes = table.notes ?? [];
  const markOf = new Map(notes.map((note, i) => [note.id, noteMark(i)]));
  let anyWithheld = false;
  let anyBand = false;
  for (const row of table.rows) {
    const values = table.columns.map((c) => {
      const d = cellDetail(row.cells[c.key]);
      if (d.withheld) anyWithheld = true;
      if (d.band) anyBand = true;
      const v = excelValue(row.cells[c.key], c);
      const marks = (d.notes ?? []).map((id) => markOf.get(id) ?? '').join('');
      return marks ? `${v ?? ''}${marks}` : v;
    });
    const added = ws.addRow(values);
    added.font = { ...font, bold: row.total ?? false };
    table.columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      const fmt = excelNumberFormat(c.format);
      if (typeof cell.value === 'number' && fmt) cell.numFmt = fmt;
      cell.alignment = {
        horizontal: typeof cell.value === 'number' || cell.value === WITHHELD_MARK || cellDetail(row.cells[c.key]).band ? 'right' : 'left',
        indent: i === 0 && row.level ? 2 : 0,
      };
    });
  }
  ws.addRow([]);
  const noteLines = [
    ...notes.map((note) => `${markOf.get(note.id)}${note.text}`),
    ...(anyBand ? [BAND_NOTE] : []),
    ...(anyWithheld ? [WITHHELD_NOTE] : []),
    sourceLine(table.source),
  ];
  if (noteLines.length > 1) ws.addRow(['注：']).font = { ...font, size: 9 };
  for (const line of noteLines) ws.addRow([line]).font = { ...font, size: 9 };
  table.columns.forEach((c, i) => {
    const widest = Math.max(textWidth(headerWithUnit(c)), ...table.rows.map((r) => textWidth(String(excelValue(r.cells[c.key], c) ?? ''))));
    ws.getColumn(i + 1).width = Math.min(40, Math.max(8, Math.ceil(widest / 7) + 2));
  });
  ws.views = [{ state: 'frozen', ySplit: lastHeader, xSplit: 1 }];
}

/**
 * The publication's tables as one workbook: a 说明 sheet (title, region, year, issuer, run, list of
 * tables), then one sheet per table named 表N, with Chinese headers and units, the column's number
 * format, frozen header rows and first column, and the notes and source line under the table.
 * Dates are the publication's, so the same document gives the same workbook content.
 */
export async function renderXlsx(pub: Publication): Promise<Buffer> {
  const numbering = numberPublication(pub);
  const wb = new ExcelJS.Workbook();
  const stamp = new Date(`${pub.subtitle.issued}T00:00:00+08:00`);
  wb.creator = '人才供需预测平台';
  wb.created = stamp;
  wb.modified = stamp;
  wb.title = pub.title;
  const about = wb.addWorksheet('说明');
  about.addRow([pub.title]).font = { name: FONT, size: 14, bold: true };
  about.addRow(['地区', pub.subtitle.region.name]);
  about.addRow(['年度', `${pub.subtitle.year}年`]);
  about.addRow(['发布单位', pub.subtitle.issuer]);
  about.addRow(['发布日期', pub.subtitle.issued]);
  about.addRow(['数据仓库运行编号', pub.runId]);
  about.addRow([]);
  about.addRow(['工作表', '表名', '资料来源', '数据仓库表']).font = { name: FONT, bold: true };
  for (const t of numbering.tableBlocks) about.addRow([numbering.tables.get(t.id)!, t.caption, sourceLine(t.source), t.source.model]);
  about.getColumn(1).width = 18;
  about.getColumn(2).width = 44;
  about.getColumn(3).width = 48;
  about.getColumn(4).width = 32;
  for (const t of numbering.tableBlocks) addTableSheet(wb, t, numbering.tables.get(t.id)!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
