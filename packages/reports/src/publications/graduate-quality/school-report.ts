import type { DisclosedCells } from '../../disclosure/disclosed-cells.js';
import type { Cell, Column, Publication, Row, Section } from '../../document/types.js';
import { FORMAT, provinceWord, source as provenance, type PublicationContext } from '../context.js';
import type { PublicationRules } from '../rules.js';
import { schoolMajorCode, schoolSections } from './school-counts.js';
import { OUTSIDE } from './counts.js';
import { cohortRows, destinationsSection, flowsSection, prefaceSection, trendsSection } from './sections.js';
import { placementRate } from './placement-rate.js';
import { DESTINATION_GROUPS, type GraduateData, type School } from './queries.js';
import { chartWithTable } from '../../document/chart-with-table.js';
import { GRADUATE_COLUMNS as G, PERCENT } from './columns.js';

/** How the index and the region's report name the schools without a report of their own. */
export const SCHOOL_REPORT_OMITTED = '因毕业生人数较少不单独发布';

/**
 * The schools that get a report of their own: those with at least `rules.schoolReports.minGraduates`
 * graduates in the cohort (datasets/publications/rules.json, the one place of the rule). A smaller
 * school's shares and means would be withheld almost throughout; its row in the region's report stays.
 */
export function schoolsWithReports(data: GraduateData, rules: PublicationRules): School[] {
  return data.schools.filter((s) => {
    const counts = data.destinations.get(s.code);
    const graduates = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
    return graduates >= rules.schoolReports.minGraduates;
  });
}

/**
 * 毕业生就业质量年度报告 of one school: the region report's sections for the school alone —
 * graduates and 落实率 by major, the seven 去向, 地域流向 and 行业流向, 月收入 · 专业相关度 · 满意度 by major and the
 * school's recent cohorts — from the run's protected counts (the school's own system, linked to the
 * region's). `sources` is the run's 数据来源 section, read once for every school.
 */
export function buildSchoolGraduates(
  ctx: PublicationContext,
  data: GraduateData,
  cells: DisclosedCells,
  school: School,
  sources: Section,
): Publication {
  const cohort = data.cohort;
  const model = 'core.graduate_outcome';
  const source = (detail: string, from = model) => provenance(ctx, from, `${school.name}（${school.code}）${detail}`);
  const majors = data.schoolMajors.get(school.code) ?? [];
  const at = { school: school.code };
  const city = ctx.cities.find((c) => c.code === school.cityCode);

  const majorRows: Row[] = [
    ...majors.map((m) => {
      const code = schoolMajorCode(school.code, m.key);
      return {
        key: m.key,
        cells: {
          major: m.name,
          code: m.code,
          graduates: cells.count('grad', { school: code }),
          share: cells.share(['grad', { school: code }], ['grad', at], 1),
          ...Object.fromEntries(
            DESTINATION_GROUPS.map((g) => [g.key, cells.count('grad', { school: code, group: g.key })] as [string, Cell]),
          ),
          rate: placementRate(cells, { school: code }),
        },
      };
    }),
    {
      key: 'total',
      total: true,
      cells: {
        major: '合计',
        code: '—',
        graduates: cells.count('grad', at),
        share: 100,
        ...Object.fromEntries(DESTINATION_GROUPS.map((g) => [g.key, cells.count('grad', { ...at, group: g.key })] as [string, Cell])),
        rate: placementRate(cells, at),
      },
    },
  ];
  const majorColumns: Column[] = [
    G.major,
    G.majorCode,
    G.graduates,
    { key: 'share', header: '占比', unit: '%', format: PERCENT, measure: 'share' },
    ...DESTINATION_GROUPS.map((g): Column => ({
      key: g.key,
      header: g.name,
      group: '毕业去向分类',
      unit: '人',
      format: FORMAT.int,
      measure: 'count',
    })),
    G.rate,
  ];

  const qualityRows: Row[] = majors.map((m) => ({
    key: m.key,
    cells: {
      major: m.name,
      salary: m.salary === null ? null : cells.mean(m.salary, m.salaryN),
      relevance: m.relevance === null ? null : cells.mean(m.relevance * 100, m.relevanceN, 1),
      satisfaction: m.satisfaction === null ? null : cells.mean(m.satisfaction * 100, m.satisfactionN, 1),
    },
  }));

  const trendRows = cohortRows(data, cells, { school: school.code });

  const sections: Section[] = [
    prefaceSection(
      school.name,
      '本校',
      cohort,
      `学校办学层次为${school.level}${city ? `，位于${city.name}` : ''}；${cohort}届毕业生分布在${majors.length}个专业。`,
    ),
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
              'majors',
              `${cohort}届各专业毕业生数`,
              { type: 'bars', category: 'major', values: ['graduates'], orientation: 'horizontal' },
              {
                caption: `${cohort}届各专业毕业生规模与毕业去向`,
                columns: majorColumns,
                rows: majorRows,
                source: source(`${cohort}届`),
              },
            ),
          ],
        },
        destinationsSection(cells, at, cohort, source(`${cohort}届`), data.unreported),
        flowsSection(
          cells,
          at,
          cohort,
          {
            categories: [
              ...ctx.cities.map((c) => ({ code: c.code, name: c.name })),
              { code: OUTSIDE, name: `${provinceWord(ctx.province)}外` },
            ],
            source: source(`${cohort}届`, 'core.graduate_region'),
          },
          {
            categories: schoolSections(data, school.code).map((code) => ({
              code,
              name: data.industries.find((i) => i.code === code)!.name,
            })),
            source: source(`${cohort}届`, 'core.graduate_industry'),
          },
        ),
      ],
    },
    {
      id: 'quality',
      title: '就业质量分析',
      blocks: [
        {
          kind: 'table',
          id: 'quality-table',
          caption: `${cohort}届各专业毕业生月均收入、专业相关度和就业满意度`,
          columns: [G.major, G.salary, G.relevance, G.satisfaction],
          rows: qualityRows,
          notes: [{ id: 'weights', text: '各指标为专业报送值按毕业生数加权的平均数；覆盖不足8人的不予公布，以“*”表示。' }],
          source: source(`${cohort}届`),
        },
      ],
    },
    trendsSection('近几届毕业生规模和毕业去向落实率', [], trendRows, source(`${data.cohorts[0]?.year}—${cohort}届`)),
    sources,
  ];
  return {
    id: `graduate-quality-${school.code}-${cohort}`,
    title: `${school.name}${cohort}届毕业生就业质量年度报告`,
    subtitle: {
      region: city ? { code: city.code, name: city.name } : { code: ctx.region.code, name: ctx.region.name },
      year: cohort,
      issuer: school.name,
      issued: ctx.issued,
    },
    runId: ctx.runId,
    sections,
  };
}
