import type { DisclosedCells } from '../../disclosure/disclosed-cells.js';
import type { Cell, Column, Publication, Row, Section } from '../../document/types.js';
import { FORMAT, educationIssuer, round, wholeRegion, type PublicationContext } from '../context.js';
import { dataSourcesSection } from '../data-sources.js';
import { methodologyItems } from '../methodology.js';
import { levelCode, OUTSIDE, ratedMajors } from './counts.js';
import { destinationsSection, flowsSection, prefaceSection, trendsSection } from './sections.js';
import { majorCards } from './major-cards.js';
import { placementRate } from './placement-rate.js';
import { SCHOOL_REPORT_OMITTED, schoolsWithReports } from './school-report.js';
import { DESTINATION_GROUPS, SCHOOL_LEVELS, type GraduateData } from './queries.js';
import { chartWithTable } from '../../document/chart-with-table.js';
import { GRADUATE_COLUMNS as G, PERCENT } from './columns.js';

function src(ctx: PublicationContext, model: string, detail: string) {
  return { model, runId: ctx.runId, detail };
}

function levelsOf(data: GraduateData): string[] {
  const present = new Set(data.schools.map((s) => s.level));
  return [...SCHOOL_LEVELS.filter((l) => present.has(l)), ...[...present].filter((l) => !(SCHOOL_LEVELS as readonly string[]).includes(l))];
}

