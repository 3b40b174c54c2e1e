import type { DisclosedCells } from '../../disclosure/disclosed-cells.js';
import type { Cell, Column, Provenance, Row, Section } from '../../document/types.js';
import { chartWithTable } from '../../document/chart-with-table.js';
import { FORMAT, provinceWord, source, type PublicationContext, type Region } from '../context.js';
import { cityLevelCode, cityPlaces, citySchoolsCode, levelCode, OUTSIDE, schoolsByCity } from './counts.js';
import { destinationsSection, flowsSection, type FlowCategory } from './sections.js';
import { placementRate } from './placement-rate.js';
import { SCHOOL_REPORT_OMITTED, schoolsWithReports } from './school-report.js';
import { DESTINATION_GROUPS, SCHOOL_LEVELS, type GraduateData, type School } from './queries.js';
import { GRADUATE_COLUMNS as G, PERCENT } from './columns.js';

/**
 * Whose graduates a region's report counts in its 基本情况 and 就业质量 sections: every school of the
 * province ({@link provinceScope}), or the schools located in a city, in the city's edition
 * ({@link cityScope}). The sections are the same; only the cells they read differ.
 */
export interface SchoolScope {
  schools: School[];
  /** The schools' levels, in print order. */
  levels: string[];
  /** Coordinates in the count system of all the schools, and of those of one level. */
  at: Record<string, string>;
  atLevel: (level: string) => Record<string, string>;
  /** The city the schools lie in, named in titles and captions (`柳州市院校毕业生…`); null for the province. */
  city: string | null;
  /** The rows of the 地域流向 and 行业流向 tables; a city prints no 行业流向 (`addCitySchools`). */
  places: FlowCategory[];
  industries: FlowCategory[] | null;
  /** 月收入, 专业相关度 and 满意度 by level. */
  quality: GraduateData['quality'];
}

/** The levels of `schools` in print order, any level the list does not know last. */
export function levelsOf(schools: readonly School[]): string[] {
  const present = new Set(schools.map((s) => s.level));
  return [...SCHOOL_LEVELS.filter((l) => present.has(l)), ...[...present].filter((l) => !(SCHOOL_LEVELS as readonly string[]).includes(l))];
}

/** Every school of the cohort, at the province's cells. */
export function provinceScope(ctx: PublicationContext, data: GraduateData): SchoolScope {
  return {
    schools: data.schools,
    levels: levelsOf(data.schools),
    at: {},
    atLevel: (l) => ({ school: levelCode(l) }),
    city: null,
    places: [...ctx.cities.map((c) => ({ code: c.code, name: c.name })), { code: OUTSIDE, name: `${provinceWord(ctx.province)}外` }],
    industries: data.industries,
    quality: data.quality.filter((q) => q.city === null),
  };
}

/**
 * The schools of the cohort located in `city`, at the city's cells (`addCitySchools`); null when
 * none is, so that a city without schools prints no section of them rather than zeros.
 */
export function cityScope(ctx: PublicationContext, data: GraduateData, city: Region): SchoolScope | null {
  const schools = schoolsByCity(data, [city.code]).get(city.code);
  if (!schools) return null;
  const word = provinceWord(ctx.province);
  // Guizhou's prefecture-level units include 自治州: its releases say 省内其他市（州）.
  const others = ctx.cities.some((c) => c.name.endsWith('州')) ? '其他市（州）' : '其他市';
  const placeName = (code: string) => (code === city.code ? city.name : code === OUTSIDE ? `${word}外` : `${word}内${others}`);
  return {
    schools,
    levels: levelsOf(schools),
    at: { school: citySchoolsCode(city.code) },
    atLevel: (l) => ({ school: cityLevelCode(city.code, l, schools) }),
    city: city.name,
    places: cityPlaces(
      city.code,
      ctx.cities.map((c) => c.code),
    ).map((p) => ({ code: p.code, name: placeName(p.code) })),
    industries: null,
    quality: data.quality.filter((q) => q.city === city.code),
  };
}

/** `柳州市院校` for a city's schools, nothing for the province's: the words before 毕业生 in titles and captions. */
const whose = (scope: SchoolScope) => (scope.city ? `${scope.city}院校` : '');

/** The source of the scope's tables read from `model`, of a cohort or a span of them (`2021—2025`). */
export function sourceOf(ctx: PublicationContext, scope: SchoolScope, model: string, cohort: number | string): Provenance {
  return source(ctx, model, scope.city ? `位于${scope.city}的院校${cohort}届` : `${cohort}届`);
}

/**
 * 毕业生就业基本情况 of the scope's schools: 规模与结构 and 落实率 by level, the seven 去向, each school's
 * 去向分类 and 落实率, and where their employed graduates work (地域流向, and 行业流向 for the province).
 */
