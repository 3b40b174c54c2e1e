import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { samplePublication } from '../../test/fixtures/sample-publication.js';
import { numberPublication } from '../document/numbering.js';
import type { Cell, CellDetail, Publication, TableBlock } from '../document/types.js';
import { BAND_NOTE } from '../document/cells.js';
import { tableHtml } from './table-html.js';
import { tableCsv } from './to-csv.js';
import { renderXlsx } from './to-xlsx.js';
import { readPublishedRuns } from './published-runs.js';
import { DisclosureAuditError, writeRun } from './write-run.js';

const TABLE: TableBlock = {
  kind: 'table',
  id: 'occupations',
  caption: '缺口最大的职业',
  columns: [
    { key: 'name', header: '职业名称', format: { kind: 'text' }, measure: 'other' },
    { key: 'n', header: '需求人数', unit: '人', format: { kind: 'integer', grouping: true }, measure: 'count' },
    { key: 'ratio', header: '求人倍率', format: { kind: 'decimal', digits: 2 }, measure: 'ratio' },
    { key: 'change', header: '比重变化', unit: '百分点', format: { kind: 'pp', digits: 1 }, measure: 'share' },
  ],
  rows: [
    { key: 'a', cells: { name: '=HYPERLINK("http://x","点击")', n: 12345, ratio: 1.255, change: -0.04 } },
    { key: 'b', cells: { name: '@SUM(1+1)', n: { withheld: 'small-count' }, ratio: { withheld: 'derived' }, change: 2 } },
    { key: 'c', cells: { name: '-焊工', n: 7, ratio: null, change: 0.05 } },
    { key: 'd', total: true, cells: { name: '合计', n: 12356, ratio: 1.2, change: 0 } },
  ],
  notes: [{ id: 'n1', text: '说明。' }],
  source: { model: 'marts.fct_occupation_gap', runId: 'r1' },
};

describe('CSV', () => {
  it('writes UTF-8 with BOM and CRLF, units in headers, printed precision without grouping, * for withheld, formulas neutralised', () => {
    const csv = tableCsv(TABLE);
    expect(csv.startsWith('\ufeff职业名称,需求人数（人）,求人倍率,比重变化（百分点）\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://x"",""点击"")",12345,1.26,0.0`);
    expect(lines[2]).toBe(`'@SUM(1+1),*,*,+2.0`);
    expect(lines[3]).toBe(`'-焊工,7,,+0.1`);
    expect(lines[4]).toBe('合计,12356,1.20,0.0');
    expect(lines[5]).toBe('');
  });
});

describe('rate bands', () => {
  const band = (lower: number, upper: number): Cell => ({
    band: { lower, upper, unemployed: 'grad|group=unemployed|school=s/a', graduates: 'grad|school=s/a' },
  });
  const RATES: TableBlock = {
    kind: 'table',
    id: 'majors',
    caption: '各专业毕业去向落实率',
    columns: [
      { key: 'major', header: '专业名称', format: { kind: 'text' }, measure: 'other' },
      { key: 'rate', header: '落实率', unit: '%', format: { kind: 'percent', digits: 1 }, measure: 'share' },
    ],
    rows: [
      { key: 'a', cells: { major: '机械设计制造及其自动化', rate: band(95, 100) } },
      { key: 'b', cells: { major: '会计学', rate: band(80, 90) } },
      { key: 'c', cells: { major: '护理学', rate: 96.4 } },
      { key: 'd', cells: { major: '汉语言文学', rate: { withheld: 'derived' } } },
    ],
    source: { model: 'core.graduate_outcome', runId: 'r1' },
  };

  it('prints a band as the band in HTML, with its note, and in CSV and XLSX', async () => {
    const html = tableHtml(RATES, '表1');
    expect(html).toContain('<td class="num">95%以上</td>');
    expect(html).toContain('<td class="num">80%—90%</td>');
    expect(html).toContain('<td class="num">96.4</td>');
    expect(html).toContain(BAND_NOTE);
    const lines = tableCsv(RATES).slice(1).split('\r\n');
    expect(lines.slice(1, 5)).toEqual(['机械设计制造及其自动化,95%以上', '会计学,80%—90%', '护理学,96.4', '汉语言文学,*']);
    const pub: Publication = {
      ...(await samplePublication()).publication,
      sections: [{ id: 's', title: '落实率', blocks: [RATES] }],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(pub)) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[1]!;
    const texts = sheet
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? r : []))
      .map(String);
    expect(texts).toContain('95%以上');
    expect(texts).toContain('80%—90%');
    expect(texts).toContain(BAND_NOTE);
  });
});

