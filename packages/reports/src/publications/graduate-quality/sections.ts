import type { DisclosedCells } from '../../disclosure/disclosed-cells.js';
import type { Block, Column, Provenance, Row, Section, TableNote } from '../../document/types.js';
import { chartWithTable } from '../../document/chart-with-table.js';
import { FORMAT } from '../context.js';
import { methodologyItems } from '../methodology.js';
import { DESTINATIONS, type Destination, type GraduateData } from './queries.js';
import { GRADUATE_COLUMNS as G } from './columns.js';

/** Sections every graduate report prints: the region's, a city's (of its schools) and a school's. */

/** The 人数 and 比例 columns of a distribution table. */
const COUNT_AND_SHARE: readonly Column[] = [G.n, G.share];

/** The flow tables' 人数 and share of 就业. */
const OF_EMPLOYED: readonly Column[] = [G.n, { ...G.share, header: '占就业毕业生比例' }];

/**
 * A distribution of graduates over categories: the table (`<id>-table`) of the category's columns, then
 * `counted` (人数 and a share), and its bars (`<id>-chart`) of 人数 above it, under one caption.
 */
function distributionBlocks(
  id: string,
  caption: string,
  category: readonly Column[],
  counted: readonly Column[],
  rows: Row[],
  source: Provenance,
  options: { keepOrder?: boolean; notes?: readonly TableNote[] } = {},
): Block[] {
  return chartWithTable(
    id,
    caption,
    {
      type: 'bars',
      category: category[0]!.key,
      values: ['n'],
      orientation: 'horizontal',
      ...(options.keepOrder ? { keepOrder: true } : {}),
    },
    { columns: [...category, ...counted], rows, ...(options.notes ? { notes: options.notes } : {}), source },
  );
}

/**
 * The 前言 of a graduate report, the region's or a school's: the notice it answers, whose returns it
 * reads (`returnsOf`), whose report it is (`reportOf`) and what it covers, then the terms it uses.
 */
export function prefaceSection(returnsOf: string, reportOf: string, cohort: number, coverage: string): Section {
  return {
    id: 'preface',
    title: '前言',
    blocks: [
      {
        kind: 'paragraph',
        text: `根据《教育部办公厅关于编制发布高校毕业生就业质量年度报告的通知》（教学厅函〔2013〕25号）要求，依据${returnsOf}报送的毕业去向、就业地域和行业、月收入、专业相关度和满意度数据，编制${reportOf}${cohort}届毕业生就业质量年度报告。${coverage}`,
      },
      { kind: 'methodology', items: methodologyItems(['placement', 'disclosure']) },
    ],
  };
}

/**
 * The 毕业去向 section of a graduate report, the region's or a school's: each 去向 with its 分类, its
 * graduates and their share of the cohort's at `at` (the count system's coordinates: `{}` for the
 * region, `{ school }` for one school or a city's schools), and the bars beside the table. `whose`
 * names the graduates in the caption when they are not the report's own (`柳州市院校`).
 */
export function destinationsSection(
  cells: DisclosedCells,
  at: Record<string, string>,
  cohort: number,
  source: Provenance,
  unreported: readonly Destination[] = [],
  whose = '',
): Section {
  // A 去向 no return gives a figure for is unknown, not none: it has no row rather than a row of zeros.
  const left = DESTINATIONS.filter((d) => unreported.includes(d.key));
  const notes: TableNote[] = left.length
    ? [{ id: 'dest-unreported', text: `本届各院校均未报送${left.map((d) => `“${d.name}”`).join('、')}人数，表中不列该去向。` }]
    : [];
  const rows: Row[] = [
    ...DESTINATIONS.filter((d) => !unreported.includes(d.key)).map((d) => ({
      key: d.key,
      cells: {
        dest: d.name,
        group: d.group,
        n: cells.count('grad', { ...at, dest: d.key }),
        share: cells.share(['grad', { ...at, dest: d.key }], ['grad', at], 1),
      },
    })),
    { key: 'total', total: true, cells: { dest: '合计', group: '—', n: cells.count('grad', at), share: 100 } },
  ];
  return {
    id: 'destinations',
    title: '毕业去向',
    blocks: distributionBlocks(
      'dest',
      `${cohort}届${whose}毕业生毕业去向分布`,
      [
        { key: 'dest', header: '毕业去向', format: FORMAT.text, measure: 'other' },
        { key: 'group', header: '毕业去向分类', format: FORMAT.text, measure: 'other' },
      ],
      COUNT_AND_SHARE,
      rows,
      source,
      { keepOrder: true, ...(notes.length ? { notes } : {}) },
    ),
  };
}

/** A place of the 地域流向 table (a city of the region, or outside the province: 区外 or 省外) and a 门类 of the 行业流向 table. */
export interface FlowCategory {
  code: string;
  name: string;
}

