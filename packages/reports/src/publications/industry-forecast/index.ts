import type { Cell, Column, Publication, Row, Section } from '../../document/types.js';
import { FORMAT, labourIssuer, persons, personsInText, round, source, wholeRegion, yearName, type PublicationContext } from '../context.js';
import { FAN_HISTORY_YEARS, fanBlocks } from '../fan-table.js';
import { groupTrends } from '../projection-queries.js';
import { EMPLOYMENT_ESTIMATE_NOTE, ESTIMATE_NOTE, methodologyItems } from '../methodology.js';
import { dataSourcesSection } from '../data-sources.js';
import { chartWithTable } from '../../document/chart-with-table.js';

/** The verb of a projected level: 增至 above the base year's, 降至 below it, 保持在 within half a percent of it. */
export function towards(from: number | null | undefined, to: number | null | undefined): string {
  if (from == null || to == null || from === 0) return '为';
  const change = to / from - 1;
  return change > 0.005 ? '增至' : change < -0.005 ? '降至' : '保持在';
}

/** 行业人才需求预测: for each group of the framework, employment and openings observed and projected. */
export async function buildIndustryForecast(ctx: PublicationContext): Promise<Publication> {
  const { region, year, framework } = ctx;
  const trends = await groupTrends(ctx, year - FAN_HISTORY_YEARS);
  if (!trends.length) throw new Error(`no projection of framework ${framework.id} at ${region.code}`);
  const last = Math.max(...trends[0]!.points.map((p) => p.year));
  const forecastYears = trends[0]!.points.filter((p) => p.isForecast).map((p) => p.year);
  const at = (t: (typeof trends)[number], y: number) => t.points.find((p) => p.year === y);

  const overviewRows: Row[] = trends.map((t) => {
    const now = at(t, year)?.value ?? null;
    const end = at(t, last)?.value ?? null;
    const cagr = now && end ? ((end / now) ** (1 / (last - year)) - 1) * 100 : null;
    const openings = forecastYears.reduce((s, y) => s + (at(t, y)?.openings ?? 0), 0);
    return {
      key: t.groupCode,
      cells: {
        group: t.groupName,
        now: persons(now),
        end: persons(end),
        lo: persons(at(t, last)?.lo),
        hi: persons(at(t, last)?.hi),
        cagr: round(cagr, 1),
        openings: persons(openings),
      },
    };
  });
  const overviewColumns: Column[] = [
    { key: 'group', header: '产业', format: FORMAT.text, measure: 'other' },
    { key: 'now', header: `${year}年就业人员`, format: FORMAT.int, measure: 'other' },
    { key: 'end', header: `${last}年预测`, format: FORMAT.int, measure: 'other' },
    { key: 'lo', header: '下限', group: `${last}年95%预测区间`, format: FORMAT.int, measure: 'other' },
    { key: 'hi', header: '上限', group: `${last}年95%预测区间`, format: FORMAT.int, measure: 'other' },
    { key: 'cagr', header: '年均增长', unit: '%', format: FORMAT.pct1, measure: 'other' },
    { key: 'openings', header: `${forecastYears[0]}—${last}年岗位需求合计`, format: FORMAT.int, measure: 'other' },
  ];
  const smallRows: Row[] = trends.map((t) => ({
    key: t.groupCode,
    cells: Object.fromEntries([
      ['group', t.groupName] as [string, Cell],
      ...t.points.map((p) => [`y${p.year}`, persons(p.value)] as [string, Cell]),
    ]),
  }));
  const years = trends[0]!.points.map((p) => p.year);

  const groupSections: Section[] = trends.map((t) => {
    const demandRows: Row[] = t.points
      .filter((p) => p.openings !== null)
      .map((p) => ({
        key: String(p.year),
        cells: {
          year: yearName(p.year, p.isForecast),
          openings: persons(p.openings),
          expansion: persons(p.expansion),
          replacement: persons((p.exits ?? 0) + (p.transfers ?? 0)),
          lo: persons(p.openingsLo),
          hi: persons(p.openingsHi),
        },
      }));
    const next = at(t, forecastYears[0]!);
    return {
      id: `group-${t.groupCode}`,
      title: t.groupName,
      blocks: [
        {
          kind: 'paragraph',
          text: `${t.groupName}${year}年就业人员约${personsInText(at(t, year)?.value)}人，预计${last}年${towards(at(t, year)?.value, at(t, last)?.value)}${personsInText(at(t, last)?.value)}人（95%预测区间${personsInText(at(t, last)?.lo)}—${personsInText(at(t, last)?.hi)}人）；${forecastYears[0]}年岗位需求约${personsInText(next?.openings)}人。`,
          source: source(ctx, 'marts.fct_industry_trend', t.groupName),
        },
        ...fanBlocks(
          ctx,
          `fan-${t.groupCode}`,
          `${t.groupName}就业人员估算值与预测值`,
          t.points,
          'marts.fct_industry_trend',
          `${framework.name}，${t.groupName}`,
          '就业人员（人）',
          { estimated: { note: EMPLOYMENT_ESTIMATE_NOTE } },
        ),
        {
          kind: 'table',
          id: `openings-${t.groupCode}`,
          caption: `${t.groupName}岗位需求构成`,
          unit: '人',
          columns: [
            { key: 'year', header: '年份', format: FORMAT.text, measure: 'other' },
            { key: 'openings', header: '岗位需求', format: FORMAT.int, measure: 'other' },
            { key: 'expansion', header: '扩张需求', format: FORMAT.int, measure: 'other' },
            { key: 'replacement', header: '替补需求', format: FORMAT.int, measure: 'other' },
            { key: 'lo', header: '下限', group: '95%预测区间', format: FORMAT.int, measure: 'other' },
            { key: 'hi', header: '上限', group: '95%预测区间', format: FORMAT.int, measure: 'other' },
          ],
          rows: demandRows,
          notes: [
            { id: 'floor', text: '岗位需求 = 扩张需求（就业人员增减）+ 替补需求（退出和转岗人员的补充）；单元格为负时按0计。' },
            { id: 'estimate', text: ESTIMATE_NOTE },
          ],
          source: source(ctx, 'marts.fct_industry_trend', `${framework.name}，${t.groupName}`),
        },
      ],
    };
  });

  const sections: Section[] = [
    {
      id: 'notes',
      title: '编制说明',
      blocks: [
        {
          kind: 'paragraph',
          text: `本报告按${framework.name}的产业分组，预测${wholeRegion(region)}${forecastYears[0]}—${last}年各产业就业人员和岗位需求。就业人员历史数据来源于统计年鉴城镇单位就业人员（按行业），预测值为模型估计，带有预测区间，不是登记人数。`,
        },
        { kind: 'methodology', items: methodologyItems(['openings', 'estimate', 'interval', 'employment']) },
      ],
    },
    {
      id: 'overview',
      title: '各产业预测概览',
      blocks: [
        ...chartWithTable(
          'groups',
          `${framework.name}各产业就业人员`,
          {
            type: 'small-multiples',
            group: 'group',
            series: years.map((y) => ({ column: `y${y}`, x: y, forecast: y > year })),
            yLabel: '就业人员（人）',
            columns: 3,
          },
          {
            unit: '人',
            columns: [
              { key: 'group', header: '产业', format: FORMAT.text, measure: 'other' },
              ...years.map((y): Column => ({
                key: `y${y}`,
                header: yearName(y, y > year),
                format: FORMAT.int,
                measure: 'other',
              })),
            ],
            rows: smallRows,
            source: source(ctx, 'marts.fct_industry_trend', framework.name),
          },
        ),
        {
          kind: 'table',
          id: 'overview-table',
          caption: `${framework.name}各产业就业人员预测`,
          unit: '人',
          columns: overviewColumns,
          rows: overviewRows,
          notes: [{ id: 'overlap', text: '一个行业可属于多个产业分组，各产业数值不宜相加。' }],
          source: source(ctx, 'marts.fct_industry_trend', framework.name),
        },
      ],
    },
    { id: 'groups', title: '分产业预测', blocks: [], sections: groupSections },
    await dataSourcesSection(ctx),
  ];

  return {
    id: `industry-forecast-${region.code}-${year}`,
    // Named by the years it projects, as a multi-year plan is: the base year would read as the year forecast.
    title: `${region.name}行业人才需求预测（${forecastYears[0]}—${last}年）`,
    subtitle: { region: { code: region.code, name: region.name }, year, issuer: labourIssuer(region), issued: ctx.issued },
    runId: ctx.runId,
    sections,
  };
}
