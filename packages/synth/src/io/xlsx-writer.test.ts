import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cellRef, excelSerial, XlsxSheetWriter } from './xlsx-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'synth-xlsx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeSample(path: string, rows: number): void {
  const w = new XlsxSheetWriter(path, '岗位数据', '2026-01-01T00:00:00Z');
  w.row(['岗位名称', '最低月薪(元)', '发布时间']);
  for (let i = 0; i < rows; i++) w.row([`焊工<${i}>&"助理"`, 4000 + i, { excelDate: excelSerial(2024, 3, 5) }]);
  w.row(['面议岗位', null, '暂无']);
  w.close();
}

describe('XlsxSheetWriter', () => {
  it('writes the same bytes twice', () => {
    writeSample(join(dir, 'a.xlsx'), 5000);
    writeSample(join(dir, 'b.xlsx'), 5000);
    expect(readFileSync(join(dir, 'a.xlsx')).equals(readFileSync(join(dir, 'b.xlsx')))).toBe(true);
  });

  it('is read back by exceljs, with escaped text, numbers, dates and text in a date column', async () => {
    // More rows than one deflate chunk, so the streamed entry spans several sync-flushed blocks.
    writeSample(join(dir, 'big.xlsx'), 40_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'big.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('岗位数据');
    expect(ws.rowCount).toBe(40_002);
    const second = ws.getRow(2);
    expect(second.getCell(1).value).toBe('焊工<0>&"助理"');
    expect(second.getCell(2).value).toBe(4000);
    expect((second.getCell(3).value as Date).toISOString()).toBe('2024-03-05T00:00:00.000Z');
    const last = ws.getRow(40_002);
    expect(last.getCell(2).value).toBeNull();
    expect(last.getCell(3).value).toBe('暂无');
  });

  it('writes named styles, column widths and merged cells that exceljs reads back', async () => {
    const path = join(dir, 'table.xlsx');
    const w = new XlsxSheetWriter(path, '4-7', '2026-01-01T00:00:00Z', {
      columnWidths: [30, 12, 12],
      styles: {
        title: { bold: true, size: 14, horizontal: 'center' },
        header: { bold: true, horizontal: 'center', vertical: 'center', wrap: true, border: 'all' },
        number: { horizontal: 'right', border: 'all', numberFormat: '#,##0' },
        rule: { border: 'bottom' },
      },
    });
    expect(w.row([{ value: '表4-7 标题', style: 'title' }, null, null])).toBe(1);
    w.merge(1, 0, 1, 2);
    const top = w.row([
      { value: '行业', style: 'header' },
      { value: '地区', style: 'header' },
      { value: null, style: 'header' },
    ]);
    w.row([
      { value: null, style: 'header' },
      { value: '全区', style: 'header' },
      { value: '南宁市', style: 'header' },
    ]);
    w.merge(top, 0, top + 1, 0);
    w.merge(top, 1, top, 2);
    w.row(['合计', { value: 12345, style: 'number' }, { value: 678, style: 'number' }]);
    w.row([{ value: '注：', style: 'rule' }]);
    expect(() => w.row([{ value: 1, style: 'missing' }])).toThrow(/unknown cell style/);
    expect(() => w.merge(3, 1, 3, 1)).toThrow(/not a range/);
    w.close();

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('4-7');
    expect([...(ws.model as { merges: string[] }).merges].sort()).toEqual(['A1:C1', 'A2:A3', 'B2:C2']);
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('A1').value).toBe('表4-7 标题');
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
    expect(ws.getCell('B2').alignment).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true });
    expect(ws.getCell('C2').border).toMatchObject({ left: { style: 'thin' }, bottom: { style: 'thin' } });
    expect(ws.getCell('B4').value).toBe(12345);
    expect(ws.getCell('B4').numFmt).toBe('#,##0');
    expect(ws.getCell('A4').font?.bold).toBeFalsy();
    expect(ws.getCell('A5').border).toMatchObject({ bottom: { style: 'thin' } });
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.getColumn(3).width).toBe(12);
  });

  it('names cells as Excel does', () => {
    expect(cellRef(6, 15)).toBe('P6');
  });
});
