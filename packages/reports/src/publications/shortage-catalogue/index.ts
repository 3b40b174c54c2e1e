import type { Block, Column, Publication, Row, Section } from '../../document/types.js';
import {
  catalogueYear,
  FORMAT,
  labourIssuer,
  occupationMajorGroups,
  persons,
  personsInText,
  round,
  source,
  wholeRegion,
  type PublicationContext,
} from '../context.js';
import { dataSourcesSection } from '../data-sources.js';
import { OCCUPATION_COLUMNS as C } from '../occupation-columns.js';
import { methodologyItems, shortageTerms, staffingChangeTerms } from '../methodology.js';
import { occupationIndustries, typicalCities } from '../projection-queries.js';
import { chartWithTable } from '../../document/chart-with-table.js';
import { catalogueEntries, countyVacancies } from './queries.js';

/**
 * Print widths (percent of the table) of the catalogue's columns: the 职业定义 takes what the others leave.
 * Names of places are lists that wrap only between names; the level is one short word.
 */
const WIDTHS = { rank: 5.5, name: 10, code: 9.5, level: 8.5, places: 15, previous: 5.5, industries: 19 };
/** Print width of each figure of the indicators table: a four-character header (岗位需求) on one line. */
const FIGURE_WIDTH = 9;
/** What the indicators table prints for a growth the warehouse leaves unknown (NULL). */
const UNKNOWN_GROWTH = '—';