/** 毕业生就业质量年度报告 of the province: every school of the cohort, in the standard sections. */
export async function buildGraduateQuality(ctx: PublicationContext, data: GraduateData, cells: DisclosedCells): Promise<Publication> {
  const { region, rules } = ctx;
  const cohort = data.cohort;
  const whole = wholeRegion(region);
  const levels = levelsOf(data);
  const model = 'core.graduate_outcome';
  const detail = `${cohort}届`;
  const total = cells.count('grad', {});
  const totalPlaced = placementRate(cells, {});

  // 规模与结构 and 落实率 by level.
  const levelRows: Row[] = [
    ...levels.map((l) => ({
      key: l,
      cells: {
        label: l,
        graduates: cells.count('grad', { school: levelCode(l) }),
        share: cells.share(['grad', { school: levelCode(l) }], ['grad', {}], 1),
        rate: placementRate(cells, { school: levelCode(l) }),
      },
    })),
    { key: 'total', total: true, cells: { label: '合计', graduates: total, share: 100, rate: totalPlaced } },
  ];
  const levelColumns: Column[] = [
    { key: 'label', header: '办学层次', format: FORMAT.text, measure: 'other' },
    G.graduates,
    { key: 'share', header: '占比', unit: '%', format: PERCENT, measure: 'share' },
    G.placementRate,
  ];

  // Schools: graduates by 去向 and 落实率.
  const schoolRows: Row[] = levels.flatMap((l) =>
    data.schools
      .filter((s) => s.level === l)
      .map((s) => ({
        key: s.code,
        cells: {
          school: s.name,
          level: s.level,
          graduates: cells.count('grad', { school: s.code }),
          ...Object.fromEntries(
            DESTINATION_GROUPS.map((g) => [g.key, cells.count('grad', { school: s.code, group: g.key })] as [string, Cell]),
          ),
          rate: placementRate(cells, { school: s.code }),
        },
      })),
  );
  const schoolColumns: Column[] = [
    { key: 'school', header: '学校', format: FORMAT.text, measure: 'other' },
    G.level,
    { key: 'graduates', header: '毕业生数', format: FORMAT.int, measure: 'count' },
    ...DESTINATION_GROUPS.map((g): Column => ({ key: g.key, header: g.name, group: '毕业去向分类', format: FORMAT.int, measure: 'count' })),
    G.rate,
  ];

  const places = [...ctx.cities.map((c) => ({ code: c.code, name: c.name })), { code: OUTSIDE, name: '区外' }];

  // 月收入, 专业相关度, 满意度 by level: graduate-weighted means, withheld on small groups.
  const qualityRows: Row[] = levels.map((l) => {
    const q = data.quality.find((x) => x.level === l);
    const n = q?.n ?? 0;
    return {
      key: l,
      cells: {
        level: l,
        salary: q?.salary == null ? null : cells.mean(q.salary, n),
        relevance: q?.relevance == null ? null : cells.mean(q.relevance * 100, n, 1),
        satisfaction: q?.satisfaction == null ? null : cells.mean(q.satisfaction * 100, n, 1),
      },
    };
  });

  // Trends over recent cohorts.
  const trendRows: Row[] = data.cohorts.map((c) => {
    const at = { cohort: String(c.year) };
    return {
      key: String(c.year),
      cells: {
        cohort: `${c.year}届`,
        graduates: cells.count('cohort_grad', at),
        rate: cells.share(['cohort_placed', at], ['cohort_grad', at], 1),
        study: cells.share(['cohort_study', at], ['cohort_grad', at], 1),
        salary: c.salary === null ? null : cells.mean(c.salary, c.salaryN),
      },
    };
  });

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
    {
      id: 'basics',
      title: '毕业生就业基本情况',
      blocks: [],
      sections: [
        {
          id: 'scale',
          title: '规模与结构',
          blocks: [
            ...chartWithTable(
              'levels',
              `${cohort}届毕业生按办学层次分布`,
              { type: 'bars', category: 'label', values: ['graduates'], orientation: 'vertical', keepOrder: true },
              {
                caption: `${cohort}届毕业生规模与毕业去向落实率`,
                columns: levelColumns,
                rows: levelRows,
                source: src(ctx, model, detail),
              },
            ),
          ],
        },
        destinationsSection(cells, {}, cohort, src(ctx, model, detail), data.unreported),
        {
          id: 'schools',
          title: '各院校毕业去向落实情况',
          blocks: [
            { kind: 'paragraph', text: schoolReportsNote(data, rules) },
            {
              kind: 'table',
              id: 'schools-table',
              caption: `${cohort}届各院校毕业生毕业去向`,
              unit: '人',
              columns: schoolColumns,
              rows: schoolRows,
              source: src(ctx, model, detail),
            },
          ],
        },
        flowsSection(cells, {}, cohort, places, data.industries, {
          region: src(ctx, 'core.graduate_region', detail),
          industry: src(ctx, 'core.graduate_industry', detail),
        }),
      ],
    },
    {
      id: 'quality',
      title: '就业质量分析',
      blocks: [
        ...chartWithTable(
          'quality',
          `${cohort}届毕业生月均收入`,
          { type: 'bars', category: 'level', values: ['salary'], orientation: 'vertical', keepOrder: true },
          {
            caption: `${cohort}届毕业生月均收入、专业相关度和就业满意度`,
            columns: [G.level, G.salary, G.relevance, G.satisfaction],
            rows: qualityRows,
            notes: [{ id: 'weights', text: '各指标为各院校专业报送值按毕业生数加权的平均数。' }],
            source: src(ctx, model, detail),
          },
        ),
      ],
    },
    trendsSection(
      '近几届毕业生规模、落实率、升学率和月均收入',
      [{ key: 'study', header: '升学率', unit: '%', format: PERCENT, measure: 'share' }, G.salary],
      trendRows,
      src(ctx, model, `${data.cohorts[0]?.year}—${cohort}届`),
    ),
    {
      id: 'feedback',
      title: '对教育教学的反馈',
      blocks: [
        { kind: 'paragraph', text: rules.majorCards.description },
        {
          kind: 'paragraph',
          text: `招生计划：红牌专业${red.length}个（${names(red)}），建议相关院校控制或调减招生计划，并逐年跟踪其毕业去向落实率；绿牌专业${green.length}个（${names(green)}），可在办学条件允许时适度扩大招生。专业设置与人才培养：黄牌专业${carded.length - red.length - green.length}个，建议院校结合紧缺型职业（工种）目录调整课程和实训内容。`,
          source: src(ctx, model, detail),
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
          notes: [{ id: 'scope', text: `同一专业在全区各院校的合计；毕业生不足${rules.majorCards.minGraduates}人的专业不评。` }],
          source: src(ctx, model, detail),
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

/** The city edition: graduates of the province's schools who took work in the city, by school level. */
export async function buildCityGraduates(ctx: PublicationContext, data: GraduateData, cells: DisclosedCells): Promise<Publication> {
  const { region } = ctx;
  const cohort = data.cohort;
  const levels = levelsOf(data);
  const locatedSchools = data.schools.filter((s) => s.cityCode === region.code);
  const located = schoolsWithReports({ ...data, schools: locatedSchools }, ctx.rules).length;
  const omitted = locatedSchools.length - located;
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
  const sections: Section[] = [
    {
      id: 'preface',
      title: '前言',
      blocks: [
        {
          kind: 'paragraph',
          text: `本报告统计${cohort}届区内院校毕业生在${region.name}就业的情况。${
            located > 0
              ? `位于${region.name}的${located}所院校各有本校的毕业生就业质量年度报告，与本报告一并发布（见报告目录）${omitted > 0 ? `；另有${omitted}所院校${SCHOOL_REPORT_OMITTED}` : ''}。`
              : '院校所在地未入库，各院校的毕业去向、月收入等指标见全区报告。'
          }`,
        },
        { kind: 'methodology', items: methodologyItems(['disclosure']) },
      ],
    },
    {
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
            source: src(ctx, 'core.graduate_region', `${cohort}届`),
          },
        ),
      ],
    },
    await dataSourcesSection(ctx),
  ];
  return {
    id: `graduate-quality-${region.code}-${cohort}`,
    // The flows count every school level of the returns, 中职 too: not 高校 only.
    title: `${region.name}${cohort}届院校毕业生在本市就业情况`,
    subtitle: { region: { code: region.code, name: region.name }, year: cohort, issuer: educationIssuer(region), issued: ctx.issued },
    runId: ctx.runId,
    sections,
  };
}

/** What the by-school table's section says of the school reports: how many, and who has none. */
function schoolReportsNote(data: GraduateData, rules: PublicationContext['rules']): string {
  const reported = new Set(schoolsWithReports(data, rules).map((s) => s.code));
  const omitted = data.schools.filter((s) => !reported.has(s.code));
  return `下表列出${data.schools.length}所院校的毕业去向；其中${reported.size}所院校另有本校的毕业生就业质量年度报告，与本报告一并发布（见报告目录）${
    omitted.length > 0 ? `；${omitted.length}所院校（当届毕业生不足${rules.schoolReports.minGraduates}人）${SCHOOL_REPORT_OMITTED}` : ''
  }。`;
}

function order(card: string | null): number {
  return card === '红牌' ? 0 : card === '黄牌' ? 1 : 2;
}
