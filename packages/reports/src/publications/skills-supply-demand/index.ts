import type { Cell, Column, Publication, Row, Section, TableBlock } from '../../document/types.js';
import {
  FORMAT,
  labourIssuer,
  occupationMajorGroups,
  persons,
  personsInText,
  round,
  source,
  wholeRegion,
  yearName,
  type PublicationContext,
} from '../context.js';
import { dataSourcesSection } from '../data-sources.js';
import { OCCUPATION_COLUMNS as C } from '../occupation-columns.js';
import { FAN_HISTORY_YEARS, fanBlocks } from '../fan-table.js';
import { ESTIMATE_NOTE, LEVEL_NOTE, methodologyItems, shortageTerms, staffingChangeTerms } from '../methodology.js';
import { groupGaps, groupTrends, occupationShortages } from '../projection-queries.js';
import { supplyDemandChart, supplyDemandTable, totalRow } from '../totals-table.js';
import {
  gapByOccupationCity,
  registrationsByGroup,
  surpluses,
  totalsByCity,
  totalsByEducation,
  totalsByMajorGroup,
  totalsByYear,
  type RegisteredGroup,
} from './queries.js';
import { chartWithTable } from '../../document/chart-with-table.js';

/** Occupations in the gap ranking (Guangxi's provincial release prints the top twenty). */
const RANKING_SIZE = 20;
/** Occupations in the occupation × city heat map. */
const HEATMAP_SIZE = 12;

/** A year's row label: projected years say so. */
const yearLabel = <T extends { year: number; isForecast: boolean }>(y: T) => ({
  ...y,
  key: String(y.year),
  label: yearName(y.year, y.isForecast),
});

const num = personsInText;

