import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type Warehouse } from '@talent/models';
import {
  auditCounts,
  auditPublications,
  citiesOf,
  isSensitiveCount,
  renderIndexHtml,
  type LinkedSystems,
  everyPublication,
  majorCards,
  readPublicationRules,
  type BuiltPublications,
  type CellDetail,
  type Publication,
  type Section,
} from '../src/index.js';
import { FAN_HISTORY_YEARS } from '../src/publications/fan-table.js';
import { readGraduateData } from '../src/publications/graduate-quality/queries.js';
import { schoolCountSystem } from '../src/publications/graduate-quality/school-counts.js';
import { OUTSIDE } from '../src/publications/graduate-quality/counts.js';
import { ESTIMATE_NOTE } from '../src/publications/methodology.js';
import { renderChartBlock } from '../src/render/chart-block.js';
import { tableHtml } from '../src/render/table-html.js';
import { sourceLine } from '../src/document/provenance.js';
import { createChartDocument, type ChartBlock } from '../src/index.js';
import { fixturePublications, LAST_YEAR, PROVINCE, publicationWarehouse, RUN } from './fixtures/publication-warehouse.js';
import { expectGolden } from './golden.js';
import { tableOf, tablesOf } from './helpers/blocks.js';

const config = resolveConfig({}, {});
const rules = readPublicationRules(config.datasetsDir);

const tables = tablesOf;
const table = tableOf;
const pub = (built: BuiltPublications, prefix: string, region = PROVINCE) =>
  built.publications.find((p) => p.id.startsWith(`${prefix}-${region}-`))!;
const value = (c: unknown) => (typeof c === 'object' && c !== null ? (c as CellDetail).value : c);

let wh: Warehouse;
/** The places of the 地域流向 tables: the province's cities and 区外. */
const flowPlaces = async () => [...(await citiesOf(wh.conn, PROVINCE)).map((c) => c.code), OUTSIDE];
let built: BuiltPublications;
/** The publications of the fixture warehouse as it stands, for the regions given. */
const buildFor = (regions: string[]) => fixturePublications(wh, regions);
const rows = async <T>(sql: string): Promise<T[]> => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as T[];

beforeAll(async () => {
  wh = await publicationWarehouse();
  built = await buildFor([PROVINCE, '450200']);
}, 120_000);
afterAll(() => wh?.close());

