import { describe, expect, it } from 'vitest';
import {
  barChart,
  createChartDocument,
  heatmapChart,
  lineFanChart,
  smallMultiplesChart,
  type Publication,
  type TableBlock,
} from '../src/index.js';
import { tableHtml } from '../src/render/table-html.js';
import { renderHtml } from '../src/render/to-html.js';
import { expectGolden, normaliseMarkup } from './golden.js';

// Small fixtures, written out so that a golden diff can be read against them.
const FAN = [
  { x: 2021, observed: 10520 },
  { x: 2022, observed: 11263 },
  { x: 2023, observed: 12065.4 },
  { x: 2024, observed: 13097 },
  { x: 2025, forecast: 13900, lower80: 13210, upper80: 14590, lower95: 12845, upper95: 14955 },
  { x: 2026, forecast: 14620, lower80: 13640, upper80: 15600, lower95: 13120, upper95: 16120 },
  { x: 2027, forecast: 15310, lower80: 14110, upper80: 16510, lower95: 13470, upper95: 17150 },
];
const RANKING = [
  { category: '汽车零部件再制造工', value: 2270 },
  { category: '工业机器人系统操作员', value: 1896 },
  { category: '新能源汽车动力电池装调工', value: 844 },
  { category: '焊工', value: null },
];
const GROUPED = [
  { category: '南宁市', series: '需求人数', value: 3787 },
  { category: '南宁市', series: '求职人数', value: 1611 },
  { category: '柳州市', series: '需求人数', value: 8670 },
  { category: '柳州市', series: '求职人数', value: 5479 },
  { category: '防城港市', series: '需求人数', value: 1288 },
  { category: '防城港市', series: '求职人数', value: null },
];
const HEAT = ['汽车装调工', '焊工'].flatMap((row, r) =>
  ['南宁市', '柳州市', '桂林市'].map((column, c) => ({ row, column, value: r === 1 && c === 2 ? null : 10 + 17 * r + 9 * c })),
);
const PANELS = ['先进制造业', '新一代信息技术', '大健康产业', '生态环保'].flatMap((group, g) =>
  [2022, 2023, 2024, 2025, 2026].map((x, i) => ({ group, x, y: 1000 * (g + 1) + 120 * i, forecast: x > 2024 })),
);

