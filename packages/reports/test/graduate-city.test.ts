import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Warehouse } from '@talent/models';
import { auditPublications, type BuiltPublications, type CellDetail, type Publication } from '../src/index.js';
import { fixturePublications, LAST_YEAR, PROVINCE, publicationWarehouse } from './fixtures/publication-warehouse.js';
import { provinceWord, wholeRegion } from '../src/publications/context.js';
import { paragraphsOf, tableOf, tablesOf } from './helpers/blocks.js';

/** 柳州市: four schools of the fixture lie there, 甲 and 丙 large, 戊 small and 庚 below the size rule of the school reports. */
const CITY = '450200';

let wh: Warehouse;
let built: BuiltPublications;
const buildFor = (regions: string[]) => fixturePublications(wh, regions);
const rows = async <T>(sql: string): Promise<T[]> => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
const report = (b: BuiltPublications, region: string): Publication =>
  b.publications.find((p) => p.id === `graduate-quality-${region}-${LAST_YEAR}`)!;
const detail = (c: unknown) => c as CellDetail;
/** The schools the school list places in 柳州市, as a reader of the list would pick them. */
const LIUZHOU = `(SELECT school_code FROM core.school WHERE location = '柳州市')`;

beforeAll(async () => {
  wh = await publicationWarehouse();
  built = await buildFor([PROVINCE, CITY]);
}, 120_000);
afterAll(() => wh?.close());

