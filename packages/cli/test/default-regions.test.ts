import { appendRows, openWarehouse, resolveConfig, runModels, type Warehouse } from '@talent/models';
import { readPublicationRules } from '@talent/reports/rules';
import { afterEach, describe, expect, it } from 'vitest';
import { checkOneProvince, publicationRegions } from '../src/commands/report.js';
import { summaryFrameworks } from '../src/stages/projection-summary.js';
import { employmentRow } from './warehouse-rows.js';

const config = resolveConfig({}, {});
const rules = readPublicationRules(config.datasetsDir);

const GUANGXI = [
  { code: '450000', name: '广西壮族自治区', level: '省', parent_code: null, province_code: '450000' },
  { code: '450100', name: '南宁市', level: '市', parent_code: '450000', province_code: '450000' },
  { code: '450200', name: '柳州市', level: '市', parent_code: '450000', province_code: '450000' },
  { code: '450202', name: '城中区', level: '县', parent_code: '450200', province_code: '450000' },
];
const GUIZHOU = [
  { code: '520000', name: '贵州省', level: '省', parent_code: null, province_code: '520000' },
  { code: '520100', name: '贵阳市', level: '市', parent_code: '520000', province_code: '520000' },
  { code: '520200', name: '六盘水市', level: '市', parent_code: '520000', province_code: '520000' },
  { code: '520102', name: '南明区', level: '县', parent_code: '520100', province_code: '520000' },
];

let wh: Warehouse | undefined;
afterEach(() => {
  wh?.close();
  wh = undefined;
});

/** A warehouse knowing both provinces' regions, holding the given rows. */
async function warehouseWith(rows: Record<string, Record<string, string | number | boolean | null>[]>): Promise<Warehouse> {
  wh = await openWarehouse(':memory:');
  await appendRows(wh.conn, 'ref.region', [...GUANGXI, ...GUIZHOU]);
  let line = 0;
  for (const [table, list] of Object.entries(rows))
    await appendRows(
      wh.conn,
      table,
      list.map((r) => ({ load_id: 'L1', line: ++line, source: 'test', ...r })),
    );
  await runModels(wh.conn, { rebuildTables: true });
  return wh;
}

const employment = employmentRow;
const shortage = (region_code: string, publisher: string) => ({
  publisher,
  period: '2024Q4',
  rank: 1,
  occupation_name: '车工',
  occupation_code: '6-18-01-01',
  occupation_matched: true,
  region_code,
});
const school = (school_code: string, school_name: string, location: string) => ({ school_code, school_name, location });
const enrolment = (school_code: string, school_name: string, region_code: string | null) => ({
  school_name,
  school_code,
  school_level: '高职专科',
  region_code,
  major_matched: true,
  year: 2024,
  enrolled_new: 500,
});
const unset = { regions: null };

