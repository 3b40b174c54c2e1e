import { sqlLiteral } from '@talent/models';
import type { Publication, Row, Section } from '../../document/types.js';
import {
  catalogueYear,
  FORMAT,
  labourIssuer,
  occupationMajorGroups,
  persons,
  round,
  source,
  wholeRegion,
  type PublicationContext,
} from '../context.js';
import { dataSourcesSection } from '../data-sources.js';
import { OCCUPATION_COLUMNS as C } from '../occupation-columns.js';
import { methodologyItems, shortageTerms, staffingChangeTerms } from '../methodology.js';
import { occupationIndustries, occupationShortages, typicalCities } from '../projection-queries.js';
import { chartWithTable } from '../../document/chart-with-table.js';

/** 紧缺型职业（工种）目录 for the year after the report year: the 最缺工 column set plus the indicators behind each level. */
export async function buildShortageCatalogue(ctx: PublicationContext): Promise<Publication> {
  const { region, rules } = ctx;
  const next = catalogueYear(ctx);
  const whole = wholeRegion(region);
  const rule = rules.shortageCatalogue;
  const levels = rule.levels.map(sqlLiteral).join(', ');
  const listed = await occupationShortages(ctx, next, `s.gap > 0 AND s.shortage_level IN (${levels})`, rule.maxEntries);
  const codes = listed.map((o) => o.code);
  const cities = await typicalCities(ctx, next, codes);
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
      cities: (cities.get(o.code) ?? []).join('、') || '—',
      previous: o.previousRank === null ? '新进' : String(o.previousRank),
      industries: (industries.get(o.code) ?? []).join('、') || '—',
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
      postingGrowth: round(o.postingGrowth === null ? null : o.postingGrowth * 100, 1),
      payGrowth: round(o.payGrowth === null ? null : o.payGrowth * 100, 1),
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
  const fresh = listed.filter((o) => o.previousRank === null || o.previousRank > rule.maxEntries).length;

  const sections: Section[] = [
    {
      id: 'notes',
      title: '编制说明',
      blocks: [
        {
          kind: 'paragraph',
          text: `为引导职业技能培训、人才引进和院校专业设置，依据${whole}各职业${next}年人才需求与供给预测、网络招聘岗位和薪酬变化以及公共就业服务机构缺工排行，编制本目录。${rule.description}目录有效期一年。`,
        },
        { kind: 'paragraph', text: rules.typicalCities.description },
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
          text: `本期目录共收录${listed.length}个职业（工种），其中紧缺程度为“紧缺”的${acute}个、“较紧缺”的${listed.length - acute}个；新进目录的${fresh}个。所列职业${next}年预测岗位需求合计约${persons(listed.reduce((s, o) => s + o.demand, 0))}人，供需缺口合计约${persons(listed.reduce((s, o) => s + o.gap, 0))}人。`,
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
            C.rank,
            C.name,
            C.code,
            { key: 'definition', header: '职业定义', format: FORMAT.text, measure: 'other' },
            C.level,
            { key: 'cities', header: '需求典型城市', format: FORMAT.text, measure: 'other' },
            C.previous,
            { key: 'industries', header: '主要需求行业', format: FORMAT.text, measure: 'other' },
          ],
          rows,
          notes: [
            { id: 'codes', text: '职业名称、代码和定义依据《中华人民共和国职业分类大典（2022年版）》。' },
            { id: 'rank', text: '序号按预测供需缺口由大到小排列；上期排位为上一年度在全部职业中的缺口排位，“新进”表示上一年度无排位。' },
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
          columns: [
            C.rank,
            C.name,
            C.demand,
            C.supply,
            C.gap,
            C.ratio,
            { key: 'postingGrowth', header: '招聘岗位增长', unit: '%', format: FORMAT.pct1, measure: 'other' },
            { key: 'payGrowth', header: '招聘薪酬增长', unit: '%', format: FORMAT.pct1, measure: 'other' },
            { key: 'listed', header: '列入缺工排行季度占比', unit: '%', format: { kind: 'percent', digits: 0 }, measure: 'other' },
            { key: 'index', header: '紧缺指数', format: FORMAT.dec3, measure: 'other' },
          ],
          rows: indicatorRows,
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