describe("a city's graduate report covers the schools located in the city", () => {
  it('prints the province report’s sections for the city’s schools, then the graduates who work in the city', () => {
    const city = report(built, CITY);
    expect(city.title).toBe(`柳州市${LAST_YEAR}届毕业生就业质量年度报告`);
    expect(city.sections.map((s) => [s.id, s.title])).toEqual([
      ['preface', '前言'],
      ['basics', '柳州市院校毕业生就业基本情况'],
      ['quality', '柳州市院校毕业生就业质量分析'],
      ['trends', '发展趋势'],
      ['inflow', '在本市就业的毕业生'],
      ['sources', '数据来源'],
    ]);
    expect(city.sections[1]!.sections!.map((s) => [s.id, s.title])).toEqual([
      ['scale', '规模与结构'],
      ['destinations', '毕业去向'],
      ['schools', '各院校毕业去向落实情况'],
      ['flows', '地域流向'],
    ]);
    const text = paragraphsOf(city).join('\n');
    expect(text).toContain('本报告覆盖位于柳州市的4所院校');
    expect(text).toContain('下表列出4所院校的毕业去向；其中3所院校另有本校的毕业生就业质量年度报告');
    // A 门类 summed over a city's few schools is not printed (see addCitySchools).
    expect(tablesOf(city).map((t) => t.id)).not.toContain('industry-table');
    for (const t of tablesOf(city).filter((x) => x.id !== 'inflow-table'))
      expect(t.source.detail, t.id).toBe(`位于柳州市的院校${t.id === 'trend-table' ? `${LAST_YEAR - 4}—` : ''}${LAST_YEAR}届`);
  });

  it('prints graduates and 落实率 by level as the outcomes of the city’s schools give them, or withholds them', async () => {
    const truth = await rows<{ level: string | null; graduates: number; unemployed: number }>(
      `SELECT school_level AS level, sum(graduates)::INTEGER AS graduates, sum(dest_unemployed)::INTEGER AS unemployed
         FROM core.graduate_outcome WHERE graduation_year = ${LAST_YEAR} AND school_code IN ${LIUZHOU}
        GROUP BY ROLLUP (1) ORDER BY 1 NULLS LAST`,
    );
    // 本科 is 丙学院 alone, 高职专科 甲, 戊 and 庚.
    expect(truth.map((t) => [t.level, t.graduates])).toEqual([
      ['本科', 936],
      ['高职专科', 819],
      [null, 1755],
    ]);
    const levels = tableOf(report(built, CITY), 'levels-table');
    expect(levels.rows.map((r) => r.cells.label)).toEqual(['本科', '高职专科', '合计']);
    const printed = { counts: 0, rates: 0 };
    levels.rows.forEach((r, i) => {
      const t = truth[i]!;
      const n = detail(r.cells.graduates);
      if (!n.withheld) {
        printed.counts++;
        expect(n.value).toBe(t.graduates);
      }
      if (typeof r.cells.rate === 'number') {
        printed.rates++;
        expect(r.cells.rate).toBeCloseTo(100 - (100 * t.unemployed) / t.graduates, 1);
      } else expect(detail(r.cells.rate).withheld, r.key).toBeDefined();
    });
    // The city's total and its 落实率 are printed.
    expect(detail(levels.rows.at(-1)!.cells.graduates).value).toBe(1755);
    expect(levels.rows.at(-1)!.cells.rate).toBe(80.2);
    expect(printed.counts).toBe(3);
    // A level of one school is that school's row of the by-school table: one cell, not two.
    expect(detail(levels.rows[0]!.cells.graduates).ref).toBe('grad|school=4145010003');
    expect(detail(levels.rows[1]!.cells.graduates).ref).toBe('grad|school=C:450200/L:高职专科');
  });

  it('prints the recent cohorts of the city’s schools, the newest as its 去向 table does', async () => {
    const truth = await rows<{ year: number; graduates: number; unemployed: number }>(
      `SELECT graduation_year AS year, sum(graduates)::INTEGER AS graduates, sum(dest_unemployed)::INTEGER AS unemployed
         FROM core.graduate_outcome WHERE school_code IN ${LIUZHOU} AND graduation_year > ${LAST_YEAR} - 5 GROUP BY 1 ORDER BY 1`,
    );
    const t = tableOf(report(built, CITY), 'trend-table');
    expect(t.caption).toBe(`位于柳州市的${LAST_YEAR}届报送院校近几届毕业生规模和落实率`);
    expect(t.rows.map((r) => r.cells.cohort)).toEqual(truth.map((x) => `${x.year}届`));
    let printed = 0;
    t.rows.forEach((r, i) => {
      const x = truth[i]!;
      const n = detail(r.cells.graduates);
      const newest = x.year === LAST_YEAR;
      expect(n.ref).toBe(newest ? 'grad|school=C:450200' : `cohort_grad|cohort=${x.year}|school=C:450200`);
      if (!n.withheld) {
        printed++;
        expect(n.value).toBe(x.graduates);
      }
      if (typeof r.cells.rate === 'number') expect(r.cells.rate).toBeCloseTo(100 - (100 * x.unemployed) / x.graduates, 1);
      else expect(detail(r.cells.rate).withheld, String(x.year)).toBeDefined();
    });
    expect(printed).toBeGreaterThan(2);
    // The newest is the 去向 table's total, the very cell and rate.
    const levels = tableOf(report(built, CITY), 'levels-table');
    expect(t.rows.at(-1)!.cells.rate).toBe(levels.rows.at(-1)!.cells.rate);
  });

  it('prints the seven 去向 of the city’s schools, adding up to their graduates', async () => {
    const [dest] = await rows<Record<string, number>>(
      `SELECT sum(dest_contract)::INTEGER AS contract, sum(dest_flexible)::INTEGER AS flexible, sum(dest_self_employed)::INTEGER AS self_employed,
              sum(dest_military)::INTEGER AS military, sum(dest_further_study)::INTEGER AS further_study, sum(dest_abroad)::INTEGER AS abroad,
              sum(dest_unemployed)::INTEGER AS unemployed, sum(graduates)::INTEGER AS total
         FROM core.graduate_outcome WHERE graduation_year = ${LAST_YEAR} AND school_code IN ${LIUZHOU}`,
    );
    const t = tableOf(report(built, CITY), 'dest-table');
    expect(t.caption).toBe(`${LAST_YEAR}届柳州市院校毕业生毕业去向分布`);
    expect(t.rows.map((r) => r.key)).toEqual([
      'contract',
      'flexible',
      'self_employed',
      'military',
      'further_study',
      'abroad',
      'unemployed',
      'total',
    ]);
    for (const r of t.rows) {
      const n = detail(r.cells.n);
      expect(n.ref).toBe(r.total ? 'grad|school=C:450200' : `grad|dest=${r.key}|school=C:450200`);
      if (!n.withheld) expect(n.value, r.key).toBe(dest![r.key]);
    }
    expect(t.rows.filter((r) => detail(r.cells.n).withheld)).toEqual([]);
    expect(t.rows.find((r) => r.key === 'contract')!.cells.share).toBe(Math.round((1000 * dest!.contract!) / dest!.total!) / 10);
  });

  it('lists the city’s schools in the by-school table with the very cells of the province’s', () => {
    const city = tableOf(report(built, CITY), 'schools-table');
    const province = tableOf(report(built, PROVINCE), 'schools-table');
    expect(city.caption).toBe(`${LAST_YEAR}届柳州市各院校毕业生毕业去向`);
    expect(city.rows.map((r) => [r.key, r.cells.school])).toEqual([
      ['4145010003', '丙学院'],
      ['4145010001', '甲职业技术学院'],
      ['4145010005', '戊职业学院'],
      ['4145010007', '庚技工学校'],
    ]);
    for (const r of city.rows) expect(r.cells).toEqual(province.rows.find((p) => p.key === r.key)!.cells);
  });

  it('prints where the city’s schools’ employed graduates work: the city, the province’s other cities, 区外', async () => {
    const truth = await rows<{ place: string; n: number }>(
      `SELECT CASE WHEN g.province_code <> '${PROVINCE}' THEN 'outside'
                   WHEN coalesce(r.parent_code, g.region_code) = '${CITY}' THEN '${CITY}' ELSE 'elsewhere:${CITY}' END AS place,
              sum(g.employed)::INTEGER AS n
         FROM core.graduate_region g LEFT JOIN ref.region r ON r.code = g.region_code AND r.level = '县'
        WHERE g.graduation_year = ${LAST_YEAR} AND g.school_code IN ${LIUZHOU} GROUP BY 1`,
    );
    const flows = tableOf(report(built, CITY), 'flow-table');
    expect(flows.caption).toBe(`${LAST_YEAR}届柳州市院校就业毕业生地域流向`);
    expect(flows.rows.map((r) => [r.key, r.cells.place])).toEqual([
      [CITY, '柳州市'],
      [`elsewhere:${CITY}`, '区内其他市'],
      ['outside', '区外'],
      ['total', '合计'],
    ]);
    const expected = new Map(truth.map((t) => [t.place, t.n]));
    expected.set(
      'total',
      truth.reduce((s, t) => s + t.n, 0),
    );
    for (const r of flows.rows) expect(detail(r.cells.n).value, r.key).toBe(expected.get(r.key));
    // The fixture sends 30% of each school's working graduates to 柳州, half to 南宁, the rest to 广州.
    expect(expected.get(CITY)).toBe(359);
    expect(expected.get('total')).toBe(1199);
  });

  it('prints 月收入, 专业相关度 and 满意度 by level as the graduate-weighted means of the city’s schools', async () => {
    const truth = await rows<{ level: string; salary: number; relevance: number }>(
      `SELECT school_level AS level, sum(salary_mean_monthly * graduates) / sum(graduates) AS salary,
              sum(major_relevance * graduates) / sum(graduates) AS relevance
         FROM core.graduate_outcome WHERE graduation_year = ${LAST_YEAR} AND school_code IN ${LIUZHOU} GROUP BY 1 ORDER BY 1`,
    );
    const quality = tableOf(report(built, CITY), 'quality-table');
    expect(quality.rows.map((r) => r.key)).toEqual(['本科', '高职专科']);
    for (const r of quality.rows) {
      const t = truth.find((x) => x.level === r.key)!;
      expect(r.cells.salary).toBe(Math.round(t.salary));
      expect(r.cells.relevance).toBeCloseTo(t.relevance * 100, 1);
    }
  });

  it("holds the city's counts in the run's system as sums of its schools' cells, and the run's audit passes", async () => {
    const relations = built.system.relations();
    expect(relations).toContainEqual({
      total: 'grad|dest=military|school=C:450200',
      parts: ['4145010001', '4145010003', '4145010005', '4145010007'].map((s) => `grad|dest=military|school=${s}`),
    });
    const elsewhere = relations.find((r) => r.total === 'flow|place=elsewhere:450200|school=C:450200')!;
    // Each school's graduates in each other city of the province: 4 schools × 13 cities.
    expect(elsewhere.parts).toHaveLength(4 * 13);
    expect(elsewhere.parts).toContain('flow|place=450100|school=4145010001');
    expect(relations).toContainEqual({
      total: 'grad|group=employed|school=C:450200',
      parts: ['flow|school=C:450200', 'grad|dest=military|school=C:450200'],
    });
    const audit = await auditPublications(built.publications, built.system);
    expect(audit.violations).toEqual([]);
    expect(audit.mismatches).toEqual([]);
  });
});

