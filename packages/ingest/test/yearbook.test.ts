import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '@talent/models';
import { ingestAll, loadFile, NO_NORMALIZERS, readMapping, type IngestReport, type LoadResult } from '@talent/ingest';
import { config } from './helpers/coders.js';
import { loadIndustryList, loadReferenceLists, tempWarehouse } from './helpers/warehouse.js';

// The demo's statistical-yearbook tables read through datasets/sources/demo_yearbook*.json, checked
// against the generator's answer key (datasets/demo/truth/yearbook_*.csv), which the pipeline never reads.

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let wh: Warehouse;
let first: IngestReport;
const SOURCES = ['demo_yearbook', 'demo_yearbook_all'];
const yearbookDir = join(config.dataDir, 'yearbook');
const truth = (name: string) =>
  parse(readFileSync(join(config.dataDir, 'truth', name)), { columns: true, bom: true }) as Record<string, string>[];
const q = async (sql: string) => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | null>[];
const LEVEL: Record<string, string> = { total: 'total', section: '门类', division: '大类' };
/** A truth cell's row (`B6` → 6): the line its figure is on. */
const rowOf = (cell: string) => Number(/\d+$/.exec(cell)![0]);
const fileOf = (path: string) => `yearbook/${basename(path)}`;

/** Cells as the warehouse holds them, keyed the way the truth is: file, line, region, industry. */
async function loadedCells(source: string): Promise<Map<string, { employment: number; level: string; year: number }>> {
  const rows = await q(`SELECT l.file_path, e.line, e.region_code, e.industry_code, e.industry_level, e.employment, e.year
    FROM core.employment e JOIN meta.loads l USING (load_id) WHERE e.source = '${source}' AND e.revised_from IS NULL`);
  return new Map(
    rows.map((r) => [
      [fileOf(String(r.file_path)), r.line, r.region_code, r.industry_code ?? ''].join('|'),
      { employment: Number(r.employment), level: String(r.industry_level), year: Number(r.year) },
    ]),
  );
}

beforeAll(async () => {
  ctx = await tempWarehouse();
  wh = ctx.wh;
  await loadReferenceLists(wh);
  await loadIndustryList(wh);
  first = await ingestAll(wh, {
    sourcesDir: config.sourcesDir,
    roots: [config.dataDir],
    sources: SOURCES,
    normalizers: NO_NORMALIZERS,
    today: '2026-06-30',
  });
}, 300_000);
afterAll(() => ctx.dispose());