describe('chart golden files', () => {
  it('line with forecast fan', () => {
    const svg = lineFanChart(FAN, { id: 'fan', title: '图1 需求预测', yLabel: '需求人数（人）' }, createChartDocument());
    expect(svg).toMatch(/^<svg[^>]* xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('stroke-dasharray="6,4"');
    expect(svg).toContain('95%预测区间');
    expectGolden('line-fan.svg', svg);
  });

  it('horizontal ranking bars with long Chinese labels and a withheld value', () => {
    const svg = barChart(
      RANKING,
      { id: 'rank', title: '图2 缺口排行', orientation: 'horizontal', keepOrder: true, valueLabel: '缺口数（人）' },
      createChartDocument(),
    );
    expect(svg).toContain('新能源汽车动力电池装调工');
    expect(svg).toMatch(/>\*<\/text>/);
    expectGolden('bars-ranking.svg', svg);
  });

  it('grouped horizontal bars', () => {
    expectGolden(
      'bars-grouped.svg',
      barChart(GROUPED, { id: 'grouped', title: '图3 各市供求', orientation: 'horizontal', layout: 'grouped' }, createChartDocument()),
    );
  });

  it('grouped vertical bars: values wider than their bars stand upright, narrow ones stay level', () => {
    const cities = ['南宁市', '柳州市', '桂林市', '梧州市', '北海市', '防城港市', '钦州市', '贵港市', '玉林市', '百色市'];
    const wide = cities.flatMap((category, i) => [
      { category, series: '岗位需求', value: 39329 + 911 * i },
      { category, series: '人才供给', value: 38155 + 877 * i },
    ]);
    const svg = barChart(wide, { id: 'upright', title: '图5 各市供求', orientation: 'vertical', layout: 'grouped' }, createChartDocument());
    // Every value label is turned, and the plot's top margin grows by the widest label.
    expect(svg.match(/rotate\(-90\)/g)?.length).toBe(wide.length);
    expectGolden('bars-grouped-upright.svg', svg);
    const level = barChart(
      GROUPED,
      { id: 'level', title: '图6 各市供求', orientation: 'vertical', layout: 'grouped' },
      createChartDocument(),
    );
    expect(level).not.toContain('rotate(-90)');
  });

  it('stacked vertical bars', () => {
    expectGolden(
      'bars-stacked.svg',
      barChart(GROUPED, { id: 'stacked', title: '图4 各市供求', orientation: 'vertical', layout: 'stacked' }, createChartDocument()),
    );
  });

  it('heat map of occupation × city', () => {
    const svg = heatmapChart(HEAT, { id: 'heat', title: '图5 分市需求', legend: '需求人数（人）' }, createChartDocument());
    expect(svg.match(/<rect/g)!.length).toBeGreaterThanOrEqual(6);
    expectGolden('heatmap.svg', svg);
  });

  it('small multiples per group', () => {
    const svg = smallMultiplesChart(
      PANELS,
      { id: 'panels', title: '图6 分产业', yLabel: '需求人数（人）', columns: 2 },
      createChartDocument(),
    );
    for (const g of ['先进制造业', '新一代信息技术', '大健康产业', '生态环保']) expect(svg).toContain(`>${g}</text>`);
    expectGolden('small-multiples.svg', svg);
  });

  it('small counts tick at whole numbers only; large values keep the scale’s own ticks', () => {
    const ticks = (svg: string, axis: 'x' | 'y') =>
      [...(svg.match(new RegExp(`aria-label="${axis}-axis tick label"[\\s\\S]*?</g>`))?.[0] ?? '').matchAll(/>([^<]+)<\/text>/g)].map(
        (m) => m[1],
      );
    const counts = [
      { category: '生产制造及有关人员', value: 2 },
      { category: '专业技术人员', value: 1 },
    ];
    const opts = { id: 'g', title: '图1', valueLabel: '职业个数（个）' } as const;
    expect(ticks(barChart(counts, { ...opts, orientation: 'horizontal' }, createChartDocument()), 'x')).toEqual(['0', '1', '2']);
    expect(ticks(barChart(counts, { ...opts, orientation: 'vertical' }, createChartDocument()), 'y')).toEqual(['0', '1', '2']);
    const stacked = [...counts.map((r) => ({ ...r, series: '新进' })), ...counts.map((r) => ({ ...r, series: '保留', value: 3 }))];
    expect(ticks(barChart(stacked, { ...opts, orientation: 'vertical', layout: 'stacked' }, createChartDocument()), 'y')).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    const large = ticks(
      barChart([{ category: '焊工', value: 12_345 }], { ...opts, orientation: 'horizontal' }, createChartDocument()),
      'x',
    );
    expect(large.length).toBeGreaterThan(2);
    expect(large).not.toContain('1');
  });

  it('the same chart twice is byte-identical, whatever was drawn in between', () => {
    const a = lineFanChart(FAN, { id: 'fan', title: 't', yLabel: '人' }, createChartDocument());
    heatmapChart(HEAT, { id: 'heat', title: 't', legend: '人' }, createChartDocument());
    expect(lineFanChart(FAN, { id: 'fan', title: 't', yLabel: '人' }, createChartDocument())).toBe(a);
  });
});

const TABLE: TableBlock = {
  kind: 'table',
  id: 'edu',
  caption: '按文化程度分组的求职人数',
  columns: [
    { key: 'edu', header: '文化程度', format: { kind: 'text' }, measure: 'other' },
    { key: 'n', header: '求职人数', unit: '人', format: { kind: 'integer' }, measure: 'count' },
    { key: 'share', header: '所占比重', unit: '%', format: { kind: 'percent', digits: 2 }, measure: 'share' },
    { key: 'change', header: '比重变化', unit: '百分点', group: '较上年', format: { kind: 'pp', digits: 1 }, measure: 'share' },
  ],
  rows: [
    { key: 'a', cells: { edu: '高中', n: 9301, share: 28.314, change: 1.25 } },
    { key: 'b', cells: { edu: '大学', n: 20169, share: 61.4, change: -0.04 } },
    { key: 'c', level: 1, cells: { edu: '其中：应届高校毕业生', n: 12840, share: { value: 63.66, notes: ['parent'] }, change: null } },
    {
      key: 'd',
      cells: { edu: '硕士以上', n: { withheld: 'small-count' }, share: { withheld: 'derived' }, change: { withheld: 'derived' } },
    },
    { key: 'e', cells: { edu: '<合计> & =SUM(A1)', n: 32848, share: 100, change: 0 } },
  ],
  notes: [{ id: 'parent', text: '“其中”项的比重为占其上一行人数的比重。' }],
  source: { model: 'marts.fct_supply_demand', runId: '20251203T0200', detail: '2025年' },
};

describe('table golden file', () => {
  it('renders caption, grouped header, units, sub-row, note marks, withheld marks and source', () => {
    const html = tableHtml(TABLE, '表7');
    expect(html).toContain('<td class="num">28.31</td>');
    expect(html).toContain('+1.3');
    expect(html).toContain('63.66<sup>①</sup>');
    expect(html).toContain('&lt;合计&gt; &amp; =SUM(A1)');
    expect(html).toContain(
      '<p class="source" data-model="marts.fct_supply_demand">资料来源：本平台人才供需预测（2025年），运行编号 20251203T0200。</p>',
    );
    expect(html).not.toMatch(/>\s*-0\.0\s*</);
    expectGolden('table.html.golden', html);
  });

  it('a whole publication renders deterministically', () => {
    const pub: Publication = {
      id: 'golden-sample',
      title: '2025年柳州市技能人才供需信息',
      subtitle: { region: { code: '450200', name: '柳州市' }, year: 2025, issuer: '柳州市人力资源和社会保障局', issued: '2026-01-15' },
      runId: '20251203T0200',
      sections: [
        {
          id: 's1',
          title: '供求总体情况',
          blocks: [
            { kind: 'paragraph', text: '本期需求人数与求职人数均有增长。' },
            {
              kind: 'chart',
              id: 'c1',
              caption: '文化程度构成',
              table: 'edu',
              spec: { type: 'bars', category: 'edu', values: ['n'], orientation: 'vertical', keepOrder: true },
            },
            TABLE,
          ],
        },
      ],
    };
    const a = renderHtml(pub);
    expect(normaliseMarkup(renderHtml(pub))).toBe(normaliseMarkup(a));
    expect(a).not.toMatch(/(src|href)="https?:/);
  });
});