/** 紧缺型职业（工种）目录 for the year after the report year: the 最缺工 column set plus the indicators behind each level. */
export async function buildShortageCatalogue(ctx: PublicationContext): Promise<Publication> {
  const { region, rules } = ctx;
  const next = catalogueYear(ctx);
  const whole = wholeRegion(region);
  const rule = rules.shortageCatalogue;
  const listed = await catalogueEntries(ctx, next);
  // The catalogue in force the year before, as this vintage and rule give it: 新进 is what it lacks.
  const previous = new Map((await catalogueEntries(ctx, next - 1)).map((o, i) => [o.code, i + 1]));
  const codes = listed.map((o) => o.code);
  const places = region.level === '省' ? await cityPlaces(ctx, next, codes) : await countyPlaces(ctx, codes);
  const industries = await occupationIndustries(ctx, next, codes, rule.industriesPerOccupation);
  const majorGroups = await occupationMajorGroups(ctx.conn);

  const rows: Row[] = listed.map((o, i) => ({
    key: o.code,
    cells: {
      rank: String(i + 1),
      name: o.name,
      code: o.code,
      definition: o.definition || '—',
      level: o.level,
      ...(places.column ? { [places.column.key]: places.names.get(o.code)?.join('、') || '—' } : {}),
      previous: previous.has(o.code) ? String(previous.get(o.code)) : '新进',
      // Industry names hold 、 themselves (酒、饮料和精制茶制造业): a semicolon keeps the list readable.
      industries: (industries.get(o.code) ?? []).join('；') || '—',
    },
  }));
  const indicatorRows: Row[] = listed.map((o, i) => ({
    key: o.code,
    cells: {
      rank: String(i + 1),
      name: o.name,
      demand: persons(o.demand),
      supply: persons(o.supply),
      gap: persons(o.gap),
      ratio: round(o.ratio, 2),
      postingGrowth: o.postingGrowth === null ? UNKNOWN_GROWTH : round(o.postingGrowth * 100, 1),
      payGrowth: o.payGrowth === null ? UNKNOWN_GROWTH : round(o.payGrowth * 100, 1),
      listed: round(o.listedShare === null ? null : o.listedShare * 100, 0),
      index: round(o.index, 3),
    },
  }));
  const byGroup = new Map<string, number>();
  for (const o of listed) byGroup.set(o.code.slice(0, 1), (byGroup.get(o.code.slice(0, 1)) ?? 0) + 1);
  const groupRows: Row[] = [...byGroup.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([g, n]) => ({ key: g, cells: { group: majorGroups.get(g) ?? g, n, share: round((n / listed.length) * 100, 1) } }));
  const acute = listed.filter((o) => o.level === '紧缺').length;
  const fresh = listed.filter((o) => !previous.has(o.code)).length;
  const growthUnknown = listed.some((o) => o.postingGrowth === null || o.payGrowth === null);

  const sections: Section[] = [
    {
      id: 'notes',
      title: '编制说明',
      blocks: [
        {
          kind: 'paragraph',
          text: `为引导职业技能培训、人才引进和院校专业设置，依据${whole}各职业${next}年人才需求与供给预测、网络招聘岗位和薪酬变化以及公共就业服务机构缺工排行，编制本目录。${rule.description}目录有效期一年。`,
        },
        ...(places.paragraph ? [places.paragraph] : []),
        {
          kind: 'methodology',
          items: [
            ...(await shortageTerms(ctx.conn)),
            ...methodologyItems(['openings', 'supply', 'ratio']),
            ...(await staffingChangeTerms(ctx.conn)),
          ],
        },
      ],
    },
    {
      id: 'features',
      title: '本期目录特点',
      blocks: [
        {
          kind: 'paragraph',
          text: `本期目录共收录${listed.length}个职业（工种），其中紧缺程度为“紧缺”的${acute}个、“较紧缺”的${listed.length - acute}个；与按同一规则测算的${next - 1}年目录相比，新进目录的${fresh}个。所列职业${next}年预测岗位需求合计约${personsInText(listed.reduce((s, o) => s + o.demand, 0))}人，供需缺口合计约${personsInText(listed.reduce((s, o) => s + o.gap, 0))}人。`,
          source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${next}年`),
        },
        ...chartWithTable(
          'groups',
          '目录职业按职业大类分布',
          { type: 'bars', category: 'group', values: ['n'], orientation: 'horizontal', keepOrder: true },
          {
            columns: [
              { key: 'group', header: '职业大类', format: FORMAT.text, measure: 'other' },
              { key: 'n', header: '职业个数', unit: '个', format: FORMAT.int, measure: 'other' },
              { key: 'share', header: '占比', unit: '%', format: FORMAT.pct1, measure: 'other' },
            ],
            rows: groupRows,
            source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${next}年`),
          },
        ),
      ],
    },
    {
      id: 'catalogue',
      title: '紧缺型职业（工种）目录',
      blocks: [
        {
          kind: 'table',
          id: 'catalogue-table',
          caption: `${next}年${region.name}紧缺型职业（工种）目录`,
          columns: [
            { ...C.rank, width: WIDTHS.rank, wrap: 'none' },
            { ...C.name, width: WIDTHS.name },
            { ...C.code, width: WIDTHS.code },
            { key: 'definition', header: '职业定义', format: FORMAT.text, measure: 'other' },
            { ...C.level, width: WIDTHS.level, wrap: 'none' },
            ...(places.column ? [places.column] : []),
            { key: 'previous', header: '上期目录序号', format: FORMAT.text, measure: 'other', width: WIDTHS.previous },
            {
              key: 'industries',
              header: '主要需求行业',
              format: FORMAT.text,
              measure: 'other',
              // Without a place column the industries, three long names, take half its width.
              width: WIDTHS.industries + (places.column ? 0 : WIDTHS.places / 2),
            },
          ],
          rows,
          small: true,
          notes: [
            { id: 'codes', text: '职业名称、代码和定义依据《中华人民共和国职业分类大典（2022年版）》。' },
            {
              id: 'rank',
              text: `序号按预测供需缺口由大到小排列；上期目录序号为该职业在按同一规则测算的${next - 1}年目录中的序号，“新进”表示未列入该目录。`,
            },
            {
              id: 'industries',
              text: `主要需求行业为${next}年预测岗位需求最多的国民经济行业大类，至多${rule.industriesPerOccupation}个，以“；”分隔。`,
            },
          ],
          source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${next}年`),
        },
      ],
    },
    {
      id: 'indicators',
      title: '附：紧缺程度的依据',
      blocks: [
        {
          kind: 'table',
          id: 'indicators-table',
          caption: '目录职业的供需指标',
          // The name takes what the figures leave.
          columns: [
            { ...C.rank, width: WIDTHS.rank, wrap: 'none' },
            C.name,
            { ...C.demand, width: FIGURE_WIDTH },
            { ...C.supply, width: FIGURE_WIDTH },
            { ...C.gap, width: FIGURE_WIDTH },
            { ...C.ratio, width: FIGURE_WIDTH + 1 }, // 需求供给比: five characters
            { key: 'postingGrowth', header: '招聘岗位增长', unit: '%', format: FORMAT.pct1, measure: 'other', width: FIGURE_WIDTH },
            { key: 'payGrowth', header: '招聘薪酬增长', unit: '%', format: FORMAT.pct1, measure: 'other', width: FIGURE_WIDTH },
            {
              key: 'listed',
              header: '列入缺工排行季度占比',
              unit: '%',
              format: { kind: 'percent', digits: 0 },
              measure: 'other',
              width: FIGURE_WIDTH,
            },
            { key: 'index', header: '紧缺指数', format: FORMAT.dec3, measure: 'other', width: FIGURE_WIDTH },
          ],
          rows: indicatorRows,
          ...(growthUnknown ? { notes: [{ id: 'growth', text: `“${UNKNOWN_GROWTH}”表示上年或本年招聘岗位过少，不计算增长。` }] } : {}),
          source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${next}年`),
        },
      ],
    },
    await dataSourcesSection(ctx),
  ];
  return {
    id: `shortage-catalogue-${region.code}-${next}`,
    title: `${region.name}紧缺型职业（工种）目录（${next}年）`,
    subtitle: { region: { code: region.code, name: region.name }, year: next, issuer: labourIssuer(region), issued: ctx.issued },
    runId: ctx.runId,
    sections,
  };
}