describe('the demo yearbook tables through their mappings', () => {
  it('loads every workbook of both tables without a reject or a problem', () => {
    expect(first.problems).toEqual([]);
    const files = readdirSync(yearbookDir).filter((f) => f.endsWith('.xlsx'));
    expect(first.loads.map((l) => basename(l.filePath)).sort()).toEqual(files.sort());
    expect(first.loads.every((l) => l.status === 'loaded' && l.rowsRejected === 0 && l.linesRejected === 0)).toBe(true);
  });

  it('gives the published figure of every cell of the city tables, codes matched and level right', async () => {
    const cells = truth('yearbook_employment.csv');
    const got = await loadedCells('demo_yearbook');
    expect(got.size).toBe(cells.length);
    const wrong = cells.filter((t) => {
      const g = got.get([t.file, rowOf(t.cell!), t.region_code, t.industry_code].join('|'));
      return !g || g.employment !== Number(t.published_value) || g.level !== LEVEL[t.level!] || g.year !== Number(t.year);
    });
    expect(wrong).toEqual([]);
  });

  it('gives every cell of the province table of all employment', async () => {
    const cells = truth('yearbook_employment_all.csv');
    const got = await loadedCells('demo_yearbook_all');
    expect(got.size).toBe(cells.length);
    const wrong = cells.filter((t) => {
      const g = got.get([t.file, rowOf(t.cell!), '450000', t.industry_code].join('|'));
      return !g || g.employment !== Number(t.value) || g.level !== LEVEL[t.level!] || g.year !== Number(t.year);
    });
    expect(wrong).toEqual([]);
  });

  it("reads each revision footnote into the year it revises, with the earlier figure, from the later year's table", async () => {
    const rows = await q(`SELECT l.file_path, e.year, e.region_code, e.industry_code, e.industry_level, e.employment, e.revised_from
      FROM core.employment e JOIN meta.loads l USING (load_id) WHERE e.revised_from IS NOT NULL ORDER BY e.year`);
    expect(
      rows.map((r) => ({
        year: String(r.year),
        region_code: r.region_code,
        industry_code: r.industry_code,
        level: r.industry_level,
        published_value: String(r.revised_from),
        revised_value: String(r.employment),
        revised_in: fileOf(String(r.file_path)),
      })),
    ).toEqual(
      truth('yearbook_revisions.csv').map((t) => ({
        year: t.year,
        region_code: t.region_code,
        industry_code: t.industry_code,
        level: LEVEL[t.level!],
        published_value: t.published_value,
        revised_value: t.revised_value,
        revised_in: t.revised_in,
      })),
    );
  });

  it('core.employment_current shows the revised figure of every revised cell', async () => {
    for (const t of truth('yearbook_revisions.csv')) {
      const [cur] = await q(`SELECT employment, revised FROM core.employment_current
        WHERE universe = 'urban_units' AND year = ${t.year} AND region_code = '${t.region_code}' AND industry_code = '${t.industry_code}'`);
      expect(cur, `${t.year} ${t.region_code} ${t.industry_code}`).toEqual({ employment: t.revised_value, revised: true });
    }
  });

  it('accounts for every sheet row of every file: data rows and revision notes loaded, the rest explained', async () => {
    const cells = [...truth('yearbook_employment.csv'), ...truth('yearbook_employment_all.csv')];
    const revisions = truth('yearbook_revisions.csv');
    for (const load of first.loads) {
      const file = fileOf(load.filePath);
      // An independent count: the sheet's rows from a full read of the workbook, the rows holding
      // the truth's cells, and one footnote line per revision the table prints.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(load.filePath);
      const sheetRows = wb.worksheets[0]!.rowCount;
      const dataRows = new Set(cells.filter((c) => c.file === file).map((c) => rowOf(c.cell!))).size;
      const notes = revisions.filter((r) => r.revised_in === file).length;
      expect({
        file,
        read: load.linesRead,
        loaded: load.linesLoaded,
        rejected: load.linesRejected,
        explained: load.linesExplained,
      }).toEqual({
        file,
        read: sheetRows,
        loaded: dataRows + notes,
        rejected: 0,
        explained: sheetRows - dataRows - notes,
      });
    }
    const unbalanced = await q(`SELECT file_path FROM meta.loads WHERE lines_read <> lines_loaded + lines_rejected + lines_explained
      OR rows_read <> rows_loaded + rows_rejected`);
    expect(unbalanced).toEqual([]);
  });

  it('a second load writes nothing', async () => {
    const before = await q(`SELECT (SELECT count(*) FROM core.employment) AS core, (SELECT count(*) FROM raw.employment) AS raw,
      (SELECT count(*) FROM meta.rejected_rows) AS rejected`);
    const again = await ingestAll(wh, {
      sourcesDir: config.sourcesDir,
      roots: [config.dataDir],
      sources: SOURCES,
      normalizers: NO_NORMALIZERS,
      today: '2026-06-30',
    });
    expect(again.loads.map((l) => l.status)).toEqual(first.loads.map(() => 'skipped_duplicate'));
    expect(again.loads.reduce((a, l) => a + l.rowsLoaded, 0)).toBe(0);
    const after = await q(`SELECT (SELECT count(*) FROM core.employment) AS core, (SELECT count(*) FROM raw.employment) AS raw,
      (SELECT count(*) FROM meta.rejected_rows) AS rejected`);
    expect(after).toEqual(before);
  });
});

