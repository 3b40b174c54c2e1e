/**
 * Axis titles against tick labels as Debian's Chromium lays them out: every chart type that titles
 * an axis, drawn from realistic figures (long occupation names, values of up to six digits), keeps
 * each title clear of every tick label, and titles and tick labels inside the chart. Text boxes are
 * the browser's (the font's ascent and descent), so clear boxes mean no ink can touch. No skip:
 * without Chromium this fails.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barChart, createChartDocument, lineFanChart, smallMultiplesChart, type BarRow } from '../src/index.js';
import { formatNumber } from '../src/document/format-number.js';
import { CHROMIUM_FLAGS, DEFAULT_CHROMIUM } from '../src/pdf.js';

interface Box {
  text: string;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Layout {
  width: number;
  height: number;
  titles: Box[];
  ticks: Box[];
}

/** Boxes nearer than this (px) read as touching. */
const CLEARANCE = 2;

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: [...CHROMIUM_FLAGS] });
});

afterAll(async () => {
  await browser?.close();
});

/** The chart's axis titles and tick labels as Chromium draws them, in the SVG's own pixels. */
async function layout(svg: string): Promise<Layout> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await page.$eval('svg', (root) => {
      const frame = root.getBoundingClientRect();
      const boxes = (selector: string) =>
        Array.from(root.querySelectorAll(selector)).map((t) => {
          const r = t.getBoundingClientRect();
          return {
            text: t.textContent ?? '',
            left: r.left - frame.left,
            top: r.top - frame.top,
            right: r.right - frame.left,
            bottom: r.bottom - frame.top,
          };
        });
      return {
        width: frame.width,
        height: frame.height,
        titles: boxes('g[aria-label$="-axis label"] text'),
        ticks: boxes('g[aria-label$="-axis tick label"] text'),
      };
    });
  } finally {
    await page.close();
  }
}

const apart = (a: Box, b: Box) =>
  a.right + CLEARANCE <= b.left || b.right + CLEARANCE <= a.left || a.bottom + CLEARANCE <= b.top || b.bottom + CLEARANCE <= a.top;

const describeBox = (b: Box) => `“${b.text}” [${[b.left, b.top, b.right, b.bottom].map((v) => v.toFixed(1)).join(', ')}]`;

/** Checks one chart; `titles` is how many axis titles it has. */
async function expectClearAxes(svg: string, titles: number): Promise<void> {
  const { width, height, titles: t, ticks } = await layout(svg);
  expect(t.map((b) => b.text)).toHaveLength(titles);
  expect(ticks.length).toBeGreaterThan(2);
  const clashes = t.flatMap((title) =>
    ticks.filter((tick) => !apart(title, tick)).map((tick) => `${describeBox(title)} × ${describeBox(tick)}`),
  );
  expect(clashes).toEqual([]);
  const outside = [...t, ...ticks].filter((b) => b.left < -0.5 || b.top < -0.5 || b.right > width + 0.5 || b.bottom > height + 0.5);
  expect(outside.map(describeBox), `outside ${width}×${height}`).toEqual([]);
}

const persons = (v: number) => formatNumber(v, { kind: 'integer' });
const grouped = (v: number) => formatNumber(v, { kind: 'integer', grouping: true });

/** 大类 of the 职业分类大典, as the shortage catalogue counts its occupations by them. */
const MAJOR_GROUPS: BarRow[] = [
  { category: '党的机关、国家机关、群众团体和社会组织、企事业单位负责人', value: 1 },
  { category: '专业技术人员', value: 4 },
  { category: '办事人员和有关人员', value: 1 },
  { category: '社会生产服务和生活服务人员', value: 9 },
  { category: '农、林、牧、渔业生产及辅助人员', value: 2 },
  { category: '生产制造及有关人员', value: 23 },
];
const OCCUPATION_GAPS: BarRow[] = [
  { category: '其他运输设备和通用工程机械操作人员及有关人员', value: 984_310 },
  { category: '新能源汽车动力电池装调工', value: 612_845 },
  { category: '工业机器人系统运维员', value: 250_004 },
  { category: '焊工', value: null },
];
const CITIES = ['南宁市', '柳州市', '桂林市', '梧州市', '北海市', '防城港市', '钦州市', '贵港市', '玉林市', '百色市'];
const CITY_SUPPLY: BarRow[] = CITIES.flatMap((category, i) => [
  { category, series: '岗位需求', value: 983_217 - 61_311 * i },
  { category, series: '人才供给', value: 874_066 - 57_093 * i },
]);

describe('axis titles clear of tick labels', () => {
  it('horizontal bars with small counts: the shortage catalogue’s occupations by 大类', async () => {
    for (const rows of [MAJOR_GROUPS, MAJOR_GROUPS.slice(-1)]) {
      const svg = barChart(
        rows,
        {
          id: 'groups',
          title: '图1 目录职业按职业大类分布',
          orientation: 'horizontal',
          keepOrder: true,
          valueLabel: '职业个数（个）',
          format: persons,
        },
        createChartDocument(),
      );
      await expectClearAxes(svg, 1);
    }
  });

  it('horizontal bars with six-digit values and long occupation names', async () => {
    const svg = barChart(
      OCCUPATION_GAPS,
      { id: 'gaps', title: '图2 供需缺口', orientation: 'horizontal', keepOrder: true, valueLabel: '供需缺口（人）', format: grouped },
      createChartDocument(),
    );
    await expectClearAxes(svg, 1);
  });

  it('vertical bars with six-digit values, one series, grouped and stacked', async () => {
    const single = CITY_SUPPLY.filter((r) => r.series === '岗位需求').map(({ category, value }) => ({ category, value }));
    const charts = [
      barChart(
        single,
        { id: 'one', title: '图3', orientation: 'vertical', valueLabel: '岗位需求（人）', format: persons },
        createChartDocument(),
      ),
      barChart(
        CITY_SUPPLY,
        { id: 'two', title: '图4', orientation: 'vertical', valueLabel: '单位：人', format: persons },
        createChartDocument(),
      ),
      barChart(
        CITY_SUPPLY,
        { id: 'three', title: '图5', orientation: 'vertical', layout: 'stacked', valueLabel: '单位：人', format: persons },
        createChartDocument(),
      ),
    ];
    for (const svg of charts) await expectClearAxes(svg, 1);
  });

  it('a forecast fan of six-digit values under a one-character title', async () => {
    const rows = [2021, 2022, 2023, 2024].map((x, i) => ({ x, observed: 712_400 + 35_150 * i }));
    const fan = [2025, 2026, 2027].map((x, i) => {
      const f = 850_000 + 30_000 * i;
      return {
        x,
        forecast: f,
        lower80: f - 20_000 * (i + 1),
        upper80: f + 20_000 * (i + 1),
        lower95: f - 31_000 * (i + 1),
        upper95: f + 31_000 * (i + 1),
      };
    });
    for (const yLabel of ['人', '就业人员（人）']) {
      await expectClearAxes(lineFanChart([...rows, ...fan], { id: 'fan', title: '图6', yLabel }, createChartDocument()), 1);
    }
  });

  it('small multiples of six-digit values', async () => {
    const rows = ['先进制造业', '新一代信息技术', '大健康产业', '生态环保'].flatMap((group, g) =>
      [2022, 2023, 2024, 2025, 2026].map((x, i) => ({ group, x, y: 240_000 * (g + 1) + 12_500 * i, forecast: x > 2024 })),
    );
    const svg = smallMultiplesChart(rows, { id: 'panels', title: '图7', yLabel: '人', columns: 2 }, createChartDocument());
    await expectClearAxes(svg, 1);
  });
});
