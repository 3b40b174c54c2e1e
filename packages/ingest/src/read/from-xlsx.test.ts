import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExcelJS, excelUtf8Fixed } from './exceljs-utf8.js';
import { readXlsx } from './from-xlsx.js';
import { checkZip, DEFAULT_ZIP_LIMITS } from './zip-guard.js';

const dir = mkdtempSync(join(tmpdir(), 'xlsx-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CITIES = ['柳州市柳南区', '南宁市青秀区', '桂林市七星区', '玉林市玉州区', '贵阳市观山湖区'];
const row = (i: number) => [
  `汽车零部件检验工程师${i}`,
  `广西柳州${'机械制造有限责任公司'.slice(0, (i % 9) + 1)}${i}`,
  CITIES[i % 5]!,
  i % 30,
];

async function workbook(rows: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('岗位数据');
  ws.addRow(['岗位名称', '招聘单位', '工作地点', '招聘人数']);
  for (let i = 0; i < rows; i++) ws.addRow(row(i));
  const p = join(dir, `wb-${rows}.xlsx`);
  await wb.xlsx.writeFile(p);
  return p;
}

describe('XLSX reader', () => {
  it('streams thousands of Chinese cells back intact (no U+FFFD at zip chunk boundaries)', async () => {
    expect(excelUtf8Fixed).toBe(true);
    const p = await workbook(6000);
    const seen: string[][] = [];
    for await (const r of readXlsx(p)) seen.push(r.cells!);
    expect(seen).toHaveLength(6001);
    expect(seen.flat().some((c) => c.includes('\ufffd'))).toBe(false);
    for (const i of [0, 1234, 5999]) expect(seen[i + 1]).toEqual(row(i).map(String));
  });

  it('the zip guard refuses archives that expand beyond the limits', async () => {
    const p = await workbook(3000);
    await expect(checkZip(p)).resolves.toBeUndefined();
    await expect(checkZip(p, { ...DEFAULT_ZIP_LIMITS, maxRatio: 1.5, ratioMinBytes: 1000 })).rejects.toThrow(/zip bomb/);
    await expect(checkZip(p, { ...DEFAULT_ZIP_LIMITS, maxUncompressedBytes: 10_000 })).rejects.toThrow(/expands to/);
    await expect(checkZip(p, { ...DEFAULT_ZIP_LIMITS, maxFileBytes: 1000 })).rejects.toThrow(/above the limit/);
  });
});