/** 年度技能人才供需信息: totals, the framework's groups, the largest gaps by occupation, education level and city. */
export async function buildSkillsSupplyDemand(ctx: PublicationContext): Promise<Publication> {
  const { region, year, framework } = ctx;
  const next = year + 1;
  const whole = wholeRegion(region);
  const isProvince = region.level === '省';

  const years = await totalsByYear(ctx);
  const thisYear = years.find((y) => y.year === year);
  const nextYear = years.find((y) => y.year === next);
  if (!thisYear || !nextYear) throw new Error(`no projection for ${region.code} in ${year}–${next}`);
  const gapYears = await groupGaps(ctx, year - FAN_HISTORY_YEARS, Math.max(...years.map((y) => y.year)));
  const gaps = gapYears.filter((g) => g.year === next);
  const trends = await groupTrends(ctx, year - FAN_HISTORY_YEARS);
  const ranking = await occupationShortages(ctx, next, 's.gap > 0', RANKING_SIZE);
  const surplus = (await surpluses(ctx, next)).slice(0, 10);
  const previousSurplus = new Map((await surpluses(ctx, year)).map((o, i) => [o.code, i + 1]));
  const education = await totalsByEducation(ctx, next);
  const majorGroupNames = await occupationMajorGroups(ctx.conn);
  const majorGroups = await totalsByMajorGroup(ctx, next, majorGroupNames);
  const registered = await registrationsByGroup(ctx, year);

  const overview: Section = {
    id: 'overview',
    title: '总体情况',
    blocks: [
      {
        kind: 'paragraph',
        text: `${year}年，${whole}各职业岗位需求约${num(thisYear.demand)}人，人才供给约${num(thisYear.supply)}人，需求供给比为${(thisYear.demand / thisYear.supply).toFixed(2)}。预计${next}年岗位需求约${num(nextYear.demand)}人，人才供给约${num(nextYear.supply)}人，供需缺口${num(nextYear.gap)}人；紧缺程度为“紧缺”的职业${nextYear.acute}个。`,
        source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${year}—${next}年`),
      },
      supplyDemandChart('years-chart', `${whole}岗位需求与人才供给`, 'years-table', 'vertical'),
      {
        ...supplyDemandTable(
          ctx,
          'years-table',
          `${whole}岗位需求与人才供给`,
          '年份',
          years.map(yearLabel),
          'marts.fct_occupation_shortage',
          whole,
        ),
        notes: [{ id: 'estimate', text: ESTIMATE_NOTE }],
      },
    ],
  };

  const groupRows = gaps.map((g) => ({ key: g.groupCode, label: g.groupName, demand: g.demand, supply: g.supply, gap: g.gap }));
  const groupSections: Section[] = trends.map((t) => {
    const byYear = gapYears.filter((g) => g.groupCode === t.groupCode).map(yearLabel);
    return {
      id: `group-${t.groupCode}`,
      title: t.groupName,
      blocks: [
        ...fanBlocks(
          ctx,
          `demand-${t.groupCode}`,
          `${t.groupName}岗位需求估算值与预测值`,
          t.points
            .filter((p) => p.openings !== null)
            .map((p) => ({ year: p.year, value: p.openings!, lo: p.openingsLo, hi: p.openingsHi, isForecast: p.isForecast })),
          'marts.fct_industry_trend',
          `${framework.name}，${t.groupName}，岗位需求`,
          '岗位需求（人）',
          { estimated: { note: ESTIMATE_NOTE } },
        ),
        supplyDemandChart(`years-${t.groupCode}-chart`, `${t.groupName}岗位需求与人才供给`, `years-${t.groupCode}-table`, 'vertical'),
        {
          ...supplyDemandTable(
            ctx,
            `years-${t.groupCode}-table`,
            `${t.groupName}岗位需求与人才供给`,
            '年份',
            byYear,
            'marts.fct_talent_gap',
            `${framework.name}，${t.groupName}`,
          ),
          notes: [{ id: 'estimate', text: ESTIMATE_NOTE }],
        },
      ],
    };
  });
  const groups: Section = {
    id: 'groups',
    title: `${framework.name}人才供需`,
    blocks: [
      {
        kind: 'paragraph',
        text: `按${framework.name}分组，${next}年岗位需求最多的是${[...gaps].sort((a, b) => b.demand - a.demand)[0]?.groupName ?? '—'}，供需缺口最大的是${[...gaps].sort((a, b) => b.gap - a.gap)[0]?.groupName ?? '—'}。一个行业可属于多个产业分组，各组数值不宜相加。`,
        source: source(ctx, 'marts.fct_talent_gap', `${framework.name}，${next}年`),
      },
      supplyDemandChart('groups-chart', `${next}年${framework.name}岗位需求与人才供给`, 'groups-table', 'horizontal'),
      supplyDemandTable(
        ctx,
        'groups-table',
        `${next}年${framework.name}岗位需求与人才供给`,
        '产业',
        groupRows,
        'marts.fct_talent_gap',
        `${framework.name}，${next}年`,
      ),
    ],
    sections: groupSections,
  };

  const rankingColumns: Column[] = [C.rank, C.name, C.code, C.demand, C.supply, C.gap, C.ratio, C.level, C.previous];
  const rankingRows = (list: typeof ranking, previous: (o: (typeof ranking)[number]) => string): Row[] =>
    list.map((o, i) => ({
      key: o.code,
      cells: {
        rank: String(i + 1),
        name: o.name,
        code: o.code,
        demand: persons(o.demand),
        supply: persons(o.supply),
        gap: persons(o.gap),
        ratio: round(o.ratio, 2),
        level: o.level,
        previous: previous(o),
      },
    }));
  const occupations: Section = {
    id: 'occupations',
    title: '供需缺口排行',
    blocks: [
      ...chartWithTable(
        'ranking',
        `${next}年需求大于供给缺口最大的前二十个职业`,
        { type: 'bars', category: 'name', values: ['gap'], orientation: 'horizontal', keepOrder: true },
        {
          columns: rankingColumns,
          rows: rankingRows(ranking, (o) => (o.previousRank === null ? '新进' : String(o.previousRank))),
          notes: [
            {
              id: 'codes',
              text: '职业代码和名称依据《中华人民共和国职业分类大典（2022年版）》；上期排位为上一年度全部职业按供需缺口由大到小的排位。',
            },
            { id: 'levels', text: LEVEL_NOTE },
          ],
          source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${next}年`),
        },
      ),
      {
        kind: 'table',
        id: 'surplus-table',
        caption: `${next}年供给大于需求缺口最大的前十个职业`,
        columns: rankingColumns,
        rows: rankingRows(surplus, (o) => String(previousSurplus.get(o.code) ?? '—')),
        notes: [
          {
            id: 'surplus-previous',
            text: '上期排位为上一年度供给大于需求的职业按供需缺口绝对值由大到小的排位；“—”表示该职业上一年度供给不大于需求。',
          },
        ],
        source: source(ctx, 'marts.fct_occupation_shortage', `${whole}，${next}年`),
      },
    ],
    sections: [
      {
        id: 'education',
        title: '分学历层次',
        blocks: [
          supplyDemandChart('education-chart', `${next}年分学历层次岗位需求与人才供给`, 'education-table', 'vertical'),
          supplyDemandTable(
            ctx,
            'education-table',
            `${next}年分学历层次岗位需求与人才供给`,
            '学历层次',
            education,
            'marts.fct_talent_gap',
            `${whole}，${next}年，需求按全部行业大类汇总，人才供给按全部职业汇总`,
            totalRow(education),
          ),
        ],
      },
      {
        id: 'major-groups',
        title: '分职业大类',
        blocks: [
          supplyDemandChart('major-groups-chart', `${next}年分职业大类岗位需求与人才供给`, 'major-groups-table', 'horizontal'),
          supplyDemandTable(
            ctx,
            'major-groups-table',
            `${next}年分职业大类岗位需求与人才供给`,
            '职业大类',
            majorGroups,
            'marts.fct_occupation_shortage',
            `${whole}，${next}年，按《中华人民共和国职业分类大典（2022年版）》大类`,
            totalRow(majorGroups),
          ),
          ...(registered ? [registeredGroupsTable(ctx, year, whole, registered, majorGroupNames)] : []),
        ],
      },
    ],
  };

  if (isProvince) {
    const cities = await totalsByCity(ctx, next);
    const top = ranking.slice(0, HEATMAP_SIZE);
    const heat = await gapByOccupationCity(
      ctx,
      next,
      top.map((o) => o.code),
    );
    const cityCodes = cities.map((c) => c.key);
    const heatRows: Row[] = top.map((o) => ({
      key: o.code,
      cells: Object.fromEntries([
        ['name', o.name] as [string, Cell],
        ...cityCodes.map((c) => [c, persons(heat.get(o.code)?.get(c))] as [string, Cell]),
      ]),
    }));
    (occupations.sections as Section[]).push({
      id: 'cities',
      title: '分设区市',
      blocks: [
        supplyDemandChart('cities-chart', `${next}年各设区市岗位需求与人才供给`, 'cities-table', 'horizontal'),
        supplyDemandTable(
          ctx,
          'cities-table',
          `${next}年各设区市岗位需求与人才供给`,
          '设区市',
          cities,
          'marts.fct_occupation_shortage',
          `${next}年，按设区市`,
        ),
        ...chartWithTable(
          'heat',
          `${next}年缺口最大职业分设区市供需缺口`,
          { type: 'heatmap', rowLabel: 'name', columns: cityCodes, legend: '供需缺口（人）' },
          {
            unit: '人',
            columns: [C.name, ...cities.map((c): Column => ({ key: c.key, header: c.label, format: FORMAT.int, measure: 'other' }))],
            rows: heatRows,
            notes: [
              {
                id: 'sum',
                text: `各设区市缺口为各市单独测算的供需差，负值表示该市供给大于需求；各市之和与${whole}缺口口径相同。`,
              },
            ],
            source: source(ctx, 'marts.fct_occupation_shortage', `${next}年，按设区市`),
          },
        ),
      ],
    });
  }

  const sections: Section[] = [
    {
      id: 'notes',
      title: '编制说明',
      blocks: [
        {
          kind: 'paragraph',
          text: `本信息依据统计年鉴分行业就业人员、公共就业服务机构职业供求登记、网络招聘岗位、院校招生和毕业生去向等数据，测算${whole}${year}年各职业人才需求与供给，并预测至${years[years.length - 1]!.year}年。需求与供给均为模型估计数，不是登记人数；预测值附有预测区间。`,
        },
        {
          kind: 'methodology',
          items: [
            ...methodologyItems(['openings', 'supply', 'gap', 'ratio', 'estimate', 'interval']),
            ...(await shortageTerms(ctx.conn)),
            ...(await staffingChangeTerms(ctx.conn)),
          ],
        },
      ],
    },
    overview,
    groups,
    occupations,
    await dataSourcesSection(ctx),
  ];
  return {
    id: `skills-supply-demand-${region.code}-${year}`,
    title: `${year}年${region.name}技能人才供需信息`,
    subtitle: { region: { code: region.code, name: region.name }, year, issuer: labourIssuer(region), issued: ctx.issued },
    runId: ctx.runId,
    sections,
  };
}

