import { join } from 'node:path';
import type { Rng } from '../prng.js';
import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import { cellRef, XlsxSheetWriter, type XlsxCell, type XlsxSheetLayout } from '../io/xlsx-writer.js';
import type { World } from '../world/build-world.js';
import { TRUTH_FOLDER, YEARBOOK_FOLDER, yearbookAllFile, yearbookFile } from './layout.js';
import { yearbookFigures, type YearbookRevision, type YearbookRow } from './yearbook-figures.js';

export const YEARBOOK_CELLS_HEADER = 'file,cell,year,region_code,industry_code,level,published_value,value';
export const YEARBOOK_ALL_HEADER = 'file,cell,year,industry_code,level,value';
export const YEARBOOK_REVISIONS_HEADER = 'year,region_code,industry_code,level,published_value,revised_value,published_in,revised_in';

const FULL_SPACE = '\u3000';

const LAYOUT: XlsxSheetLayout = {
  styles: {
    title: { bold: true, size: 14, horizontal: 'center' },
    subtitle: { size: 10, horizontal: 'center' },
    unit: { horizontal: 'right' },
    header: { bold: true, horizontal: 'center', vertical: 'center', wrap: true, border: 'all' },
    label: { horizontal: 'left', border: 'all' },
    number: { horizontal: 'right', border: 'all', numberFormat: '0' },
    note: { horizontal: 'left' },
  },
};

/**
 * A row label as printed: two- and three-character names spaced out with full-width spaces (U+3000:
 * 教育 as 教, two spaces, 育; 制造业 with one space between characters), 大类 names indented by two
 * full-width spaces below their 门类.
 */
export function yearbookLabel(row: Pick<YearbookRow, 'level' | 'name'>): string {
  if (row.level === 'division') return FULL_SPACE.repeat(2) + row.name;
  const chars = [...row.name];
  if (chars.length === 2) return chars.join(FULL_SPACE.repeat(2));
  if (chars.length === 3) return chars.join(FULL_SPACE);
  return row.name;
}

/** How the province column is headed: 全区 for an autonomous region, 全市 for a municipality, else 全省. */
function provinceLabel(name: string): string {
  return name.endsWith('自治区') ? '全区' : name.endsWith('市') ? '全市' : '全省';
}

function tableNumber(world: World, year: number): string {
  const numbers = world.a.yearbook.tableNumbers.filter((n) => n.from <= year);
  if (numbers.length === 0) throw new Error(`assumptions.json yearbook.tableNumbers has no number for ${year}`);
  return numbers[numbers.length - 1]!.number;
}

/** What a yearbook table holds, for the manifest. */
export interface YearbookStats {
  files: number;
  cells: number;
  revisions: number;
}

/**
 * Writes one XLSX per observed year laid out as the statistical yearbook prints 各市分行业城镇单位就业人员:
 * title, English title and unit rows, a two-row merged header (行业 | 地区 over 全区 and the cities),
 * the 合计, every 门类 and the 制造业 大类 rows, then footnotes; a revision of the previous year's
 * table is a footnote. The truth gets every printed cell with its true value, and the revisions.
 */
export function writeYearbook(world: World, rng: Rng, out: string): YearbookStats {
  const { ref, axis } = world;
  const { rows, tables, revisions } = yearbookFigures(world, rng);
  const width = ref.cities.length + 2;
  const province = provinceLabel(ref.province.name);
  const regionCodes = [ref.province.code, ...ref.cities.map((c) => c.code)];
  const revisedIn = new Map<number, YearbookRevision>(revisions.map((r) => [r.year + 1, r]));

  const cells = new TextSink(join(out, TRUTH_FOLDER, 'yearbook_employment.csv'), { encoding: 'utf8' });
  cells.line(YEARBOOK_CELLS_HEADER);
  let cellCount = 0;
  for (const table of tables) {
    const { year } = table;
    const file = `${YEARBOOK_FOLDER}/${yearbookFile(year)}`;
    const number = tableNumber(world, year);
    const sheet = new XlsxSheetWriter(join(out, file), number, `${axis.latest + 1}-01-01T00:00:00Z`, {
      ...LAYOUT,
      columnWidths: [36, ...regionCodes.map(() => 11)],
    });
    const spanning = (text: string, style: string): XlsxCell[] => [{ value: text, style }, ...new Array<null>(width - 1).fill(null)];
    const spanRow = (text: string, style: string): void => {
      const at = sheet.row(spanning(text, style));
      sheet.merge(at, 0, at, width - 1);
    };
    spanRow(`表${number} 各市分行业城镇单位就业人员（${year}年末）`, 'title');
    spanRow(`Employed Persons in Urban Units by Sector and City (End of ${year})`, 'subtitle');
    const unit: XlsxCell[] = new Array<XlsxCell>(width).fill(null);
    unit[width - 1] = { value: '单位：人', style: 'unit' };
    sheet.row(unit);
    const header = (v: string | null): XlsxCell => ({ value: v, style: 'header' });
    const top = sheet.row([
      header(`行${FULL_SPACE}${FULL_SPACE}业`),
      header(`地${FULL_SPACE}${FULL_SPACE}区`),
      ...ref.cities.map(() => header(null)),
    ]);
    sheet.row([header(null), header(province), ...ref.cities.map((c) => header(c.name))]);
    sheet.merge(top, 0, top + 1, 0);
    sheet.merge(top, 1, top, width - 1);

    rows.forEach((row, r) => {
      const line: XlsxCell[] = [{ value: yearbookLabel(row), style: 'label' }];
      for (let c = 0; c <= ref.cities.length; c++) line.push({ value: table.published[r]![c] ?? null, style: 'number' });
      const at = sheet.row(line);
      if (!row.published) return;
      for (let c = 0; c <= ref.cities.length; c++) {
        cells.line(
          csvLine([file, cellRef(at, c + 1), year, regionCodes[c]!, row.code, row.level, table.published[r]![c]!, table.value[r]![c]!]),
        );
        cellCount++;
      }
    });

    const blank = rows.filter((r) => !r.published).map((r) => r.name);
    const notes = [
      '城镇单位就业人员指在城镇非私营法人单位中工作并取得劳动报酬的年末人员，不含城镇私营单位和个体就业人员。',
      year < 2018 ? '行业按《国民经济行业分类》（GB/T 4754—2017）回溯调整。' : '行业分类执行《国民经济行业分类》（GB/T 4754—2017）。',
      ...(blank.length > 0 ? [`${blank.join('、')}不在本表发布，相应栏目空缺。`] : []),
    ];
    const revision = revisedIn.get(year);
    if (revision) {
      const row = rows[revision.row]!;
      const city = ref.cities[revision.column - 1]!;
      notes.push(
        `${revision.year}年末${city.name}${row.name}就业人员数经核实修订为${revision.revised}人（上年公布${revision.published}人），${province}及相关合计数相应修订。`,
      );
    }
    sheet.row([]);
    notes.forEach((note, i) => spanRow(`${i === 0 ? '注：' : FULL_SPACE.repeat(2)}${i + 1}. ${note}`, 'note'));
    spanRow('资料来源：劳动工资统计年报。', 'note');
    sheet.close();
  }
  cells.close();

  const rev = new TextSink(join(out, TRUTH_FOLDER, 'yearbook_revisions.csv'), { encoding: 'utf8' });
  rev.line(YEARBOOK_REVISIONS_HEADER);
  for (const r of revisions) {
    const row = rows[r.row]!;
    rev.line(
      csvLine([
        r.year,
        regionCodes[r.column]!,
        row.code,
        row.level,
        r.published,
        r.revised,
        `${YEARBOOK_FOLDER}/${yearbookFile(r.year)}`,
        `${YEARBOOK_FOLDER}/${yearbookFile(r.year + 1)}`,
      ]),
    );
  }
  rev.close();
  return { files: tables.length, cells: cellCount, revisions: revisions.length };
}

