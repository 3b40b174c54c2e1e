import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { excelSerial, XlsxSheetWriter } from './xlsx-writer.js';

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
});