/** Where in the region each occupation's demand is: the column naming the places, and how 编制说明 defines it. */
interface Places {
  /** Absent when the data cannot tell (a city whose postings seldom name a county). */
  column?: Column;
  names: Map<string, string[]>;
  paragraph?: Block;
}

/** A province's catalogue: the cities with the largest projected gaps (rules.typicalCities). */
async function cityPlaces(ctx: PublicationContext, year: number, codes: readonly string[]): Promise<Places> {
  return {
    column: { key: 'cities', header: '需求典型城市', format: FORMAT.text, measure: 'other', width: WIDTHS.places, wrap: 'list' },
    names: await typicalCities(ctx, year, codes),
    paragraph: { kind: 'paragraph', text: ctx.rules.typicalCities.description },
  };
}

/**
 * A city's catalogue: the counties and districts holding most of each occupation's vacancies. The projection
 * stops at the city, so only the postings coded to a county tell where in it an occupation is hired; when too
 * few do, the catalogue prints no such column and says why.
 */
async function countyPlaces(ctx: PublicationContext, codes: readonly string[]): Promise<Places> {
  const rule = ctx.rules.typicalCounties;
  const to = ctx.year;
  const from = to - rule.years + 1;
  const count = ctx.rules.typicalCities.count;
  const vacancies = await countyVacancies(ctx, codes, from, to);
  const names = new Map<string, string[]>();
  for (const code of codes) {
    const named = (vacancies.get(code) ?? []).filter((v) => v.vacancies >= rule.minPostings).map((v) => v.name);
    if (named.length) names.set(code, named.slice(0, count));
  }
  if (!codes.length) return { names };
  const years = `${from}—${to}年`;
  const where = source(ctx, 'core.job_posting_codes', `${ctx.region.name}各区县，${years}`);
  if (names.size >= rule.minCoverage * codes.length)
    return {
      column: { key: 'counties', header: '需求典型区县', format: FORMAT.text, measure: 'other', width: WIDTHS.places, wrap: 'list' },
      names,
      paragraph: {
        kind: 'paragraph',
        text: `需求典型区县：${years}网络招聘岗位中注明所在区县的，该职业岗位最多的区县，至多${count}个，按岗位数由多到少排列（重复发布的岗位只计一次）；不足${rule.minPostings}个岗位的区县不列，各区县均不足的记为“—”。`,
        source: where,
      },
    };
  return {
    names,
    paragraph: {
      kind: 'paragraph',
      text: `本目录不列需求典型区县：${years}网络招聘岗位中注明${ctx.region.name}所在区县的，目录所列${codes.length}个职业中${names.size ? `仅${names.size}个` : '没有一个'}在某一区县有不少于${rule.minPostings}个岗位，不足以说明各职业的需求集中在哪些区县。`,
      source: where,
    },
  };
}
