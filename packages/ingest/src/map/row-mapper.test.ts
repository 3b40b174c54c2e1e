import { describe, expect, it } from 'vitest';
import { sourceMappingSchema, type SourceMappingInput } from '@talent/models';
import type { SourceRow } from '../read/source-row.js';
import { fillMergedHeader, HeaderError, planHeader } from './header.js';
import { CELL_FIELD, lineText, RowMapper, type MappedRow } from './row-mapper.js';

const EMPLOYMENT_FIELDS = [
  'year',
  'region_code',
  'region_text',
  'industry_code',
  'industry_text',
  'universe',
  'employment',
  'revised_from',
];
const REQUIRED = ['year', 'industry_text', 'universe', 'employment'];

/** A city table as the 2015 yearbook prints it, cut to three regions (rows as exceljs streams them: merged cells empty). */
const SHEET: string[][] = [
  ['表4-6 各市分行业城镇单位就业人员（2015年末）'],
  ['Employed Persons in Urban Units by Sector and City (End of 2015)'],
  ['', '', '', '单位：人'],
  ['行　　业', '地　　区'],
  ['', '全区', '南宁市', '柳州市'],
  ['合　　计', '3707417', '728096', '478770'],
  ['制　造　业', '1355685', '203581', '177278'],
  ['　　汽车制造业', '32152', '2262', '9652'],
  ['公共管理、社会保障和社会组织'],
  [],
  ['注：1. 城镇单位就业人员指在城镇非私营法人单位中工作并取得劳动报酬的年末人员，不含城镇私营单位和个体就业人员。'],
  ['　　4. 2014年末百色市信息传输、软件和信息技术服务业就业人员数经核实修订为8290人（上年公布8817人），全区及相关合计数相应修订。'],
  ['资料来源：劳动工资统计年报。'],
];

const CITY_TABLE: SourceMappingInput = {
  source: 'test_yearbook',
  kind: 'employment',
  description: 'Yearbook city table (test).',
  files: ['yearbook/*.xlsx'],
  format: 'xlsx',
  headerRows: 2,
  preamble: [{ pattern: '（(?<year>\\d{4})年末）' }],
  columns: { industry_text: ['行业'] },
  unpivot: { under: ['地区'], name: 'region_text', value: 'employment' },
  constants: { universe: 'urban_units' },
  extract: [
    {
      when: '修订',
      pattern:
        '^\\d+\\.\\s*(?<year>\\d{4})年末(?<region_text>全区|[^，。\\d]+?市)(?<industry_text>[^，。\\d]+?)就业人员数经核实修订为(?<employment>\\d+)人（上年公布(?<revised_from>\\d+)人）',
    },
  ],
  explain: [
    { pattern: '^注：|^\\d+\\.\\s', what: '注释' },
    { pattern: '^资料来源：', what: '资料来源' },
    { pattern: '^(公共管理、社会保障和社会组织|国际组织)$', what: '不发布的门类' },
  ],
};

/** Every sheet row through a fresh mapper: what each line became. */
function mapSheet(input: SourceMappingInput, sheet: string[][] = SHEET): { mapper: RowMapper; out: MappedRow[] } {
  const mapper = new RowMapper(sourceMappingSchema.parse(input), EMPLOYMENT_FIELDS, REQUIRED);
  const out = sheet.map((cells, i) => mapper.map({ line: i + 1, lines: 1, cells } satisfies SourceRow));
  return { mapper, out };
}

describe('header over several rows', () => {
  it('fills merged cells: across in the upper rows, down in the last', () => {
    const { names, rows } = fillMergedHeader([
      ['行　　业', '地　　区'],
      ['', '全区', '南宁市', '柳州市'],
    ]);
    expect(names).toEqual(['行　　业', '全区', '南宁市', '柳州市']);
    expect(rows[0]).toEqual(['行　　业', '地　　区', '地　　区', '地　　区']);
  });

  it('names value columns by their last header cell, under the group header, with their spreadsheet letter', () => {
    const mapping = sourceMappingSchema.parse(CITY_TABLE);
    const { names, rows } = fillMergedHeader([SHEET[3]!, SHEET[4]!]);
    const plan = planHeader(names, mapping, REQUIRED, rows.slice(0, -1));
    expect(plan.fieldIndex.get('industry_text')).toBe(0);
    expect(plan.valueColumns).toEqual([
      { index: 1, name: '全区', label: 'B 全区' },
      { index: 2, name: '南宁市', label: 'C 南宁市' },
      { index: 3, name: '柳州市', label: 'D 柳州市' },
    ]);
    expect(plan.unknown).toEqual([]);
  });

  it('refuses two value columns of one name, and a group header that is not above the names', () => {
    const mapping = sourceMappingSchema.parse(CITY_TABLE);
    const twin = fillMergedHeader([SHEET[3]!, ['', '全区', '南宁市', '南宁市']]);
    expect(() => planHeader(twin.names, mapping, REQUIRED, twin.rows.slice(0, -1))).toThrow(
      new HeaderError('two value columns have the same name: C 南宁市 and D 南宁市'),
    );
    expect(() => planHeader(['行业', '地区'], mapping, REQUIRED)).toThrow(/no value columns under 地区.*set "headerRows"/);
  });

  it('without a group header, every column no alias claims is a value column', () => {
    const mapping = sourceMappingSchema.parse({ ...CITY_TABLE, headerRows: 1, unpivot: { name: 'region_text', value: 'employment' } });
    const plan = planHeader(['行业', '南宁市', '', '柳州市'], mapping, REQUIRED);
    expect(plan.valueColumns.map((v) => v.label)).toEqual(['B 南宁市', 'D 柳州市']);
  });
});