/**
 * 按职业分组的供求人数 as the public employment services registered them in the year (表5 of their quarterly analyses,
 * the quarters summed): vacancies and seekers with their shares, 求人倍率 and its change on the year before.
 */
function registeredGroupsTable(
  ctx: PublicationContext,
  year: number,
  whole: string,
  registered: { quarters: number; rows: RegisteredGroup[] },
  names: Map<string, string>,
): TableBlock {
  const groups = registered.rows.filter((r) => r.kind === 'group');
  const total = registered.rows.find((r) => r.kind === 'total');
  const allVacancies = total?.vacancies ?? groups.reduce((x, r) => x + (r.vacancies ?? 0), 0);
  const allSeekers = total?.seekers ?? registered.rows.filter((r) => r.kind !== 'total').reduce((x, r) => x + r.seekers, 0);
  const share = (x: number | null, of: number) => (x === null || !(of > 0) ? null : round((100 * x) / of, 1));
  const label = (r: RegisteredGroup) => (r.kind === 'total' ? '合计' : r.kind === 'no_preference' ? '无要求' : (names.get(r.key) ?? r.key));
  const rows: Row[] = registered.rows.map((r) => {
    const ratio = r.vacancies !== null && r.seekers > 0 ? r.vacancies / r.seekers : null;
    return {
      key: r.key,
      ...(r.kind === 'total' ? { total: true } : {}),
      cells: {
        label: label(r),
        vacancies: r.vacancies,
        vacancyShare: share(r.vacancies, allVacancies),
        seekers: r.seekers,
        seekerShare: share(r.seekers, allSeekers),
        ratio: round(ratio, 2),
        ratioChange: ratio !== null && r.previousRatio !== null ? round(ratio - r.previousRatio, 2) : null,
      },
    };
  });
  const columns: Column[] = [
    { key: 'label', header: '职业类别', format: FORMAT.text, measure: 'other' },
    { key: 'vacancies', header: '人数', group: '需求', format: FORMAT.int, measure: 'count' },
    { key: 'vacancyShare', header: '比重', group: '需求', unit: '%', format: FORMAT.pct1, measure: 'share' },
    { key: 'seekers', header: '人数', group: '求职', format: FORMAT.int, measure: 'count' },
    { key: 'seekerShare', header: '比重', group: '求职', unit: '%', format: FORMAT.pct1, measure: 'share' },
    { key: 'ratio', header: '求人倍率', format: FORMAT.dec2, measure: 'ratio' },
    { key: 'ratioChange', header: '倍率较上年', format: { kind: 'signed', digits: 2 }, measure: 'ratio' },
  ];
  return {
    kind: 'table',
    id: 'registered-groups-table',
    caption: `${year}年公共就业服务机构按职业分组的供求人数`,
    unit: '人',
    columns,
    rows,
    notes: [
      {
        id: 'registered',
        text: `需求人数、求职人数为公共就业服务机构${registered.quarters}个季度登记人数之和，是登记数，不是模型估计数；求人倍率＝需求人数÷求职人数；“无要求”为未指明职业的求职人员，用人单位需求均指明职业。`,
      },
    ],
    source: source(ctx, 'core.occupation_group_entry', `${whole}，${year}年`),
  };
}