describe('a city no school lies in', () => {
  it('has the graduates who work in it alone, and says why, with no table of zeros for schools it has not', async () => {
    await wh.conn.run(`UPDATE core.school SET location = '南宁市' WHERE location = '柳州市'`);
    try {
      const moved = await buildFor([PROVINCE, CITY]);
      const city = report(moved, CITY);
      expect(city.title).toBe(`柳州市${LAST_YEAR}届院校毕业生在本市就业情况`);
      expect(city.sections.map((s) => s.id)).toEqual(['preface', 'inflow', 'sources']);
      expect(paragraphsOf(city)[0]).toBe(
        `本报告统计${LAST_YEAR}届区内院校毕业生在柳州市就业的情况。柳州市无报送${LAST_YEAR}届毕业去向的院校，各院校的毕业去向、月收入等指标见全区报告。`,
      );
      expect(tablesOf(city).map((t) => t.id)).not.toContain('levels-table');
      expect(city.annexes).toBeUndefined();
      expect([...moved.system.cells.keys()].filter((k) => k.includes('C:450200'))).toEqual([]);
      // 南宁市 now holds all seven.
      expect(tableOf(report(moved, PROVINCE), 'schools-table').rows).toHaveLength(7);
      const inflow = tableOf(city, 'inflow-table');
      expect(detail(inflow.rows.at(-1)!.cells.n).value).toBeGreaterThan(0);
    } finally {
      await wh.conn.run(
        `UPDATE core.school SET location = '柳州市' WHERE school_code IN ('4145010001', '4145010003', '4145010005', '4145010007')`,
      );
    }
  }, 60_000);

  it('says the school lists place no school when none of the cohort has a known city', async () => {
    await wh.conn.run(`CREATE TEMP TABLE saved_schools AS SELECT * FROM core.school; DELETE FROM core.school`);
    try {
      const city = report(await buildFor([CITY]), CITY);
      expect(city.sections.map((s) => s.id)).toEqual(['preface', 'inflow', 'sources']);
      expect(paragraphsOf(city)[0]).toContain('院校所在地未入库，各院校的毕业去向、月收入等指标见全区报告。');
    } finally {
      await wh.conn.run(`INSERT INTO core.school SELECT * FROM saved_schools; DROP TABLE saved_schools`);
    }
  }, 60_000);

  it('names a school as the latest school list does when it was renamed after filing its returns', async () => {
    // A later list renames 丙学院 (its outcome rows keep the old name) under the same 学校标识码.
    await wh.conn.run(`
      INSERT INTO meta.loads BY NAME SELECT 'L-later-list' AS load_id, 'fixture_schools' AS source, 'school' AS kind, 'school_list_2026.csv' AS file_path,
        'y' AS file_sha256, '2026' AS period, 1 AS rows_read, 1 AS rows_loaded, 0 AS rows_rejected, 0 AS duplicates_collapsed, 'loaded' AS status, TIMESTAMPTZ '2026-12-01 02:00:00+00' AS started_at,
        TIMESTAMPTZ '2026-12-01 02:01:00+00' AS finished_at;
      INSERT INTO core.school BY NAME SELECT 'L-later-list' AS load_id, 1 AS line, 'fixture_schools' AS source,
        '4145010003' AS school_code, '丙师范大学' AS school_name, '柳州市' AS location, '本科' AS level_text`);
    try {
      const [name] = await rows<{ school_name: string }>(
        `SELECT school_name FROM core.school_name_by_code WHERE school_code = '4145010003'`,
      );
      expect(name!.school_name).toBe('丙师范大学');
      const renamed = report(await buildFor([PROVINCE, CITY]), CITY);
      const schools = tableOf(renamed, 'schools-table').rows.map((r) => String(r.cells.school));
      expect(schools.some((n) => n.includes('丙师范大学'))).toBe(true);
      expect(schools.some((n) => n.includes('丙学院'))).toBe(false);
    } finally {
      await wh.conn.run(`DELETE FROM core.school WHERE load_id = 'L-later-list'; DELETE FROM meta.loads WHERE load_id = 'L-later-list'`);
    }
  }, 60_000);

  it('speaks of 省内、省外 for a province that is not an autonomous region', () => {
    const guizhou = { code: '520000', name: '贵州省', level: '省', provinceCode: '520000' };
    expect([provinceWord(guizhou), wholeRegion(guizhou)]).toEqual(['省', '全省']);
    const guangxi = { code: PROVINCE, name: '广西壮族自治区', level: '省', provinceCode: PROVINCE };
    expect([provinceWord(guangxi), wholeRegion(guangxi)]).toEqual(['区', '全区']);
    expect(wholeRegion({ code: CITY, name: '柳州市', level: '市', provinceCode: PROVINCE })).toBe('全市');
  });
});