describe('hostile copies of a yearbook table are rejected with file, line, column and reason', () => {
  const mapping = readMapping(join(config.sourcesDir, 'demo_yearbook.json'));
  const original = join(yearbookDir, 'employment_2015.xlsx');
  let hostile: Awaited<ReturnType<typeof tempWarehouse>>;
  beforeAll(async () => {
    hostile = await tempWarehouse();
    await loadReferenceLists(hostile.wh);
    await loadIndustryList(hostile.wh);
  });
  afterAll(() => hostile.dispose());

  /** The 2015 table with one cell changed, loaded on its own; its result and rejects. */
  async function loadChanged(
    name: string,
    cell: string,
    value: string,
  ): Promise<{ r: LoadResult; rejects: Record<string, string | number | null>[] }> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(original);
    wb.worksheets[0]!.getCell(cell).value = value;
    const path = join(hostile.dir, name);
    await wb.xlsx.writeFile(path);
    const r = await loadFile(hostile.wh.conn, mapping, path, { today: '2026-06-30' });
    const rejects = (
      await hostile.wh.conn.runAndReadAll(`SELECT l.file_path, r.line, r.column_name, r.raw_value, r.reason
        FROM meta.rejected_rows r JOIN meta.loads l USING (load_id) WHERE r.load_id = '${r.loadId}' ORDER BY r.line`)
    ).getRowObjectsJson() as Record<string, string | number | null>[];
    return { r, rejects };
  }
  const counts = (r: LoadResult) => ({
    rows: [r.rowsRead, r.rowsLoaded, r.rowsRejected],
    lines: [r.linesRead, r.linesLoaded, r.linesRejected, r.linesExplained],
  });

  it('a city column renamed to a name no division bears: each of its cells, the other cells of the row load', async () => {
    const { r, rejects } = await loadChanged('renamed_city.xlsx', 'D5', '龙城市');
    expect(r.status).toBe('loaded');
    // 50 data rows × 15 columns + the revision note; the 50 cells under D are refused, and their
    // lines count as rejected (a line with a rejected record is a rejected line).
    expect(counts(r)).toEqual({ rows: [751, 701, 50], lines: [63, 1, 50, 12] });
    expect(rejects).toHaveLength(50);
    expect(rejects.map((x) => Number(x.line))).toEqual(Array.from({ length: 50 }, (_, i) => i + 6));
    expect(new Set(rejects.map((x) => JSON.stringify([x.file_path, x.column_name, x.raw_value, x.reason])))).toEqual(
      new Set([
        JSON.stringify([
          join(hostile.dir, 'renamed_city.xlsx'),
          'region_text (D 龙城市)',
          '龙城市',
          'region not in the code list (GB/T 2260): no division bears this name or code',
        ]),
      ]),
    );
    const [kept] = (
      await hostile.wh.conn.runAndReadAll(`SELECT count(*) AS n, count(*) FILTER (WHERE region_text = '龙城市') AS unknown
        FROM core.employment WHERE load_id = '${r.loadId}'`)
    ).getRowObjectsJson();
    expect(kept).toEqual({ n: '701', unknown: '0' });
  });

  it('a cell that is not a number: that cell alone', async () => {
    const { r, rejects } = await loadChanged('not_a_number.xlsx', 'E20', '57S2');
    expect(counts(r)).toEqual({ rows: [751, 750, 1], lines: [63, 50, 1, 12] });
    expect(rejects).toEqual([
      {
        file_path: join(hostile.dir, 'not_a_number.xlsx'),
        line: '20',
        column_name: 'employment (E 桂林市)',
        raw_value: '57S2',
        reason: 'not a number',
      },
    ]);
  });

  it('a revision footnote garbled so that it no longer reads as one: the footnote, never explained away', async () => {
    const garbled =
      '　　4. 2014年末百色市信息传输、软件和信息技术服务业就业人员数经核实修订为82九0人（上年公布8817人），全区及相关合计数相应修订。';
    const { r, rejects } = await loadChanged('garbled_revision.xlsx', 'A62', garbled);
    expect(counts(r)).toEqual({ rows: [751, 750, 1], lines: [63, 50, 1, 12] });
    expect(rejects).toEqual([
      {
        file_path: join(hostile.dir, 'garbled_revision.xlsx'),
        line: '62',
        column_name: 'A',
        raw_value: garbled.trim(),
        reason: expect.stringMatching(/^text line reads like a record \(matches 修订\) but not the pattern that reads it/) as string,
      },
    ]);
    const [revisions] = (
      await hostile.wh.conn.runAndReadAll(
        `SELECT count(*) AS n FROM core.employment WHERE load_id = '${r.loadId}' AND revised_from IS NOT NULL`,
      )
    ).getRowObjectsJson();
    expect(revisions).toEqual({ n: '0' });
  });
});