describe('the five publications on a small warehouse', () => {
  it('writes all five for the province and the city, in their frameworks', () => {
    expect(built.publications.map((p) => p.id).sort()).toEqual(
      [
        `graduate-quality-450000-${LAST_YEAR}`,
        `graduate-quality-450200-${LAST_YEAR}`,
        `industry-forecast-450000-${LAST_YEAR}`,
        `industry-forecast-450200-${LAST_YEAR}`,
        `shortage-catalogue-450000-${LAST_YEAR + 1}`,
        `shortage-catalogue-450200-${LAST_YEAR + 1}`,
        `skills-supply-demand-450000-${LAST_YEAR}`,
        `skills-supply-demand-450200-${LAST_YEAR}`,
        `training-catalogue-450000-${LAST_YEAR + 1}`,
        `training-catalogue-450200-${LAST_YEAR + 1}`,
      ].sort(),
    );
    expect(table(pub(built, 'industry-forecast'), 'groups-table').caption).toContain('九张创新名片');
    expect(table(pub(built, 'industry-forecast', '450200'), 'groups-table').caption).toContain('5+5');
  });

  it('prints the gap ranking as the warehouse holds it, largest gap first, with last year’s rank', async () => {
    const expected = await rows<{ code: string; demand: number; gap: number; prev: number }>(
      `SELECT s.occupation_code AS code, s.demand, s.gap, p.rank::INTEGER AS prev FROM marts.fct_occupation_shortage s
         JOIN marts.fct_occupation_shortage p ON p.occupation_code = s.occupation_code AND p.region_code = s.region_code AND p.year = s.year - 1
        WHERE s.region_code = '${PROVINCE}' AND s.year = ${LAST_YEAR + 1} AND s.gap > 0 ORDER BY s.gap DESC`,
    );
    const ranking = table(pub(built, 'skills-supply-demand'), 'ranking-table');
    expect(ranking.rows.map((r) => r.key)).toEqual(expected.map((e) => e.code));
    for (const [i, r] of ranking.rows.entries()) {
      expect(r.cells.demand).toBe(Math.round(expected[i]!.demand));
      expect(r.cells.gap).toBe(Math.round(expected[i]!.gap));
      expect(r.cells.previous).toBe(String(expected[i]!.prev));
    }
  });

  it('prints each group’s demand, supply and gap by year as fct_talent_gap sums them, projected years marked', async () => {
    const expected = await rows<{ group_code: string; year: number; demand: number; supply: number; gap: number; f: boolean }>(
      `SELECT group_code, year::INTEGER AS year, sum(demand) AS demand, sum(supply) AS supply, sum(gap) AS gap, bool_or(is_forecast) AS f
         FROM marts.fct_talent_gap WHERE framework = 'gx_nine_cards' AND region_code = '${PROVINCE}' AND year >= ${LAST_YEAR - FAN_HISTORY_YEARS}
        GROUP BY ALL ORDER BY group_code, year`,
    );
    const groups = [...new Set(expected.map((e) => e.group_code))];
    expect(groups.length).toBeGreaterThan(1);
    for (const g of groups) {
      const t = table(pub(built, 'skills-supply-demand'), `years-${g}-table`);
      const mine = expected.filter((e) => e.group_code === g);
      expect(t.rows.map((r) => r.cells.label)).toEqual(mine.map((e) => (e.f ? `${e.year}年（预测）` : `${e.year}年`)));
      for (const [i, r] of t.rows.entries()) {
        expect(r.cells.demand).toBe(Math.round(mine[i]!.demand));
        expect(r.cells.supply).toBe(Math.round(mine[i]!.supply));
        expect(r.cells.gap).toBe(Math.round(mine[i]!.gap));
      }
      expect(t.notes?.map((n) => n.text)).toEqual([ESTIMATE_NOTE]);
    }
  });

  it('sums the education levels to the total of every 大类, and to the year’s totals of 表1', async () => {
    const [total] = await rows<{ demand: number; supply: number }>(
      `SELECT sum(demand) AS demand, sum(supply) AS supply FROM marts.fct_talent_gap WHERE framework = 'gbt4754' AND region_code = '${PROVINCE}' AND year = ${LAST_YEAR + 1}`,
    );
    const [occupations] = await rows<{ supply: number }>(
      `SELECT sum(supply) AS supply FROM marts.fct_occupation_shortage WHERE region_code = '${PROVINCE}' AND year = ${LAST_YEAR + 1}`,
    );
    // The fixture holds entrants of an occupation no 大类 of their city employs: the 大类 rows lack them.
    expect(occupations!.supply - total!.supply).toBeGreaterThan(1);
    const education = table(pub(built, 'skills-supply-demand'), 'education-table');
    const sum = education.rows.find((r) => r.total)!.cells;
    expect(sum.demand).toBe(Math.round(total!.demand));
    const year = table(pub(built, 'skills-supply-demand'), 'years-table').rows.find((r) =>
      String(r.cells.label).startsWith(`${LAST_YEAR + 1}年`),
    )!.cells;
    expect([sum.demand, sum.supply, sum.gap].map(value)).toEqual([year.demand, year.supply, year.gap].map(value));
    expect(value(sum.supply)).toBe(Math.round(occupations!.supply));
    expect(education.rows.filter((r) => !r.total).map((r) => r.cells.label)).toEqual(['专科', '本科']);
  });

  it('sums demand and supply by occupation 大类 to the year’s totals of 表1', async () => {
    const byGroup = await rows<{ g: string; demand: number; supply: number }>(
      `SELECT left(occupation_code, 1) AS g, sum(demand) AS demand, sum(supply) AS supply FROM marts.fct_occupation_shortage
        WHERE region_code = '${PROVINCE}' AND year = ${LAST_YEAR + 1} GROUP BY 1 ORDER BY 1`,
    );
    const t = table(pub(built, 'skills-supply-demand'), 'major-groups-table');
    const body = t.rows.filter((r) => !r.total);
    expect(body.map((r) => r.key)).toEqual(byGroup.map((r) => r.g));
    expect(body.map((r) => String(r.cells.label))).toEqual(['专业技术人员', '社会生产服务和生活服务人员', '生产制造及有关人员']);
    expect(body.map((r) => [value(r.cells.demand), value(r.cells.supply)])).toEqual(
      byGroup.map((r) => [Math.round(r.demand), Math.round(r.supply)]),
    );
    const sum = t.rows.find((r) => r.total)!.cells;
    const year = table(pub(built, 'skills-supply-demand'), 'years-table').rows.find((r) =>
      String(r.cells.label).startsWith(`${LAST_YEAR + 1}年`),
    )!.cells;
    expect([sum.demand, sum.supply, sum.gap].map(value)).toEqual([year.demand, year.supply, year.gap].map(value));
  });

  it('prints the registrations by occupation group of the year as the tables hold them, the quarters summed', async () => {
    const registered = await rows<{ year: number; key: string; v: number | null; s: number }>(
      `SELECT CAST(left(period, 4) AS INTEGER) AS year, coalesce(left(group_code, 1), row_kind) AS key,
              sum(vacancies)::DOUBLE AS v, sum(job_seekers)::DOUBLE AS s
         FROM core.occupation_group_entry GROUP BY ALL`,
    );
    const at = (year: number, key: string) => registered.find((r) => r.year === year && r.key === key)!;
    const t = table(pub(built, 'skills-supply-demand'), 'registered-groups-table');
    expect(t.caption).toBe(`${LAST_YEAR}年公共就业服务机构按职业分组的供求人数`);
    expect(t.rows.map((r) => r.key)).toEqual(['2', '4', '6', 'no_preference', 'total']);
    expect(t.rows.map((r) => String(r.cells.label))).toEqual([
      '专业技术人员',
      '社会生产服务和生活服务人员',
      '生产制造及有关人员',
      '无要求',
      '合计',
    ]);
    const total = at(LAST_YEAR, 'total');
    for (const r of t.rows) {
      const now = at(LAST_YEAR, r.key);
      expect([r.cells.vacancies, r.cells.seekers]).toEqual([now.v, now.s]);
      expect(r.cells.vacancyShare).toBe(now.v === null ? null : Math.round((1000 * now.v) / total.v!) / 10);
      expect(r.cells.seekerShare).toBe(Math.round((1000 * now.s) / total.s) / 10);
      if (now.v === null) continue;
      const before = at(LAST_YEAR - 1, r.key);
      expect(r.cells.ratio).toBe(Math.round((100 * now.v) / now.s) / 100);
      expect(r.cells.ratioChange).toBe(Math.round(100 * (now.v / now.s - before.v! / before.s)) / 100);
    }
    // Each 大类 registers 160 more vacancies than the year before (40 a quarter): its ratio rose.
    expect(t.rows.filter((r) => r.key !== 'no_preference').every((r) => Number(r.cells.ratioChange) > 0)).toBe(true);
    expect(t.notes?.map((n) => n.text).join('')).toContain('4个季度');
    // A city publishes no such table: no registrations are printed for it.
    expect(tables(pub(built, 'skills-supply-demand', '450200')).some((x) => x.id === 'registered-groups-table')).toBe(false);
  });

  it('lists in the training catalogue exactly the occupations its rule selects', async () => {
    const rule = rules.trainingCatalogue;
    const expected = await rows<{ code: string }>(
      `SELECT occupation_code AS code FROM marts.fct_occupation_shortage
        WHERE region_code = '${PROVINCE}' AND year = ${LAST_YEAR + 1} AND gap > 0 AND demand >= ${rule.minDemand}
          AND shortage_level IN (${rule.levels.map((l) => `'${l}'`).join(', ')})
          AND left(occupation_code, 1) IN (${rule.majorGroups.map((g) => `'${g}'`).join(', ')})
        ORDER BY rank`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const listed = table(pub(built, 'training-catalogue'), 'catalogue-table').rows.map((r) => r.cells.code);
    expect(listed).toEqual(expected.map((e) => e.code));
    expect(listed.some((c) => String(c).startsWith('2-'))).toBe(false);
  });

  it('names the typical demand cities by gap, largest first, in the shortage catalogue', async () => {
    const catalogue = table(pub(built, 'shortage-catalogue'), 'catalogue-table');
    expect(catalogue.rows.length).toBeGreaterThan(0);
    const first = catalogue.rows[0]!;
    const cities = await rows<{ name: string }>(
      `SELECT r.name FROM marts.fct_occupation_shortage s JOIN ref.region r ON r.code = s.region_code
        WHERE s.occupation_code = '${first.key}' AND s.year = ${LAST_YEAR + 1} AND r.level = '市' AND s.gap > 0 ORDER BY s.gap DESC`,
    );
    expect(first.cells.cities).toBe(cities.map((c) => c.name).join('、'));
    expect(String(first.cells.definition).length).toBeGreaterThan(10);
  });

  it('reconciles the graduate tables with the outcomes and withholds every count under 5', async () => {
    const graduate = pub(built, 'graduate-quality');
    const [dest] = await rows<Record<string, number>>(
      `SELECT sum(graduates)::INTEGER AS total, sum(dest_contract)::INTEGER AS contract, sum(dest_unemployed)::INTEGER AS unemployed
         FROM core.graduate_outcome WHERE graduation_year = ${LAST_YEAR}`,
    );
    const destinations = table(graduate, 'dest-table');
    expect(value(destinations.rows.find((r) => r.key === 'contract')!.cells.n)).toBe(dest!.contract);
    expect(value(destinations.rows.find((r) => r.total)!.cells.n)).toBe(dest!.total);
    expect(built.protection.primary).toBeGreaterThan(0);
    let printed = 0;
    let withheld = 0;
    for (const p of everyPublication(built.publications))
      for (const t of tables(p))
        for (const r of t.rows)
          for (const c of Object.values(r.cells)) {
            if (typeof c !== 'object' || c === null || !(c as CellDetail).ref) continue;
            const d = c as CellDetail;
            if (d.withheld) {
              withheld++;
              expect(d.value).toBeUndefined();
            } else {
              printed++;
              expect(Number(d.value) === 0 || Number(d.value) >= 5).toBe(true);
            }
          }
    expect(printed).toBeGreaterThan(50);
    expect(withheld).toBeGreaterThan(0);
  });

  it('speaks to its readers only: no file or section of the platform’s documentation is named, and placeholder rates say whose rates prevail', () => {
    for (const p of built.publications) expect(JSON.stringify(p).match(/[\w./-]+\.md\b|shared\/|§\s*\d/g), p.id).toBeNull();
    const training = JSON.stringify(pub(built, 'training-catalogue'));
    expect(rules.trainingSubsidies.status).toBe('placeholder');
    expect(training).toContain(rules.trainingSubsidies.note);
    expect(rules.trainingSubsidies.note).toContain('以本地人力资源社会保障部门核定公布的为准');
    // Source lines name the data, not the warehouse tables; the table stays in the markup for tracing a figure.
    const lines = built.publications.flatMap((p) => tablesOf(p).map((t) => [t.source.model, sourceLine(t.source)] as const));
    expect(new Set(lines.map(([model]) => model.split('.')[0]))).toEqual(new Set(['marts', 'core']));
    for (const [model, line] of lines) expect(line, model).not.toMatch(/\b(marts|core|meta|ref)\.|数据仓库/);
    expect(new Set(lines.map(([, line]) => line.replace(/（.*$|，.*$/, '')))).toEqual(
      new Set([
        '资料来源：本平台人才供需预测',
        '资料来源：按职业分组供求登记数据',
        '资料来源：毕业去向数据',
        '资料来源：毕业去向地区数据',
        '资料来源：毕业去向行业数据',
      ]),
    );
  });

  it('passes the attack audit on everything the run prints', async () => {
    const audit = await auditPublications(built.publications, built.system);
    expect(audit.violations).toEqual([]);
    expect(audit.mismatches).toEqual([]);
    expect(audit.withheld).toBeGreaterThan(0);
  });

  it('prints each per-major 落实率 of the school reports as a number, a band holding the true rate, or “*”, and the audit reads the bands', async () => {
    const truth = await rows<{ school: string; major: string; graduates: number; unemployed: number }>(
      `SELECT school_code AS school, major_code AS major, sum(graduates)::INTEGER AS graduates, sum(dest_unemployed)::INTEGER AS unemployed
         FROM core.graduate_outcome WHERE graduation_year = ${LAST_YEAR} GROUP BY 1, 2`,
    );
    const byMajor = new Map(truth.map((t) => [`${t.school}/${t.major}`, t]));
    const kinds = { number: 0, band: 0, withheld: 0 };
    for (const school of pub(built, 'graduate-quality').annexes!.publications) {
      const majors = table(school, 'majors-table');
      for (const row of majors.rows.filter((r) => !r.total)) {
        const n = (row.cells.graduates as CellDetail).ref!;
        const u = (row.cells.unemployed as CellDetail).ref!;
        const t = byMajor.get(n.replace('grad|school=', '').replace(/\/[^/]+$/, `/${String(value(row.cells.code))}`))!;
        const rate = 100 - (100 * t.unemployed) / t.graduates;
        const published = built.protection.status.get(n) === 'published' && built.protection.status.get(u) === 'published';
        const cell = row.cells.rate as CellDetail | number;
        if (typeof cell === 'number') {
          kinds.number++;
          expect(published && t.graduates >= 23).toBe(true);
          expect(cell).toBeCloseTo(rate, 1);
        } else if (cell.band) {
          kinds.band++;
          expect(published).toBe(false);
          expect([cell.band.unemployed, cell.band.graduates]).toEqual([u, n]);
          expect(rules.placementBands.widths).toContain(cell.band.upper - cell.band.lower);
          expect(rate).toBeGreaterThanOrEqual(cell.band.lower);
          expect(rate < cell.band.upper || (cell.band.upper === 100 && rate <= 100)).toBe(true);
        } else {
          kinds.withheld++;
          expect(cell.withheld).toBeDefined();
          // Withheld: a denominator under 23, or a band tried and still leaking at the coarsest width.
          expect(t.graduates < 23 || !published).toBe(true);
        }
      }
    }
    expect(kinds.band).toBe(built.bands!.bands.size);
    expect(kinds.withheld).toBeGreaterThanOrEqual(built.bands!.withheld);
    // The fixture's 18 majors: without bands every one of the rates would be “*”.
    expect(kinds).toEqual({ number: 0, band: 10, withheld: 8 });
    const audit = await auditPublications(built.publications, built.system);
    expect(audit.bands).toBe(kinds.band);
    expect(audit.violations).toEqual([]);
    expect(audit.mismatches).toEqual([]);
  });

  it('names each publication for one year in its id and cover: the catalogues for the year in force, the others for the data; a title by that year, the forecast by the years it projects', () => {
    for (const p of built.publications) {
      const year = Number(/-(\d{4})$/.exec(p.id)![1]);
      const catalogue = /catalogue/.test(p.id);
      expect(year, p.id).toBe(catalogue ? LAST_YEAR + 1 : LAST_YEAR);
      expect(p.subtitle.year, p.id).toBe(year);
      if (p.id.startsWith('industry-forecast-')) {
        expect(p.title, p.id).toBe(`${p.subtitle.region.name}行业人才需求预测（${LAST_YEAR + 1}—${LAST_YEAR + 3}年）`);
        continue;
      }
      expect(p.title, p.id).toContain(String(year));
      expect(p.title, p.id).not.toContain(String(catalogue ? LAST_YEAR : LAST_YEAR + 1));
    }
  });

  it('writes one report per school under the graduate report of each region the school lies in', async () => {
    const ids = (region: string) => pub(built, 'graduate-quality', region).annexes!.publications.map((p) => p.id);
    expect(ids(PROVINCE)).toEqual([1, 2, 3, 4, 5, 6].map((k) => `graduate-quality-414501000${k}-${LAST_YEAR}`));
    expect(ids('450200')).toEqual([1, 3, 5].map((k) => `graduate-quality-414501000${k}-${LAST_YEAR}`));
    // One document per school, shared by the province and the city.
    expect(pub(built, 'graduate-quality', '450200').annexes!.publications[0]).toBe(pub(built, 'graduate-quality').annexes!.publications[0]);
    const school = pub(built, 'graduate-quality').annexes!.publications.find((p) => p.id.includes('4145010004'))!;
    expect(school.title).toBe(`丁大学${LAST_YEAR}届毕业生就业质量年度报告`);
    expect(school.subtitle.region.name).toBe('南宁市');
    const expected = await rows<{ code: string; graduates: number; unemployed: number }>(
      `SELECT major_code AS code, sum(graduates)::INTEGER AS graduates, sum(dest_unemployed)::INTEGER AS unemployed
         FROM core.graduate_outcome WHERE graduation_year = ${LAST_YEAR} AND school_code = '4145010004' GROUP BY 1 ORDER BY 1`,
    );
    const majors = table(school, 'majors-table').rows.filter((r) => !r.total);
    // 待就业 is printed as the warehouse holds it, or withheld (a complement of the small school's counts).
    const printedOr = (c: unknown, v: number) => ((c as CellDetail).withheld ? v : value(c));
    expect(majors.map((r) => [value(r.cells.code), value(r.cells.graduates), printedOr(r.cells.unemployed, -1)])).toEqual(
      expected.map((e, i) => [e.code, e.graduates, (majors[i]!.cells.unemployed as CellDetail).withheld ? -1 : e.unemployed]),
    );
    // The small school's majors: every count of 1–4 withheld, and the school still passes the audit (above).
    const small = pub(built, 'graduate-quality').annexes!.publications.find((p) => p.id.includes('4145010005'))!;
    const cells = table(small, 'majors-table').rows.flatMap((r) => Object.values(r.cells)) as unknown[];
    const withheld = cells.filter((c) => typeof c === 'object' && c !== null && (c as CellDetail).withheld).length;
    expect(withheld).toBeGreaterThan(0);
    for (const c of cells)
      if (typeof c === 'object' && c !== null && (c as CellDetail).ref && !(c as CellDetail).withheld)
        expect(Number((c as CellDetail).value) === 0 || Number((c as CellDetail).value) >= 5).toBe(true);
  });

  it('gives no report to a school below the size rule, and lists it under its region on the index page', async () => {
    const [small] = await rows<{ graduates: number }>(
      `SELECT sum(graduates)::INTEGER AS graduates FROM core.graduate_outcome WHERE graduation_year = ${LAST_YEAR} AND school_code = '4145010007'`,
    );
    expect(small!.graduates).toBeLessThan(rules.schoolReports.minGraduates);
    for (const region of [PROVINCE, '450200']) {
      const annexes = pub(built, 'graduate-quality', region).annexes!;
      expect(annexes.publications.some((p) => p.id.includes('4145010007'))).toBe(false);
      expect(annexes.omitted).toEqual(['庚技工学校']);
    }
    // Its row in the province's by-school table stays, under the count rules.
    const row = table(pub(built, 'graduate-quality'), 'schools-table').rows.find((r) => r.key === '4145010007')!;
    expect((row.cells.graduates as CellDetail).ref).toBe('grad|school=4145010007');
    const index = renderIndexHtml(RUN, [
      {
        title: 'x',
        region: '广西壮族自治区',
        year: LAST_YEAR,
        html: 'a.html',
        xlsx: 'a.xlsx',
        csv: [],
        annexes: {
          title: '各院校毕业生就业质量年度报告',
          entries: [],
          omitted: ['庚技工学校'],
          omittedReason: '因毕业生人数较少不单独发布',
        },
      },
    ]);
    expect(index).toContain('因毕业生人数较少不单独发布：庚技工学校。');
  });

  it("withholds and audits a count that the school's own table would give away: primary, a complement in the same table, and the run's audit", async () => {
    const data = (await readGraduateData(wh.conn, LAST_YEAR, PROVINCE, 5))!;
    const school = data.schools.find((s) => s.code === '4145010005')!;
    const own = schoolCountSystem(data, school, await flowPlaces());
    // 戊's majors table alone, its small counts withheld and nothing else: some small count is
    // recovered from its row and column totals.
    const small = [...own.cells.values()].filter((c) => isSensitiveCount(c.value)).map((c) => c.key);
    const alone = await auditCounts(
      own,
      new Map([...own.cells.values()].filter((c) => !small.includes(c.key)).map((c) => [c.key, c.value])),
    );
    const leaked = alone.violations.map((v) => v.key).filter((k) => k.includes('/'));
    expect(leaked.length).toBeGreaterThan(0);
    // The run withholds it and a complement in the school's own tables, and the audit of
    // everything the run prints (region and school reports) bounds it to an interval containing [1, 5].
    const report = pub(built, 'graduate-quality').annexes!.publications.find((p) => p.id.includes('4145010005'))!;
    const printed = tables(report).flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells))) as CellDetail[];
    const cell = printed.find((c) => typeof c === 'object' && c !== null && c.ref === leaked[0])!;
    expect(cell.withheld).toBe('small-count');
    expect(
      printed.some((c) => typeof c === 'object' && c !== null && c.withheld === 'complementary' && c.ref?.includes('4145010005')),
    ).toBe(true);
    const audit = await auditPublications(built.publications, built.system);
    expect(audit.violations).toEqual([]);
    const bounds = audit.intervals.find((i) => i.key === leaked[0])!;
    expect(bounds.lower).toBeLessThanOrEqual(1);
    expect(bounds.upper).toBeGreaterThanOrEqual(5);
  });

  it("links each school's system to the region's: the run's system holds both, and they add up", () => {
    expect(built.sizes.schools.map((s) => s.code)).toEqual([1, 2, 3, 4, 5, 6].map((k) => `414501000${k}`));
    for (const s of built.sizes.schools) expect(s.cells).toBeLessThan(built.sizes.region.cells);
    expect((built.system as LinkedSystems).checkAdditivity()).toEqual([]);
    // The province's 去向 are sums over the schools: one of the links across systems.
    expect(built.system.relations()).toContainEqual({
      total: 'grad|dest=abroad',
      parts: [1, 2, 3, 4, 5, 6, 7].map((k) => `grad|dest=abroad|school=414501000${k}`),
    });
  });

  it("prints each school's 地域流向 and 行业流向 as the flow tables hold them, totalling its working graduates", async () => {
    const school = pub(built, 'graduate-quality').annexes!.publications.find((p) => p.id.includes('4145010004'))!;
    const byPlace = await rows<{ place: string; n: number }>(
      `SELECT CASE WHEN g.province_code = '${PROVINCE}' THEN coalesce(r.parent_code, g.region_code) ELSE 'outside' END AS place,
              sum(g.employed)::INTEGER AS n
         FROM core.graduate_region g LEFT JOIN ref.region r ON r.code = g.region_code AND r.level = '县'
        WHERE g.graduation_year = ${LAST_YEAR} AND g.school_code = '4145010004' GROUP BY 1`,
    );
    const flows = table(school, 'flow-table');
    // A count is printed as the warehouse holds it, or withheld: 南宁市's report prints the sums over
    // its three schools, 己 among them, so some of 丁's cells protect 己's.
    const printedAs = (t: typeof flows, expected: ReadonlyMap<string, number>) => {
      let printed = 0;
      for (const r of t.rows.filter((x) => !x.total)) {
        const cell = r.cells.n as CellDetail;
        if (cell.withheld) continue;
        printed++;
        expect(cell.value, String(r.key)).toBe(expected.get(String(r.key)) ?? 0);
      }
      return printed;
    };
    expect(byPlace.length).toBe(3);
    // Every other place of the region's table is 0.
    expect(flows.rows.filter((r) => !r.total)).toHaveLength((await flowPlaces()).length);
    expect(printedAs(flows, new Map(byPlace.map((p) => [p.place, p.n])))).toBeGreaterThan(byPlace.length);
    expect(value(flows.rows.find((r) => r.key === '450100')!.cells.n)).toBe(byPlace.find((p) => p.place === '450100')!.n);
    const bySection = await rows<{ code: string; n: number }>(
      `SELECT section_code AS code, sum(employed)::INTEGER AS n FROM core.graduate_industry
        WHERE graduation_year = ${LAST_YEAR} AND school_code = '4145010004' GROUP BY 1 ORDER BY 1`,
    );
    const industries = table(school, 'industry-table');
    expect(industries.rows.filter((r) => !r.total).map((r) => r.key)).toEqual(bySection.map((s) => s.code));
    expect(printedAs(industries, new Map(bySection.map((s) => [s.code, s.n])))).toBeGreaterThan(0);
    const [working] = await rows<{ n: number }>(
      `SELECT sum(dest_contract + dest_flexible + dest_self_employed)::INTEGER AS n FROM core.graduate_outcome
        WHERE graduation_year = ${LAST_YEAR} AND school_code = '4145010004'`,
    );
    const total = (t: typeof flows) => {
      const cell = t.rows.find((r) => r.total)!.cells.n as CellDetail;
      expect(built.system.cells.get(cell.ref!)!.value).toBe(working!.n);
      if (!cell.withheld) expect(cell.value).toBe(working!.n);
    };
    total(flows);
    // Shares are of 就业 (应征义务兵 included, so they add up to less than 100%).
    const [employed] = await rows<{ n: number }>(
      `SELECT sum(dest_contract + dest_flexible + dest_self_employed + dest_military)::INTEGER AS n FROM core.graduate_outcome
        WHERE graduation_year = ${LAST_YEAR} AND school_code = '4145010004'`,
    );
    for (const r of flows.rows.filter((x) => Number(value(x.cells.n)) > 0))
      expect(r.cells.share, r.key).toBe(Math.round((Number(value(r.cells.n)) / employed!.n) * 1000) / 10);
    total(industries);
    // The school's 就业 is its flow total and its 应征义务兵: one relation of the run's system.
    expect(built.system.relations()).toContainEqual({
      total: 'grad|group=employed|school=4145010004',
      parts: ['flow|school=4145010004', 'grad|dest=military|school=4145010004'],
    });
  });

  it("withholds a small school's flow cell of 1–4 with a complement in its table, and the run's audit passes", async () => {
    const school = pub(built, 'graduate-quality').annexes!.publications.find((p) => p.id.includes('4145010005'))!;
    const flows = table(school, 'flow-table');
    const [outside] = await rows<{ n: number }>(
      `SELECT sum(employed)::INTEGER AS n FROM core.graduate_region
        WHERE graduation_year = ${LAST_YEAR} AND school_code = '4145010005' AND province_code <> '${PROVINCE}'`,
    );
    expect(isSensitiveCount(outside!.n)).toBe(true);
    const cell = flows.rows.find((r) => r.key === 'outside')!.cells.n as CellDetail;
    expect(cell.ref).toBe('flow|place=outside|school=4145010005');
    expect(cell.withheld).toBe('small-count');
    const withheld = flows.rows.map((r) => r.cells.n as CellDetail).filter((c) => c.withheld);
    expect(withheld.some((c) => c.withheld === 'complementary')).toBe(true);
    const audit = await auditPublications(built.publications, built.system);
    expect(audit.violations).toEqual([]);
    const bounds = audit.intervals.find((i) => i.key === cell.ref)!;
    expect(bounds.lower).toBeLessThanOrEqual(1);
    expect(bounds.upper).toBeGreaterThanOrEqual(5);
  });

  it("links the region's flow tables to the schools': each of its cells the sum of the schools' cells", () => {
    const system = built.system as LinkedSystems;
    const data = (k: string) => system.cells.get(k)!.value;
    const schools = [1, 2, 3, 4, 5, 6, 7].map((k) => `414501000${k}`);
    for (const place of ['450100', '450200', 'outside']) {
      expect(data(`flow|place=${place}`)).toBe(schools.reduce((s, c) => s + data(`flow|place=${place}|school=${c}`), 0));
      expect(system.relations()).toContainEqual({
        total: `flow|level=本科|place=${place}`,
        parts: ['4145010003', '4145010004', '4145010006'].map((c) => `flow|place=${place}|school=${c}`),
      });
    }
    expect(data('flow')).toBe(schools.reduce((s, c) => s + data(`flow|school=${c}`), 0));
    expect(system.relations()).toContainEqual({
      total: 'industry|section=C',
      parts: schools.map((c) => `industry|school=${c}|section=C`),
    });
    expect(system.checkAdditivity()).toEqual([]);
  });

  it('lists only the 大典 occupations: demand of postings coded to a 中类 is ranked in the mart but in no catalogue or ranking', async () => {
    // 电子厂普工 is coded 6-25-00-00 (计算机、通信和其他电子设备制造人员), a 中类 and no occupation.
    const group = '6-25-00-00';
    await wh.conn.run(`INSERT INTO marts.fct_occupation_shortage
      SELECT * REPLACE ('${group}' AS occupation_code, 0 AS rank, gap * 2 AS gap, '紧缺' AS shortage_level)
        FROM marts.fct_occupation_shortage WHERE region_code = '${PROVINCE}' AND year = ${LAST_YEAR + 1} ORDER BY rank LIMIT 1`);
    try {
      const again = await buildFor([PROVINCE]);
      const listed = [
        ...table(pub(again, 'skills-supply-demand'), 'ranking-table').rows,
        ...table(pub(again, 'shortage-catalogue'), 'catalogue-table').rows,
      ].map((r) => r.key);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed).not.toContain(group);
      const occupations = await rows<{ code: string }>(`SELECT code FROM ref.occupation WHERE is_occupation`);
      const known = new Set(occupations.map((o) => o.code));
      expect(listed.filter((k) => !known.has(String(k)))).toEqual([]);
    } finally {
      await wh.conn.run(`DELETE FROM marts.fct_occupation_shortage WHERE occupation_code = '${group}'`);
    }
  }, 60_000);

  it('writes the graduate report alone, and says so, when there is no projection vintage', async () => {
    await wh.conn.run(`CREATE TEMP TABLE saved AS SELECT * FROM meta.projection_runs; DELETE FROM meta.projection_runs`);
    try {
      const alone = await buildFor([PROVINCE]);
      expect(alone.publications.map((p) => p.id)).toEqual([`graduate-quality-${PROVINCE}-${LAST_YEAR}`]);
      expect(alone.notes.join('\n')).toMatch(/No projection vintage/);
    } finally {
      await wh.conn.run(`INSERT INTO meta.projection_runs SELECT * FROM saved; DROP TABLE saved`);
    }
  }, 60_000);

  it("states a bureau's staffing change factors in the 指标解释 of every occupation publication, and nothing without them", async () => {
    const terms = (p: Publication) => {
      const out: string[] = [];
      const walk = (sections: readonly Section[]) => {
        for (const s of sections) {
          for (const b of s.blocks) if (b.kind === 'methodology') out.push(...b.items.map((i) => `${i.term}：${i.definition}`));
          walk(s.sections ?? []);
        }
      };
      walk(p.sections);
      return out.filter((t) => t.startsWith('职业结构变化'));
    };
    const occupationPublications = ['skills-supply-demand', 'shortage-catalogue', 'training-catalogue'];
    for (const prefix of occupationPublications) expect(terms(pub(built, prefix)), prefix).toEqual([]);
    const [occupation] = await rows<{ code: string; name: string }>(
      `SELECT code, name FROM ref.occupation WHERE code LIKE '2-%' ORDER BY code LIMIT 1`,
    );
    await wh.conn.run(
      `INSERT INTO ref.staffing_change VALUES ('*', '${occupation!.code}', 0.04, '测试依据'), ('C', '${occupation!.code}', -0.015, '另一依据')`,
    );
    try {
      const stated = await buildFor([PROVINCE]);
      for (const prefix of occupationPublications)
        expect(terms(pub(stated, prefix)), prefix).toEqual([
          '职业结构变化：预测假定下列职业在所在行业就业人员中的占比逐年变化（自招聘数据所反映的年份起逐年复合，行业内各职业占比合计仍为100%）：' +
            `${occupation!.name}（各行业）每年增加4.0%，依据：测试依据；${occupation!.name}（制造业）每年减少1.5%，依据：另一依据。`,
        ]);
      // Industry employment does not move with the mix: the industry forecast states nothing.
      expect(terms(pub(stated, 'industry-forecast'))).toEqual([]);
    } finally {
      await wh.conn.run(`DELETE FROM ref.staffing_change`);
    }
  }, 60_000);
});