describe('XLSX', () => {
  it('has a 说明 sheet, one sheet per table with frozen headers, number formats, withheld marks and the notes under the table', async () => {
    const pub: Publication = {
      id: 'x',
      title: '2025年柳州市技能人才供需信息',
      subtitle: { region: { code: '450200', name: '柳州市' }, year: 2025, issuer: '柳州市人力资源和社会保障局', issued: '2026-01-15' },
      runId: 'r1',
      sections: [{ id: 's', title: '缺口排行', blocks: [TABLE] }],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(pub)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '表1']);
    const about = wb.getWorksheet('说明')!;
    // Readers see what the data are; the warehouse table stays beside it for tracing a figure.
    expect(about.getRow(8).values).toEqual([undefined, '工作表', '表名', '资料来源', '数据仓库表']);
    expect(about.getRow(9).values).toEqual([
      undefined,
      '表1',
      '缺口最大的职业',
      '资料来源：本平台人才供需预测，运行编号 r1。',
      'marts.fct_occupation_gap',
    ]);
    const ws = wb.getWorksheet('表1')!;
    expect(ws.getCell('A1').value).toBe('表1\u3000缺口最大的职业');
    expect(ws.getRow(3).values).toEqual([undefined, '职业名称', '需求人数（人）', '求人倍率', '比重变化（百分点）']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3, xSplit: 1 });
    expect(ws.getCell('B4').value).toBe(12345);
    expect(ws.getCell('B4').numFmt).toBe('#,##0');
    expect(ws.getCell('C4').value).toBe(1.26);
    expect(ws.getCell('C4').numFmt).toBe('0.00');
    expect(ws.getCell('A4').value).toBe(`'=HYPERLINK("http://x","点击")`);
    expect(ws.getCell('B5').value).toBe('*');
    const tail = [9, 10, 11, 12, 13].map((r) => ws.getCell(`A${r}`).value);
    expect(tail).toContain('①说明。');
    expect(tail.some((v) => typeof v === 'string' && v.startsWith('“*”表示'))).toBe(true);
    expect(tail).toContain('资料来源：本平台人才供需预测，运行编号 r1。');
  });
});

describe('run folder', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'talent-run-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes every output of a run under <run_id>/, then points latest at it; a second run takes latest over', async () => {
    const first = await samplePublication({ runId: 'run-1' });
    const manifest = await writeRun([first.publication], { root, runId: 'run-1', disclosure: { system: first.system } });
    const id = first.publication.id;
    expect(readdirSync(join(root, 'run-1')).sort()).toEqual(['index.html', 'run.json', id].sort());
    expect(readdirSync(join(root, 'run-1', id)).sort()).toEqual(['csv', `${id}.html`, `${id}.xlsx`]);
    expect(readdirSync(join(root, 'run-1', id, 'csv'))).toHaveLength(7);
    expect(readlinkSync(join(root, 'latest'))).toBe('run-1');
    const index = readFileSync(join(root, 'latest', 'index.html'), 'utf8');
    expect(index).toContain(`href="${id}/${id}.html"`);
    expect(index).toContain(`href="${id}/csv/t01-overview-table.csv"`);
    expect(manifest.disclosure!.withheld).toBeGreaterThan(0);
    // The manifest carries no withheld value.
    const json = readFileSync(join(root, 'run-1', 'run.json'), 'utf8');
    expect(json).not.toMatch(/"intervals"|"value"/);
    const second = await samplePublication({ runId: 'run-2' });
    await writeRun([second.publication], { root, runId: 'run-2' });
    expect(readlinkSync(join(root, 'latest'))).toBe('run-2');
    expect(readdirSync(root).sort()).toEqual(['latest', 'run-1', 'run-2']);
  });

  it('records the vintage a run read, which readPublishedRuns finds; a failed run is not among them', async () => {
    const one = await samplePublication({ runId: 'run-1' });
    await writeRun([one.publication], { root, runId: 'run-1', vintage: '20260301T020000Z-42' });
    const two = await samplePublication({ runId: 'run-2' });
    await writeRun([two.publication], { root, runId: 'run-2' });
    const three = await samplePublication({ runId: 'run-3' });
    const failing = { print: () => Promise.reject(new Error('Chromium crashed')) };
    await expect(writeRun([three.publication], { root, runId: 'run-3', pdf: failing, vintage: 'v' })).rejects.toThrow();
    expect(readPublishedRuns(root)).toEqual({
      runs: [
        { runId: 'run-1', vintage: '20260301T020000Z-42' },
        { runId: 'run-2', vintage: null },
      ],
      unreadable: [],
    });
  });

  it('keeps a failed run aside as <run_id>.err and leaves latest on the last complete run', async () => {
    const ok = await samplePublication({ runId: 'run-1' });
    await writeRun([ok.publication], { root, runId: 'run-1' });
    const next = await samplePublication({ runId: 'run-2' });
    const failing = { print: () => Promise.reject(new Error('Chromium crashed')) };
    await expect(writeRun([next.publication], { root, runId: 'run-2', pdf: failing })).rejects.toThrow('Chromium crashed');
    expect(readlinkSync(join(root, 'latest'))).toBe('run-1');
    expect(existsSync(join(root, 'run-2'))).toBe(false);
    expect(existsSync(join(root, 'run-2.err', next.publication.id, `${next.publication.id}.html`))).toBe(true);
  });

  it('refuses to publish a run whose tables print a withheld count', async () => {
    const s = await samplePublication({ runId: 'run-3' });
    const leaked = structuredClone(s.publication);
    const heat = numberPublication(leaked).tableBlocks.find((t) => t.id === 'heat-table')!;
    const isSmall = (c: Cell | undefined) => typeof c === 'object' && c !== null && c.withheld === 'small-count';
    const row = heat.rows.find((r) => Object.values(r.cells).some(isSmall))!;
    const [col, cell] = Object.entries(row.cells).find(([, c]) => isSmall(c)) as [string, CellDetail];
    (row.cells as Record<string, Cell>)[col] = { value: s.system.cells.get(cell.ref!)!.value, ref: cell.ref! };
    const error = await writeRun([leaked], { root, runId: 'run-3', disclosure: { system: s.system } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DisclosureAuditError);
    expect((error as DisclosureAuditError).audit.violations.map((v) => v.key)).toContain(cell.ref!);
    expect(existsSync(join(root, 'run-3'))).toBe(false);
  });
});
