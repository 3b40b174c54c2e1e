/**
 * The 紧缺型职业（工种）目录 of the small warehouse: what its 新进 count compares with, where a city edition
 * says each occupation is hired, how unknown growth is printed, and the print widths of the catalogue table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig, type Warehouse } from '@talent/models';
import { readPublicationRules, validatePublication, type BuiltPublications } from '../src/index.js';
import { tableHtml } from '../src/render/table-html.js';
import { fixturePublications, LAST_YEAR, PROVINCE, publicationWarehouse, VINTAGE } from './fixtures/publication-warehouse.js';
import { paragraphsOf, tableOf } from './helpers/blocks.js';

const config = resolveConfig({}, {});
const rules = readPublicationRules(config.datasetsDir);
const CITY = '450200';
const NEXT = LAST_YEAR + 1;

const table = tableOf;
const paragraphs = paragraphsOf;
const catalogue = (built: BuiltPublications, region: string) =>
  built.publications.find((p) => p.id === `shortage-catalogue-${region}-${NEXT}`)!;

let wh: Warehouse;
let built: BuiltPublications;
const buildFor = (regions: string[]) => fixturePublications(wh, regions);
const rows = async <T>(sql: string): Promise<T[]> => (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as T[];

/** The rule of rules.json written out in SQL: the catalogue of a region in a year, in catalogue order. */
const selected = async (region: string, year: number) =>
  (
    await rows<{ code: string; rank: number }>(
      `SELECT s.occupation_code AS code, s.rank::INTEGER AS rank FROM marts.fct_occupation_shortage s
         JOIN ref.occupation o ON o.code = s.occupation_code
        WHERE s.run_id = '${VINTAGE}' AND s.region_code = '${region}' AND s.year = ${year} AND o.is_occupation AND s.gap > 0
          AND s.shortage_level IN (${rules.shortageCatalogue.levels.map((l) => `'${l}'`).join(', ')})
        ORDER BY s.rank LIMIT ${rules.shortageCatalogue.maxEntries}`,
    )
  ).map((r) => r.code);

beforeAll(async () => {
  wh = await publicationWarehouse();
  built = await buildFor([PROVINCE, CITY]);
}, 120_000);
afterAll(() => wh?.close());