describe('the fan charts', () => {
  const blocks = (p: Publication) => p.sections.flatMap((x) => [x, ...(x.sections ?? [])]).flatMap((x) => x.blocks);
  /** Each fan of a publication: its table's years, the observed ones, the notes, and the dots of the observed line. */
  const fans = (p: Publication) =>
    blocks(p)
      .filter((b): b is ChartBlock => b.kind === 'chart' && b.spec.type === 'line-fan')
      .map((c) => {
        const t = table(p, c.table);
        const year = (r: (typeof t.rows)[number]) => Number(/^(\d{4})/.exec(String(value(r.cells.year)))![1]);
        return {
          id: c.id,
          years: t.rows.map(year),
          observed: t.rows.filter((r) => value(r.cells.observed) !== null).map((r) => [year(r), value(r.cells.observed)]),
          notes: (t.notes ?? []).map((n) => n.text),
          dots: (renderChartBlock(c, t, '图1', createChartDocument()).match(/<circle/g) ?? []).length,
        };
      });
  const history = Array.from({ length: FAN_HISTORY_YEARS + 1 }, (_, i) => LAST_YEAR - FAN_HISTORY_YEARS + i);

  it('draws employment over the observed years before the forecast, then the forecast years', () => {
    const all = fans(pub(built, 'industry-forecast'));
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) {
      expect(
        f.observed.map(([y]) => y),
        f.id,
      ).toEqual(history);
      expect(f.years, f.id).toEqual([...history, LAST_YEAR + 1, LAST_YEAR + 2, LAST_YEAR + 3]);
      expect(f.dots, f.id).toBe(history.length);
      expect(f.notes.join(''), f.id).not.toContain('此前年份');
    }
  });

  it('draws demand from as many observed years as the warehouse holds, and says where they start', async () => {
    // The marts hold openings from the last observed year on: one observed point, and a note saying so.
    for (const f of fans(pub(built, 'skills-supply-demand'))) {
      expect(
        f.observed.map(([y]) => y),
        f.id,
      ).toEqual([LAST_YEAR]);
      expect(f.notes.join(''), f.id).toContain(`估算值自${LAST_YEAR}年起`);
      expect(f.notes, f.id).toContain(ESTIMATE_NOTE);
    }
    // With openings for the earlier years the same fans draw them, back to FAN_HISTORY_YEARS before.
    await wh.conn.run(`CREATE TEMP TABLE saved_trend AS SELECT * FROM marts.fct_industry_trend;
      UPDATE marts.fct_industry_trend SET openings = 500 + 7 * (year - 2000) + length(group_code) WHERE year < ${LAST_YEAR}`);
    try {
      const withHistory = await buildFor([PROVINCE]);
      const expected = await rows<{ group_code: string; year: number; openings: number }>(
        `SELECT group_code, year::INTEGER AS year, openings FROM marts.fct_industry_trend
          WHERE framework = 'gx_nine_cards' AND region_code = '${PROVINCE}' AND NOT is_forecast AND year >= ${LAST_YEAR - FAN_HISTORY_YEARS}
          ORDER BY group_code, year`,
      );
      const all = fans(pub(withHistory, 'skills-supply-demand'));
      expect(all.length).toBeGreaterThan(0);
      for (const f of all) {
        const group = f.id.replace(/^demand-/, '').replace(/-chart$/, '');
        expect(f.observed, f.id).toEqual(expected.filter((e) => e.group_code === group).map((e) => [e.year, Math.round(e.openings)]));
        expect(
          f.observed.map(([y]) => y),
          f.id,
        ).toEqual(history);
        expect(f.dots, f.id).toBe(history.length);
        expect(f.notes.join(''), f.id).not.toContain('此前年份');
      }
    } finally {
      await wh.conn.run(
        `DELETE FROM marts.fct_industry_trend; INSERT INTO marts.fct_industry_trend SELECT * FROM saved_trend; DROP TABLE saved_trend`,
      );
    }
  }, 60_000);
});