describe('a printed table through the row mapper', () => {
  it('explains title, unit and header lines, reads the year from the title and one record per value cell', () => {
    const { out } = mapSheet(CITY_TABLE);
    expect(out.slice(0, 5)).toEqual([null, null, null, null, null]);
    const total = out[5]!;
    expect(total).toEqual({
      line: 6,
      records: [
        {
          industry_text: '合　　计',
          region_text: '全区',
          employment: '3707417',
          [CELL_FIELD]: 'B 全区',
          year: '2015',
          universe: 'urban_units',
        },
        {
          industry_text: '合　　计',
          region_text: '南宁市',
          employment: '728096',
          [CELL_FIELD]: 'C 南宁市',
          year: '2015',
          universe: 'urban_units',
        },
        {
          industry_text: '合　　计',
          region_text: '柳州市',
          employment: '478770',
          [CELL_FIELD]: 'D 柳州市',
          year: '2015',
          universe: 'urban_units',
        },
      ],
    });
    expect(out[7]).toMatchObject({
      line: 8,
      records: [{ industry_text: '　　汽车制造业', region_text: '全区', employment: '32152' }, {}, {}],
    });
  });

  it('explains the rows the table leaves blank, notes and the source line by pattern, counting each kind', () => {
    const { mapper, out } = mapSheet(CITY_TABLE);
    expect([out[8], out[9], out[10], out[12]]).toEqual([null, null, null, null]);
    expect(Object.fromEntries(mapper.explained)).toEqual({ 不发布的门类: 1, 注释: 1, 资料来源: 1 });
  });

  it('reads the revision footnote into a record of the year it revises, before the note pattern explains it', () => {
    const { out } = mapSheet(CITY_TABLE);
    expect(out[11]).toEqual({
      line: 12,
      fields: {
        year: '2014',
        region_text: '百色市',
        industry_text: '信息传输、软件和信息技术服务业',
        employment: '8290',
        revised_from: '8817',
        universe: 'urban_units',
      },
    });
  });

  it('rejects a footnote that reads like a revision but not as one, naming its column', () => {
    const sheet = SHEET.map((r) => [...r]);
    sheet[11] = [
      '　　4. 2014年末百色市信息传输、软件和信息技术服务业就业人员数经核实修订为82九0人（上年公布8817人），全区及相关合计数相应修订。',
    ];
    const { out } = mapSheet(CITY_TABLE, sheet);
    expect(out[11]).toEqual({
      line: 12,
      reject: {
        line: 12,
        column_name: 'A',
        raw_value: lineText(sheet[11]!),
        reason: expect.stringMatching(/^text line reads like a record \(matches 修订\) but not the pattern that reads it/) as string,
      },
    });
  });

  it('rejects a data row whose value cells are all empty unless a pattern explains it', () => {
    const sheet = SHEET.map((r) => [...r]);
    sheet[8] = ['国际组织'];
    const { out } = mapSheet({ ...CITY_TABLE, explain: [] }, sheet);
    expect(out[8]).toMatchObject({ line: 9, reject: { reason: expect.stringMatching(/^no figure in any value column/) as string } });
  });

  it('pads a sheet row that stops before its last columns: the missing cells are empty, not a ragged row', () => {
    const sheet = SHEET.map((r) => [...r]);
    sheet[6] = ['制　造　业', '1355685', '203581'];
    const { out } = mapSheet(CITY_TABLE, sheet);
    expect(out[6]).toMatchObject({ line: 7, records: [{ region_text: '全区' }, { region_text: '南宁市' }] });
    expect((out[6] as { records: unknown[] }).records).toHaveLength(2);
  });

  it('a preamble pattern that matches no line leaves its fields empty and is named', () => {
    const sheet = SHEET.map((r) => [...r]);
    sheet[0] = ['表4-6 各市分行业城镇单位就业人员'];
    const { mapper, out } = mapSheet(CITY_TABLE, sheet);
    expect((out[5] as { records: Record<string, string>[] }).records[0]!.year).toBeUndefined();
    expect(mapper.preambleMissed).toEqual(['（(?<year>\\d{4})年末）']);
  });

  it('a file that ends inside a header of two rows says so', () => {
    const mapper = new RowMapper(sourceMappingSchema.parse(CITY_TABLE), EMPLOYMENT_FIELDS, REQUIRED);
    for (const [i, cells] of SHEET.slice(0, 4).entries()) mapper.map({ line: i + 1, lines: 1, cells });
    expect(mapper.plan).toBeNull();
    expect(mapper.noHeader().message).toMatch(/^the header spans 2 rows \(headerRows\) but the file ends 1 row\(s\) into it/);
  });
});