describe('the regions published when none is configured', () => {
  it("are a Guizhou bureau's province and its cities with data when its warehouse holds Guizhou data", async () => {
    const w = await warehouseWith({
      // The yearbook's 全省 column and 贵阳's; 六盘水 has no row.
      'core.employment': [employment('520000', 390_000), employment('520100', 81_000)],
      // A graduate who went to Guangxi makes no Guangxi publication.
      'core.graduate_region': [
        { graduation_year: 2024, region_code: '450200', region_matched: true, province_code: '450000', employed: 3 },
      ],
    });
    const coverage = (await w.conn.runAndReadAll(`SELECT * FROM core.region_coverage ORDER BY region_code`)).getRowObjectsJson();
    expect(coverage).toEqual([
      {
        region_code: '520000',
        region_name: '贵州省',
        level: '省',
        province_code: '520000',
        employment_rows: '1',
        posting_rows: '0',
        shortage_rows: '0',
        enrollment_rows: '0',
      },
      {
        region_code: '520100',
        region_name: '贵阳市',
        level: '市',
        province_code: '520000',
        employment_rows: '1',
        posting_rows: '0',
        shortage_rows: '0',
        enrollment_rows: '0',
      },
    ]);
    const published = await publicationRegions(w.conn, unset);
    expect(published).toEqual({ regions: ['520000', '520100'], pdfRegions: ['520000'] });
    expect(await summaryFrameworks(w.conn, rules, published.regions)).toEqual(['gz_ten_industries']);
  });

  it("place a school's enrolment by the row's own region, else by the school list's city within the code's province", async () => {
    const w = await warehouseWith({
      'core.school': [
        school('4145013829', '柳州职业技术大学', '柳州市'),
        // A list whose location contradicts the 学校标识码's province (45, Guangxi) places the school nowhere.
        school('4145010001', '某职业学院', '六盘水市'),
      ],
      'core.enrollment': [
        enrolment('4145013829', '柳州职业技术大学', null),
        enrolment('4145010001', '某职业学院', null),
        // The file's own county code wins over the school list.
        enrolment('4152010657', '贵州大学', '520102'),
      ],
    });
    const coverage = (
      await w.conn.runAndReadAll(`SELECT region_code, enrollment_rows FROM core.region_coverage ORDER BY region_code`)
    ).getRows();
    expect(coverage.map(([code, rows]) => `${String(code)} ${String(rows)}`)).toEqual(['450200 1', '520100 1']);
  });

  it("are a city bureau's city alone, PDFs and all, when no province has data of its own", async () => {
    // 柳州's shortage table, coded to a county of the city: the city's, not Guangxi's.
    const w = await warehouseWith({ 'core.shortage_entry': [shortage('450202', '柳州市人力资源和社会保障局')] });
    const published = await publicationRegions(w.conn, unset);
    expect(published).toEqual({ regions: ['450200'], pdfRegions: ['450200'] });
    expect(await summaryFrameworks(w.conn, rules, published.regions)).toEqual(['lz_5plus5']);
  });

  it('are each province with data and its cities with data, then cities whose province has none, in code order', async () => {
    const w = await warehouseWith({
      'core.employment': [employment('520100', 81_000)],
      'core.shortage_entry': [shortage('450000', '广西壮族自治区人力资源和社会保障厅'), shortage('450202', '柳州市人力资源和社会保障局')],
    });
    const published = await publicationRegions(w.conn, unset);
    expect(published).toEqual({ regions: ['450000', '450200', '520100'], pdfRegions: ['450000'] });
    // 贵阳 takes its province's framework.
    expect(await summaryFrameworks(w.conn, rules, published.regions)).toEqual(['gx_nine_cards', 'lz_5plus5', 'gz_ten_industries']);
    // A report run covers one province: it names both, with the rows that brought each in.
    await expect(checkOneProvince(w.conn, published.regions)).rejects.toThrow(
      'the regions to publish lie in 2 provinces (450000 广西壮族自治区: 0 employment cells, 0 postings, 2 shortage-table rows, ' +
        '0 enrolment rows; 520000 贵州省: 1 employment cells, 0 postings, 0 shortage-table rows, 0 enrolment rows); a report run ' +
        'covers one province: set --regions (TALENT_REGIONS) to regions of one',
    );
    await expect(checkOneProvince(w.conn, ['450000', '450200'])).resolves.toBeUndefined();
  });

  it('are none in a warehouse without data, and the summary names no framework', async () => {
    const w = await warehouseWith({});
    expect(await publicationRegions(w.conn, unset)).toEqual({ regions: [], pdfRegions: [] });
    expect(await summaryFrameworks(w.conn, rules, [])).toEqual([]);
  });
});

describe('the regions published when --regions names them', () => {
  it('are those, each with its PDFs, and a code the lists lack is refused', async () => {
    const w = await warehouseWith({
      'core.employment': [employment('520000', 390_000), employment('520100', 81_000), employment('450100', 60_000)],
    });
    expect(await publicationRegions(w.conn, { regions: ['520100', '450100'] })).toEqual({
      regions: ['520100', '450100'],
      pdfRegions: ['520100', '450100'],
    });
    expect(await summaryFrameworks(w.conn, rules, ['520100', '450100'])).toEqual(['gx_nine_cards', 'gz_ten_industries']);
    await expect(publicationRegions(w.conn, { regions: ['520100', '529999'] })).rejects.toThrow(
      '--regions (TALENT_REGIONS): 529999 is not a region of the code lists (ref.region)',
    );
  });
});
