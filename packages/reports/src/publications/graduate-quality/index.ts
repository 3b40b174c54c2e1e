import type { DisclosedCells } from '../../disclosure/disclosed-cells.js';
import type { Publication, Row, Section } from '../../document/types.js';
import { FORMAT, educationIssuer, provinceWord, round, source, wholeRegion, type PublicationContext } from '../context.js';
import { dataSourcesSection } from '../data-sources.js';
import { methodologyItems } from '../methodology.js';
import { earlierCohorts, ratedMajors } from './counts.js';
import { placementRate } from './placement-rate.js';
import { cohortRows, prefaceSection, trendsSection } from './sections.js';
import { majorCards } from './major-cards.js';
import { basicsSection, cityScope, levelsOf, provinceScope, qualitySection, sourceOf } from './scope.js';
import type { GraduateData } from './queries.js';
import { chartWithTable } from '../../document/chart-with-table.js';
import { GRADUATE_COLUMNS as G, PERCENT } from './columns.js';

/** 毕业生就业质量年度报告 of the province: every school of the cohort, in the standard sections. */
export async function buildGraduateQuality(ctx: PublicationContext, data: GraduateData, cells: DisclosedCells): Promise<Publication> {
  const { region, rules } = ctx;
  const cohort = data.cohort;
  const whole = wholeRegion(region);
  const model = 'core.graduate_outcome';
  const detail = `${cohort}届`;
  const scope = provinceScope(ctx, data);

  // Trends over recent cohorts.
  const trendRows = cohortRows(data, cells, {}, (c, at) => ({
    study: cells.share(['cohort_study', at], ['cohort_grad', at], 1),
    salary: c.salary === null ? null : cells.mean(c.salary, c.salaryN),
  }));

  // 红/黄/绿牌.
  const rated = ratedMajors(data, rules);
  const cards = majorCards(rated, rules.majorCards);
  const carded = rated
    .filter((m) => cards.get(m.key)?.card)
    .sort((a, b) => order(cards.get(a.key)!.card) - order(cards.get(b.key)!.card) || b.unemployed - a.unemployed);
  const cardRows: Row[] = carded.map((m) => ({
    key: m.key,
    cells: {
      card: cards.get(m.key)!.card!,
      major: m.name,
      code: m.code,
      level: m.level,
      graduates: cells.count('major_grad', { major: m.key }),
      unemployed: cells.count('major_unemployed', { major: m.key }),
      rate: cells.share(['major_placed', { major: m.key }], ['major_grad', { major: m.key }], 1),
      salary: m.salary === null ? null : cells.mean(m.salary, m.graduates),
      composite: round(cards.get(m.key)!.composite, 2),
    },
  }));
  const red = carded.filter((m) => cards.get(m.key)!.card === '红牌');
  const green = carded.filter((m) => cards.get(m.key)!.card === '绿牌');
  const names = (list: typeof carded) =>
    list
      .slice(0, 5)
      .map((m) => `${m.name}（${m.level}）`)
      .join('、') || '无';

  const sections: Section[] = [
    prefaceSection('各院校', whole, cohort, `本报告覆盖${data.schools.length}所院校。`),
    basicsSection(ctx, data, cells, scope),
    qualitySection(ctx, cohort, cells, scope),
    trendsSection(
      '近几届毕业生规模、落实率、升学率和月均收入',
      [{ key: 'study', header: '升学率', unit: '%', format: PERCENT, measure: 'share' }, G.salary],
      trendRows,
      sourceOf(ctx, scope, model, `${data.cohorts[0]?.year}—${cohort}`),
    ),
    {
      id: 'feedback',
      title: '对教育教学的反馈',
      blocks: [
        { kind: 'paragraph', text: rules.majorCards.description },
        {
          kind: 'paragraph',
          text: `招生计划：红牌专业${red.length}个（${names(red)}），建议相关院校控制或调减招生计划，并逐年跟踪其毕业去向落实率；绿牌专业${green.length}个（${names(green)}），可在办学条件允许时适度扩大招生。专业设置与人才培养：黄牌专业${carded.length - red.length - green.length}个，建议院校结合紧缺型职业（工种）目录调整课程和实训内容。`,
          source: source(ctx, model, detail),
        },
        {
          kind: 'table',
          id: 'cards-table',
          caption: `${cohort}届红牌、黄牌、绿牌专业`,
          columns: [
            { key: 'card', header: '类别', format: FORMAT.text, measure: 'other' },
            G.major,
            G.majorCode,
            G.level,
            G.graduates,
            { key: 'unemployed', header: '待就业人数', unit: '人', format: FORMAT.int, measure: 'count' },
            G.rate,
            G.salary,
            { key: 'composite', header: '综合指标', format: FORMAT.dec2, measure: 'other' },
          ],
          rows: cardRows,
          notes: [
            {
              id: 'scope',
              text: `同一专业在${whole}各院校的合计；毕业生不足${rules.majorCards.minGraduates}人的专业不评。`,
            },
          ],
          source: source(ctx, model, detail),
        },
      ],
    },
    await dataSourcesSection(ctx),
  ];
  return {
    id: `graduate-quality-${region.code}-${cohort}`,
    title: `${region.name}${cohort}届毕业生就业质量年度报告`,
    subtitle: { region: { code: region.code, name: region.name }, year: cohort, issuer: educationIssuer(region), issued: ctx.issued },
    runId: ctx.runId,
    sections,
  };
}