describe('the shortage catalogue', () => {
  it('counts as 新进 the occupations absent from last year’s catalogue by the same rule, and numbers the others by their place in it', async () => {
    let missedByRank = 0;
    for (const region of [PROVINCE, CITY]) {
      const now = await selected(region, NEXT);
      const before = await selected(region, LAST_YEAR);
      const pub = catalogue(built, region);
      const t = table(pub, 'catalogue-table');
      expect(t.rows.map((r) => r.key)).toEqual(now);
      expect(t.columns.find((c) => c.key === 'previous')!.header).toBe('上期目录序号');
      expect(t.rows.map((r) => r.cells.previous)).toEqual(now.map((c) => (before.includes(c) ? String(before.indexOf(c) + 1) : '新进')));
      const fresh = now.filter((c) => !before.includes(c));
      expect(fresh.length, region).toBeGreaterThan(0);
      expect(paragraphs(pub).join('\n')).toContain(`与按同一规则测算的${LAST_YEAR}年目录相比，新进目录的${fresh.length}个。`);
      expect(t.notes!.map((n) => n.text).join('')).toContain(
        `上期目录序号为该职业在按同一规则测算的${LAST_YEAR}年目录中的序号，“新进”表示未列入该目录`,
      );
      // The fixture's new entries were ranked last year, well within the catalogue's size, but not listed
      // (no positive gap): a count of ranks beyond maxEntries misses them.
      const [ranked] = await rows<{ n: number }>(
        `SELECT count(*)::INTEGER AS n FROM marts.fct_occupation_shortage WHERE run_id = '${VINTAGE}' AND region_code = '${region}'
            AND year = ${LAST_YEAR} AND rank <= ${rules.shortageCatalogue.maxEntries} AND occupation_code IN (${fresh.map((c) => `'${c}'`).join(', ')})`,
      );
      missedByRank += ranked!.n;
    }
    expect(missedByRank).toBeGreaterThan(0);
  });

  it('names the typical cities in the province’s catalogue and, in a city’s, no city at all', () => {
    const province = table(catalogue(built, PROVINCE), 'catalogue-table');
    expect(province.columns.map((c) => c.header)).toContain('需求典型城市');
    expect(paragraphs(catalogue(built, PROVINCE))).toContain(rules.typicalCities.description);
    const city = table(catalogue(built, CITY), 'catalogue-table');
    expect(city.columns.map((c) => c.header)).not.toContain('需求典型城市');
    expect(paragraphs(catalogue(built, CITY))).not.toContain(rules.typicalCities.description);
  });

  it('prints no 区县 column for a city whose postings seldom name a county, and says why', () => {
    // The fixture holds no postings: no occupation of the catalogue has a county to name.
    const pub = catalogue(built, CITY);
    const t = table(pub, 'catalogue-table');
    expect(t.columns.map((c) => c.key)).not.toContain('counties');
    expect(t.rows.every((r) => !('counties' in r.cells) && !('cities' in r.cells))).toBe(true);
    const said = paragraphs(pub).find((p) => p.startsWith('本目录不列需求典型区县'))!;
    expect(said).toBe(
      `本目录不列需求典型区县：${LAST_YEAR - 2}—${LAST_YEAR}年网络招聘岗位中注明柳州市所在区县的，目录所列${t.rows.length}个职业中没有一个在某一区县有不少于5个岗位，不足以说明各职业的需求集中在哪些区县。`,
    );
    expect(validatePublication(pub)).toEqual([]);
  });

  it('names in a city’s catalogue the counties holding most of each occupation’s vacancies, from postings coded to them', async () => {
    const codes = table(catalogue(built, CITY), 'catalogue-table').rows.map((r) => r.key);
    expect(codes.length).toBe(2);
    const [first, second] = codes as [string, string];
    // [occupation, region, year, originals, copies of each]: only originals coded to a county of 柳州 in the
    // three posting years up to the report year count.
    const postings: [string, string, number, number, number][] = [
      [first, '450204', LAST_YEAR, 7, 0], // 柳南区
      [first, '450202', LAST_YEAR - 2, 5, 0], // 城中区
      [first, '450203', LAST_YEAR, 4, 0], // 鱼峰区: under 5
      [first, '450205', LAST_YEAR - 3, 9, 0], // 柳北区: before the years read
      [first, '450222', LAST_YEAR, 3, 2], // 柳城县: 3 vacancies posted 9 times
      [first, '450102', LAST_YEAR, 9, 0], // 兴宁区, a district of 南宁
      [first, CITY, LAST_YEAR, 20, 0], // 柳州 without a county
      [second, '450224', LAST_YEAR, 4, 0], // 融安县: under 5
    ];
    // posting_id is file_key:line; a copy points at its original's.
    const values = postings.flatMap(([occupation, region, year, originals, copies], p) =>
      Array.from({ length: originals }, (_, i) => {
        const line = p * 1000 + i * 10;
        const posting = (k: number) =>
          `('fx', 'L-fx', ${line + k}, 'fx', '${region}', '${occupation}', DATE '${year}-06-0${k + 1}', ${k ? `'fx:${line}'` : 'NULL'})`;
        return Array.from({ length: 1 + copies }, (_, k) => posting(k)).join(', ');
      }),
    );
    await wh.conn
      .run(`INSERT INTO core.job_posting_codes (file_key, load_id, line, source, region_code, occupation_code, posted_date, duplicate_of)
      VALUES ${values.join(', ')}`);
    try {
      const again = await buildFor([CITY]);
      const pub = catalogue(again, CITY);
      const t = table(pub, 'catalogue-table');
      const column = t.columns.find((c) => c.key === 'counties')!;
      expect(column.header).toBe('需求典型区县');
      expect(t.columns.map((c) => c.key)).toEqual(['rank', 'name', 'code', 'definition', 'level', 'counties', 'previous', 'industries']);
      expect(t.rows.map((r) => r.cells.counties)).toEqual(['柳南区、城中区', '—']);
      expect(paragraphs(pub)).toContain(
        `需求典型区县：${LAST_YEAR - 2}—${LAST_YEAR}年网络招聘岗位中注明所在区县的，该职业岗位最多的区县，至多${rules.typicalCities.count}个，按岗位数由多到少排列（重复发布的岗位只计一次）；不足5个岗位的区县不列，各区县均不足的记为“—”。`,
      );
      expect(validatePublication(pub)).toEqual([]);
    } finally {
      await wh.conn.run(`DELETE FROM core.job_posting_codes WHERE load_id = 'L-fx'`);
    }
  }, 60_000);

  it('names in a city’s catalogue the industries of the city’s own projection, not the province’s', async () => {
    const [code] = table(catalogue(built, CITY), 'catalogue-table').rows.map((r) => r.key);
    // 南宁 alone employs the occupation in 通用设备制造业 (34), and more than in any other industry.
    await wh.conn.run(`INSERT INTO marts.projection_occupation
      SELECT * REPLACE ('450100' AS region_code, '34' AS industry_code, openings * 100 AS openings)
        FROM marts.projection_occupation WHERE run_id = '${VINTAGE}' AND region_code = '${CITY}' AND occupation_code = '${code}'
         AND year = ${NEXT} AND industry_code = '36'`);
    try {
      const again = await buildFor([PROVINCE, CITY]);
      const industries = (region: string) =>
        table(catalogue(again, region), 'catalogue-table').rows.find((r) => r.key === code)!.cells.industries;
      const own = await rows<{ name: string }>(
        `SELECT i.name FROM marts.projection_occupation p JOIN ref.industry i ON i.code = p.industry_code
          WHERE p.run_id = '${VINTAGE}' AND p.region_code = '${CITY}' AND p.occupation_code = '${code}' AND p.year = ${NEXT} AND p.openings > 0
          GROUP BY i.name ORDER BY sum(p.openings) DESC LIMIT ${rules.shortageCatalogue.industriesPerOccupation}`,
      );
      expect(industries(CITY)).toBe(own.map((o) => o.name).join('；'));
      expect(String(industries(CITY))).not.toContain('通用设备制造业');
      expect(String(industries(PROVINCE)).split('；')[0]).toBe('通用设备制造业');
    } finally {
      await wh.conn.run(`DELETE FROM marts.projection_occupation WHERE industry_code = '34'`);
    }
  }, 60_000);

  it('prints “—” for a growth the warehouse leaves unknown, and says under the table what it means', async () => {
    const note = '“—”表示上年或本年招聘岗位过少，不计算增长。';
    const indicators = table(catalogue(built, PROVINCE), 'indicators-table');
    expect((indicators.notes ?? []).map((n) => n.text)).not.toContain(note);
    const [first, second] = indicators.rows.map((r) => r.key) as [string, string];
    const where = `run_id = '${VINTAGE}' AND region_code = '${PROVINCE}' AND year = ${NEXT}`;
    const saved = await rows<{ code: string; posting_growth: number; pay_growth: number }>(
      `SELECT occupation_code AS code, posting_growth, pay_growth FROM marts.fct_occupation_shortage WHERE ${where} AND occupation_code IN ('${first}', '${second}')`,
    );
    await wh.conn.run(`UPDATE marts.fct_occupation_shortage SET posting_growth = NULL WHERE ${where} AND occupation_code = '${first}';
      UPDATE marts.fct_occupation_shortage SET pay_growth = NULL WHERE ${where} AND occupation_code = '${second}'`);
    try {
      const again = await buildFor([PROVINCE]);
      const t = table(catalogue(again, PROVINCE), 'indicators-table');
      const cells = (code: string) => t.rows.find((r) => r.key === code)!.cells;
      expect(cells(first).postingGrowth).toBe('—');
      expect(cells(first).payGrowth).toBe(Math.round(saved.find((s) => s.code === first)!.pay_growth * 1000) / 10);
      expect(cells(second).payGrowth).toBe('—');
      expect(t.notes!.map((n) => n.text)).toContain(note);
      const html = tableHtml(t, '表3');
      expect(html).toContain(`<td class="num">—</td>`);
      expect(html).toContain(note);
    } finally {
      for (const s of saved)
        await wh.conn.run(
          `UPDATE marts.fct_occupation_shortage SET posting_growth = ${s.posting_growth}, pay_growth = ${s.pay_growth} WHERE ${where} AND occupation_code = '${s.code}'`,
        );
    }
  }, 60_000);

  it('gives the catalogue tables fixed print widths and the smaller type, the place lists wrapping only between names', () => {
    // How they print is checked in Chromium (shortage-catalogue-browser.test.ts); here, what the HTML asks for.
    for (const region of [PROVINCE, CITY]) {
      const pub = catalogue(built, region);
      const t = table(pub, 'catalogue-table');
      expect(t.columns.filter((c) => c.width === undefined).map((c) => c.key)).toEqual(['definition']);
      expect(t.columns.reduce((s, c) => s + (c.width ?? 0), 0)).toBeLessThan(80);
      expect(t.columns.find((c) => c.key === 'level')!.wrap).toBe('none');
      const html = tableHtml(t, '表2');
      expect(html).toContain(
        `<table class="wide fixed"><colgroup>${t.columns.map((c) => (c.width ? `<col style="width:${c.width}%">` : '<col>')).join('')}</colgroup>`,
      );
      expect(html).toContain('<td class="text wrap-none">');
      const indicators = table(pub, 'indicators-table');
      expect(indicators.columns.filter((c) => c.width === undefined).map((c) => c.key)).toEqual(['name']);
      expect(validatePublication(pub)).toEqual([]);
    }
    const cities = table(catalogue(built, PROVINCE), 'catalogue-table');
    expect(cities.columns.find((c) => c.key === 'cities')!.wrap).toBe('list');
    expect(tableHtml(cities, '表2')).toContain('<td class="text wrap-list">南宁市、柳州市</td>');
  });
});