describe('golden files of the small warehouse’s publications', () => {
  const chart = (p: Publication, id: string): ChartBlock => {
    for (const s of p.sections.flatMap((x) => [x, ...(x.sections ?? [])]))
      for (const b of s.blocks) if (b.kind === 'chart' && b.id === id) return b;
    throw new Error(`no chart ${id}`);
  };
  it('renders the gap ranking, the school table with its withheld cells and the catalogue as committed', () => {
    const skills = pub(built, 'skills-supply-demand');
    expectGolden('pub-ranking-table.html.golden', tableHtml(table(skills, 'ranking-table'), '表1'));
    expectGolden('pub-schools-table.html.golden', tableHtml(table(pub(built, 'graduate-quality'), 'schools-table'), '表1'));
    expectGolden('pub-catalogue-table.html.golden', tableHtml(table(pub(built, 'shortage-catalogue'), 'catalogue-table'), '表1'));
    const document = createChartDocument();
    expectGolden('pub-ranking.svg', renderChartBlock(chart(skills, 'ranking-chart'), table(skills, 'ranking-table'), '图1', document));
    const fan = chart(pub(built, 'industry-forecast'), `fan-${table(pub(built, 'industry-forecast'), 'groups-table').rows[0]!.key}-chart`);
    expectGolden('pub-fan.svg', renderChartBlock(fan, table(pub(built, 'industry-forecast'), fan.table), '图2', document));
  });
});

describe('红/黄/绿牌 majors', () => {
  const major = (key: string, graduates: number, unemployed: number, salary: number, satisfaction: number) => ({
    key,
    graduates,
    unemployed,
    salary,
    satisfaction,
  });
  const majors = [
    major('bad', 400, 120, 3000, 0.6),
    major('weak', 380, 90, 3600, 0.75),
    major('ok1', 200, 20, 4200, 0.85),
    major('ok2', 220, 25, 4300, 0.84),
    major('ok3', 210, 30, 4100, 0.83),
    major('ok4', 190, 22, 4000, 0.82),
    major('good', 150, 3, 5200, 0.93),
    major('tiny', 12, 6, 2500, 0.5),
  ];
  const cards = majorCards(majors, rules.majorCards);

  it('gives 红牌 to high unemployment with a low composite and 绿牌 to the reverse', () => {
    expect(cards.get('bad')!.card).toBe('红牌');
    expect(cards.get('good')!.card).toBe('绿牌');
    expect(cards.get('ok2')!.card).toBeNull();
  });

  it('does not rate a major under the minimum size', () => {
    expect(cards.has('tiny')).toBe(false);
  });
});