/**
 * The city edition: the schools located in the city, in the province report's 基本情况 and 就业质量
 * sections ({@link cityScope}), then the graduates of the province's schools who took work in the
 * city, by school level. A city no school of the cohort lies in has the latter alone.
 */
export async function buildCityGraduates(ctx: PublicationContext, data: GraduateData, cells: DisclosedCells): Promise<Publication> {
  const { region } = ctx;
  const cohort = data.cohort;
  const scope = cityScope(ctx, data, region);
  const levels = levelsOf(data.schools);
  const rows: Row[] = [
    ...levels.map((l) => ({
      key: l,
      cells: {
        level: l,
        n: cells.count('flow', { level: l, place: region.code }),
        share: cells.share(['flow', { level: l, place: region.code }], ['flow', { place: region.code }], 1),
      },
    })),
    {
      key: 'total',
      total: true,
      cells: {
        level: '合计',
        n: cells.count('flow', { place: region.code }),
        share: 100,
      },
    },
  ];
  const inflow: Section = {
    id: 'inflow',
    title: '在本市就业的毕业生',
    blocks: [
      ...chartWithTable(
        'inflow',
        `${cohort}届在${region.name}就业的毕业生按办学层次分布`,
        { type: 'bars', category: 'level', values: ['n'], orientation: 'vertical', keepOrder: true },
        {
          caption: `${cohort}届在${region.name}就业的毕业生`,
          columns: [G.level, G.n, G.share],
          rows,
          source: source(ctx, 'core.graduate_region', `${cohort}届`),
        },
      ),
    ],
  };
  const sections: Section[] = scope
    ? [
        prefaceSection(
          `${provinceWord(ctx.province)}内各院校`,
          region.name,
          cohort,
          `本报告覆盖位于${region.name}的${scope.schools.length}所院校，并统计${provinceWord(ctx.province)}内各院校毕业生在${region.name}就业的情况。`,
        ),
        basicsSection(ctx, data, cells, scope),
        qualitySection(ctx, cohort, cells, scope),
        trendsSection(
          `位于${region.name}的${cohort}届报送院校近几届毕业生规模和落实率`,
          [],
          cityCohortRows(data, cells, scope.at),
          sourceOf(ctx, scope, 'core.graduate_outcome', `${data.cohorts[0]?.year}—${cohort}`),
        ),
        inflow,
      ]
    : [
        {
          id: 'preface',
          title: '前言',
          blocks: [
            {
              kind: 'paragraph',
              text: `本报告统计${cohort}届${provinceWord(ctx.province)}内院校毕业生在${region.name}就业的情况。${
                data.schools.some((s) => s.cityCode !== null) ? `${region.name}无报送${cohort}届毕业去向的院校` : '院校所在地未入库'
              }，各院校的毕业去向、月收入等指标见${wholeRegion(ctx.province)}报告。`,
            },
            { kind: 'methodology', items: methodologyItems(['disclosure']) },
          ],
        },
        inflow,
      ];
  sections.push(await dataSourcesSection(ctx));
  return {
    id: `graduate-quality-${region.code}-${cohort}`,
    // Without schools of its own the report is the inflow table alone. (The flows count every school
    // level of the returns, 中职 too: not 高校 only.)
    title: scope ? `${region.name}${cohort}届毕业生就业质量年度报告` : `${region.name}${cohort}届院校毕业生在本市就业情况`,
    subtitle: { region: { code: region.code, name: region.name }, year: cohort, issuer: educationIssuer(region), issued: ctx.issued },
    runId: ctx.runId,
    sections,
  };
}

/** A city's trend: its earlier cohorts' own cells, then the newest as its 去向 table prints it (the sum of the 去向). */
function cityCohortRows(data: GraduateData, cells: DisclosedCells, at: Record<string, string>): Row[] {
  return [
    ...cohortRows({ ...data, cohorts: earlierCohorts(data) }, cells, at),
    {
      key: String(data.cohort),
      cells: { cohort: `${data.cohort}届`, graduates: cells.count('grad', at), rate: placementRate(cells, at) },
    },
  ];
}

function order(card: string | null): number {
  return card === '红牌' ? 0 : card === '黄牌' ? 1 : 2;
}