/**
 * Writes one XLSX per observed year with the province's employed persons of every sector, all
 * units and the self-employed included (分行业全社会就业人员, year-end), as yearbooks print it
 * beside the urban-units table: title and unit rows, a header, 合计 and every 门类. A 门类 figure is
 * the truth's employment of its 大类 summed over the cities (rounded); 合计 is the sum of the 门类.
 * The truth gets every printed cell.
 */
export function writeYearbookAll(world: World, out: string): { files: number; cells: number } {
  const { ref, axis, industries } = world;
  const cells = new TextSink(join(out, TRUTH_FOLDER, 'yearbook_employment_all.csv'), { encoding: 'utf8' });
  cells.line(YEARBOOK_ALL_HEADER);
  let count = 0;
  let files = 0;
  for (let year = axis.first; year <= axis.latest; year++) {
    const t = year - axis.y0;
    const file = `${YEARBOOK_FOLDER}/${yearbookAllFile(year)}`;
    const sheet = new XlsxSheetWriter(join(out, file), '4-2', `${axis.latest + 1}-01-01T00:00:00Z`, { ...LAYOUT, columnWidths: [36, 16] });
    const span = (text: string, style: string) => {
      const at = sheet.row([{ value: text, style }, null]);
      sheet.merge(at, 0, at, 1);
    };
    span(`表4-2 分行业全社会就业人员（${year}年末）`, 'title');
    span(`Employed Persons by Sector (End of ${year})`, 'subtitle');
    sheet.row([null, { value: '单位：人', style: 'unit' }]);
    sheet.row([
      { value: `行${FULL_SPACE}${FULL_SPACE}业`, style: 'header' },
      { value: '就业人员', style: 'header' },
    ]);
    const bySection = ref.sections.map((s) => {
      let sum = 0;
      industries.divisions.forEach((d, di) => {
        if (d.section !== s.code) return;
        for (const e of industries.employment[di]!) sum += Math.round(e[t]!);
      });
      return { code: s.code, name: s.name, value: industries.divisions.some((d) => d.section === s.code) ? sum : null };
    });
    const total = bySection.reduce((a, s) => a + (s.value ?? 0), 0);
    const rows: { code: string; level: string; label: string; value: number | null }[] = [
      { code: '', level: 'total', label: yearbookLabel({ level: 'total', name: '合计' }), value: total },
      ...bySection.map((s) => ({
        code: s.code,
        level: 'section',
        label: yearbookLabel({ level: 'section', name: s.name }),
        value: s.value,
      })),
    ];
    for (const r of rows) {
      const at = sheet.row([
        { value: r.label, style: 'label' },
        { value: r.value, style: 'number' },
      ]);
      if (r.value === null) continue;
      cells.line(csvLine([file, cellRef(at, 1), year, r.code, r.level, r.value]));
      count++;
    }
    sheet.row([]);
    const blank = bySection.filter((s) => s.value === null).map((s) => s.name);
    span('注：1. 就业人员包括城镇单位、城镇私营单位和个体就业人员及乡村就业人员。', 'note');
    if (blank.length > 0) span(`${FULL_SPACE.repeat(2)}2. ${blank.join('、')}不在本表发布，相应栏目空缺。`, 'note');
    span('资料来源：劳动力调查和劳动工资统计年报推算。', 'note');
    sheet.close();
    files++;
  }
  cells.close();
  return { files, cells: count };
}
