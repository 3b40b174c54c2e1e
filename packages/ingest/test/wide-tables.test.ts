import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceMappingSchema, type SourceMappingInput, type Warehouse } from '@talent/models';
import { loadFile, type LoadResult } from '@talent/ingest';
import { loadIndustryList, loadReferenceLists, tempWarehouse } from './helpers/warehouse.js';
import { writeUtf8 } from './helpers/fixtures.js';

// The table features of the mapping language on plain CSV files, apart from the yearbook workbooks:
// an unpivot over a one-row header, empty cells, a line with one bad cell, and unknown names refused
// through the kind's core model.

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let wh: Warehouse;
const TODAY = '2025-12-31';
beforeAll(async () => {
  ctx = await tempWarehouse();
  wh = ctx.wh;
  await loadReferenceLists(wh);
  await loadIndustryList(wh);
});
afterAll(() => ctx.dispose());

const q = async (sql: string) => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson();
const counts = (r: LoadResult) => ({
  rows: [r.rowsRead, r.rowsLoaded, r.rowsRejected],
  lines: [r.linesRead, r.linesLoaded, r.linesRejected, r.linesExplained],
});

/** A city table exported to CSV by a bureau: one header row of city names, a note under it. */
const CITY_CSV: SourceMappingInput = {
  source: 'test_city_csv',
  kind: 'employment',
  description: 'City employment table exported to CSV (test).',
  files: ['*.csv'],
  format: 'csv',
  columns: { industry_text: ['行业'], year: ['年份'] },
  unpivot: { name: 'region_text', value: 'employment' },
  constants: { universe: 'urban_units' },
  explain: [{ pattern: '^注：', what: '注释' }],
  unmatched: 'reject',
};

describe('unpivot of a CSV with a one-row header', () => {
  it('every column no alias claims is a region; empty cells are no record; a note is explained', async () => {
    const p = writeUtf8(ctx.dir, 'cities_2024.csv', [
      '年份,行业,柳州市,桂林市,梧州市',
      '2024,汽车制造业,58211,1671,',
      '2024,教育,23327,5466,3768',
      '注：梧州市汽车制造业不发布。,,,,',
    ]);
    const r = await loadFile(wh.conn, sourceMappingSchema.parse(CITY_CSV), p, { today: TODAY });
    expect(r.status).toBe('loaded');
    expect(counts(r)).toEqual({ rows: [5, 5, 0], lines: [4, 2, 0, 2] });
    expect(r.message).toBe('explained by pattern: 注释 1 line(s)');
    const rows = await q(`SELECT line, region_code, industry_code, industry_level, employment FROM core.employment
      WHERE load_id = '${r.loadId}' ORDER BY line, region_code`);
    expect(rows).toEqual([
      { line: '2', region_code: '450200', industry_code: '36', industry_level: '大类', employment: '58211' },
      { line: '2', region_code: '450300', industry_code: '36', industry_level: '大类', employment: '1671' },
      { line: '3', region_code: '450200', industry_code: 'P', industry_level: '门类', employment: '23327' },
      { line: '3', region_code: '450300', industry_code: 'P', industry_level: '门类', employment: '5466' },
      { line: '3', region_code: '450400', industry_code: 'P', industry_level: '门类', employment: '3768' },
    ]);
  });

  it('a line with one bad cell: that record is rejected with its column, the line counts as rejected, its other cells load', async () => {
    const p = writeUtf8(ctx.dir, 'cities_2023.csv', [
      '年份,行业,柳州市,桂林市,梧州市',
      '2023,汽车制造业,58211,-3,17',
      '2023,教育,23327,5466,3768',
    ]);
    const r = await loadFile(wh.conn, sourceMappingSchema.parse(CITY_CSV), p, { today: TODAY });
    expect(counts(r)).toEqual({ rows: [6, 5, 1], lines: [3, 1, 1, 1] });
    expect(await q(`SELECT line, column_name, raw_value, reason FROM meta.rejected_rows WHERE load_id = '${r.loadId}'`)).toEqual([
      { line: '2', column_name: 'employment (D 桂林市)', raw_value: '-3', reason: 'negative value' },
    ]);
    expect(Number((await q(`SELECT count(*) AS n FROM core.employment WHERE load_id = '${r.loadId}'`))[0]!.n)).toBe(5);
  });

  it('a row whose industry no class bears is refused cell by cell through the core model; "keep" loads it flagged', async () => {
    const lines = ['年份,行业,柳州市,桂林市', '2022,汽车制造,58211,1671', '2022,教育,23327,5466'];
    const refused = await loadFile(wh.conn, sourceMappingSchema.parse(CITY_CSV), writeUtf8(ctx.dir, 'cities_2022.csv', lines), {
      today: TODAY,
    });
    expect(counts(refused)).toEqual({ rows: [4, 2, 2], lines: [3, 1, 1, 1] });
    expect(
      await q(
        `SELECT line, column_name, raw_value, reason FROM meta.rejected_rows WHERE load_id = '${refused.loadId}' ORDER BY column_name`,
      ),
    ).toEqual([
      {
        line: '2',
        column_name: 'industry_text (C 柳州市)',
        raw_value: '汽车制造',
        reason: 'industry not in the code list (GB/T 4754-2017): no class bears this name or code',
      },
      {
        line: '2',
        column_name: 'industry_text (D 桂林市)',
        raw_value: '汽车制造',
        reason: 'industry not in the code list (GB/T 4754-2017): no class bears this name or code',
      },
    ]);
    const kept = await loadFile(
      wh.conn,
      sourceMappingSchema.parse({ ...CITY_CSV, source: 'test_city_csv_keep', unmatched: 'keep' }),
      writeUtf8(ctx.dir, 'cities_2022_keep.csv', [...lines, '']),
      { today: TODAY },
    );
    expect(counts(kept)).toEqual({ rows: [4, 4, 0], lines: [4, 2, 0, 2] });
    expect(
      await q(`SELECT count(*) FILTER (WHERE NOT industry_matched) AS unmatched FROM core.employment WHERE load_id = '${kept.loadId}'`),
    ).toEqual([{ unmatched: '2' }]);
  });
});

describe('unknown names refused without an unpivot', () => {
  it('names the field the core model could not match', async () => {
    const mapping = sourceMappingSchema.parse({
      source: 'test_province_csv',
      kind: 'employment',
      description: 'Province table of all employment (test).',
      files: ['*.csv'],
      format: 'csv',
      columns: { year: ['年份'], region_text: ['地区'], industry_text: ['行业'], employment: ['就业人员'] },
      constants: { universe: 'all' },
      unmatched: 'reject',
    } satisfies SourceMappingInput);
    const p = writeUtf8(ctx.dir, 'province_2024.csv', ['年份,地区,行业,就业人员', '2024,柳州市,制造业,512000', '2024,龙城市,制造业,1200']);
    const r = await loadFile(wh.conn, mapping, p, { today: TODAY });
    expect(counts(r)).toEqual({ rows: [2, 1, 1], lines: [3, 1, 1, 1] });
    expect(await q(`SELECT line, column_name, raw_value FROM meta.rejected_rows WHERE load_id = '${r.loadId}'`)).toEqual([
      { line: '3', column_name: 'region_text', raw_value: '龙城市' },
    ]);
  });
});