/** The categories of a flow table (its rows, in order) and the model it reads. */
export interface FlowTable {
  categories: readonly FlowCategory[];
  source: Provenance;
}

/**
 * The 行业与地域流向 section of a graduate report, the region's or a school's: its employed graduates
 * by place and by 门类, each with its share of 就业, at `at` (`{}` for the region,
 * `{ school }` for one school or a city's schools), the bars beside each table; the 地域流向 alone
 * where `industries` is null. `whose`, as for {@link destinationsSection}.
 */
export function flowsSection(
  cells: DisclosedCells,
  at: Record<string, string>,
  cohort: number,
  places: FlowTable,
  industries: FlowTable | null,
  whose = '',
): Section {
  // Shares of 就业 (a linking cell, printed in the region's tables): the flow totals are 就业 less
  // 应征义务兵 and withheld wherever that is a small count, which would withhold every share of them.
  const employed: [string, Record<string, string>] = ['grad', { ...at, group: 'employed' }];
  // A row per category (its label cells, 人数 and share of 就业), then the 合计 row.
  const rowsOf = (
    measure: string,
    dimension: string,
    categories: readonly FlowCategory[],
    label: (c: FlowCategory | null) => Row['cells'],
  ) => [
    ...categories.map((c) => ({
      key: c.code,
      cells: {
        ...label(c),
        n: cells.count(measure, { ...at, [dimension]: c.code }),
        share: cells.share([measure, { ...at, [dimension]: c.code }], employed, 1),
      },
    })),
    { key: 'total', total: true, cells: { ...label(null), n: cells.count(measure, at), share: cells.share([measure, at], employed, 1) } },
  ];
  return {
    id: 'flows',
    title: industries ? '行业与地域流向' : '地域流向',
    blocks: [
      ...distributionBlocks(
        'flow',
        `${cohort}届${whose}就业毕业生地域流向`,
        [{ key: 'place', header: '就业地区', format: FORMAT.text, measure: 'other' }],
        OF_EMPLOYED,
        rowsOf('flow', 'place', places.categories, (p) => ({ place: p?.name ?? '合计' })),
        places.source,
        { keepOrder: true, notes: [{ id: 'scope', text: FLOW_SCOPE }] },
      ),
      ...(industries
        ? distributionBlocks(
            'industry',
            `${cohort}届${whose}就业毕业生行业流向`,
            [
              { key: 'industry', header: '行业门类', format: FORMAT.text, measure: 'other' },
              { key: 'code', header: '代码', format: FORMAT.text, measure: 'other' },
            ],
            OF_EMPLOYED,
            rowsOf('industry', 'section', industries.categories, (i) => ({ industry: i?.name ?? '合计', code: i?.code ?? '—' })),
            industries.source,
            { notes: [{ id: 'scope', text: `${FLOW_SCOPE}未列出的行业门类无就业毕业生。` }] },
          )
        : []),
    ],
  };
}

/** Who the flow tables count (the scope of core.graduate_region and core.graduate_industry). */
const FLOW_SCOPE =
  '人数为协议和合同就业、灵活就业和自主创业的毕业生，不含应征义务兵；比例为占毕业去向为“就业”的毕业生（含应征义务兵）的比例，合计不足100%。';

/** A row per recent cohort at `where` (the province, a city's schools, a school): graduates and 落实率, and `more`. */
export function cohortRows(
  data: GraduateData,
  cells: DisclosedCells,
  where: Record<string, string>,
  more: (c: GraduateData['cohorts'][number], at: Record<string, string>) => Row['cells'] = () => ({}),
): Row[] {
  return data.cohorts.map((c) => {
    const at = { ...where, cohort: String(c.year) };
    return {
      key: String(c.year),
      cells: {
        cohort: `${c.year}届`,
        graduates: cells.count('cohort_grad', at),
        rate: cells.share(['cohort_placed', at], ['cohort_grad', at], 1),
        ...more(c, at),
      },
    };
  });
}

/**
 * The 发展趋势 section: graduates by cohort as bars, beside a table of each cohort's graduates and
 * 落实率 and any further columns the report prints (`more`); rows keyed `cohort`, `graduates`, `rate`.
 */
export function trendsSection(caption: string, more: readonly Column[], rows: Row[], source: Provenance): Section {
  return {
    id: 'trends',
    title: '发展趋势',
    blocks: [
      ...chartWithTable(
        'trend',
        '近几届毕业生规模',
        { type: 'bars', category: 'cohort', values: ['graduates'], orientation: 'vertical', keepOrder: true },
        {
          caption,
          columns: [{ key: 'cohort', header: '届别', format: FORMAT.text, measure: 'other' }, G.graduates, G.placementRate, ...more],
          rows,
          source,
        },
      ),
    ],
  };
}