export function basicsSection(ctx: PublicationContext, data: GraduateData, cells: DisclosedCells, scope: SchoolScope): Section {
  const cohort = data.cohort;
  const outcomes = sourceOf(ctx, scope, 'core.graduate_outcome', cohort);
  const levelRows: Row[] = [
    ...scope.levels.map((l) => ({
      key: l,
      cells: {
        label: l,
        graduates: cells.count('grad', scope.atLevel(l)),
        share: cells.share(['grad', scope.atLevel(l)], ['grad', scope.at], 1),
        rate: placementRate(cells, scope.atLevel(l)),
      },
    })),
    {
      key: 'total',
      total: true,
      cells: { label: '合计', graduates: cells.count('grad', scope.at), share: 100, rate: placementRate(cells, scope.at) },
    },
  ];
  const schoolRows: Row[] = scope.levels.flatMap((l) =>
    scope.schools
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
  return {
    id: 'basics',
    title: `${whose(scope)}毕业生就业基本情况`,
    blocks: [],
    sections: [
      {
        id: 'scale',
        title: '规模与结构',
        blocks: chartWithTable(
          'levels',
          `${cohort}届${whose(scope)}毕业生按办学层次分布`,
          { type: 'bars', category: 'label', values: ['graduates'], orientation: 'vertical', keepOrder: true },
          {
            caption: `${cohort}届${whose(scope)}毕业生规模与毕业去向落实率`,
            columns: [
              { key: 'label', header: '办学层次', format: FORMAT.text, measure: 'other' },
              G.graduates,
              { key: 'share', header: '占比', unit: '%', format: PERCENT, measure: 'share' },
              G.placementRate,
            ],
            rows: levelRows,
            source: outcomes,
          },
        ),
      },
      destinationsSection(cells, scope.at, cohort, outcomes, data.unreported, whose(scope)),
      {
        id: 'schools',
        title: '各院校毕业去向落实情况',
        blocks: [
          { kind: 'paragraph', text: schoolReportsNote(scope.schools, data, ctx.rules) },
          {
            kind: 'table',
            id: 'schools-table',
            caption: `${cohort}届${scope.city ?? ''}各院校毕业生毕业去向`,
            unit: '人',
            columns: [
              { key: 'school', header: '学校', format: FORMAT.text, measure: 'other' },
              G.level,
              { key: 'graduates', header: '毕业生数', format: FORMAT.int, measure: 'count' },
              ...DESTINATION_GROUPS.map((g): Column => ({
                key: g.key,
                header: g.name,
                group: '毕业去向分类',
                format: FORMAT.int,
                measure: 'count',
              })),
              G.rate,
            ],
            rows: schoolRows,
            source: outcomes,
          },
        ],
      },
      flowsSection(
        cells,
        scope.at,
        cohort,
        { categories: scope.places, source: sourceOf(ctx, scope, 'core.graduate_region', cohort) },
        scope.industries && { categories: scope.industries, source: sourceOf(ctx, scope, 'core.graduate_industry', cohort) },
        whose(scope),
      ),
    ],
  };
}

/** 就业质量分析 of the scope's schools: 月收入, 专业相关度 and 满意度 by level, graduate-weighted means withheld on small groups. */
export function qualitySection(ctx: PublicationContext, cohort: number, cells: DisclosedCells, scope: SchoolScope): Section {
  const rows: Row[] = scope.levels.map((l) => {
    const q = scope.quality.find((x) => x.level === l);
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
  return {
    id: 'quality',
    title: scope.city ? `${whose(scope)}毕业生就业质量分析` : '就业质量分析',
    blocks: chartWithTable(
      'quality',
      `${cohort}届${whose(scope)}毕业生月均收入`,
      { type: 'bars', category: 'level', values: ['salary'], orientation: 'vertical', keepOrder: true },
      {
        caption: `${cohort}届${whose(scope)}毕业生月均收入、专业相关度和就业满意度`,
        columns: [G.level, G.salary, G.relevance, G.satisfaction],
        rows,
        notes: [{ id: 'weights', text: '各指标为各院校专业报送值按毕业生数加权的平均数。' }],
        source: sourceOf(ctx, scope, 'core.graduate_outcome', cohort),
      },
    ),
  };
}

/** What the by-school table's section says of the school reports: how many, and who has none. */
function schoolReportsNote(schools: School[], data: GraduateData, rules: PublicationContext['rules']): string {
  const reported = new Set(schoolsWithReports({ ...data, schools }, rules).map((s) => s.code));
  const omitted = schools.filter((s) => !reported.has(s.code));
  return `下表列出${schools.length}所院校的毕业去向；其中${reported.size}所院校另有本校的毕业生就业质量年度报告，与本报告一并发布（见报告目录）${
    omitted.length > 0 ? `；${omitted.length}所院校（当届毕业生不足${rules.schoolReports.minGraduates}人）${SCHOOL_REPORT_OMITTED}` : ''
  }。`;
}
