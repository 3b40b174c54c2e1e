import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '@talent/models';
import { config, normalizers, sharedReference } from './helpers/coders.js';
import { formatIngestSummary, ingestAll, loadFile, readMapping, type IngestReport, type LoadResult } from '@talent/ingest';
import { loadIndustryList, loadReferenceLists, tempWarehouse } from './helpers/warehouse.js';

// The destination breakdowns of the demo province, loaded with the outcomes they break down and
// the MOE school list, then checked against the files read independently here.
const SOURCES = ['moe_hei_list_2017', 'demo_outcomes', 'demo_graduate_regions', 'demo_graduate_industries'];
const outcomesDir = join(config.dataDir, 'outcomes');
/** How these tests call ingest: the repository's mappings, the demo edition and the MOE school list sample. */
const INGEST = { sourcesDir: config.sourcesDir, roots: [config.dataDir, sharedReference()], normalizers } as const;
const csv = (p: string) => parse(readFileSync(p), { columns: true, bom: true }) as Record<string, string>[];
const mapping = (source: string) => readMapping(join(config.sourcesDir, `${source}.json`));

let ctx: Awaited<ReturnType<typeof tempWarehouse>>;
let wh: Warehouse;
let report: IngestReport;
const q = async (sql: string) =>
  (await wh.conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | boolean | null>[];
const one = async (sql: string) => (await q(sql))[0]!;
const load = (source: string) => report.loads.find((l) => l.source === source)!;

beforeAll(async () => {
  ctx = await tempWarehouse();
  wh = ctx.wh;
  await loadReferenceLists(wh);
  await loadIndustryList(wh);
  report = await ingestAll(wh, { ...INGEST, sources: SOURCES, today: '2026-06-30' });
}, 300_000);
afterAll(() => ctx.dispose());

describe('demo destination breakdowns load end to end', () => {
  it('reads every row of both files, and rows read = loaded + rejected', async () => {
    expect(report.mappingErrors).toEqual([]);
    for (const [source, file] of [
      ['demo_graduate_regions', 'graduate_destinations.csv'],
      ['demo_graduate_industries', 'graduate_industries.csv'],
    ] as const) {
      const l = load(source);
      expect(l.status, source).toBe('loaded');
      expect(l.rowsRead, source).toBe(csv(join(outcomesDir, file)).length);
      expect(l.rowsRead, source).toBe(l.rowsLoaded + l.rowsRejected);
      const [m] = await q(`SELECT rows_read, rows_loaded, rows_rejected FROM meta.loads WHERE load_id = '${l.loadId}'`);
      expect(Number(m!.rows_read)).toBe(Number(m!.rows_loaded) + Number(m!.rows_rejected));
      const table = source === 'demo_graduate_regions' ? 'graduate_region' : 'graduate_industry';
      expect(Number((await one(`SELECT count(*) AS n FROM core.${table} WHERE load_id = '${l.loadId}'`)).n)).toBe(l.rowsLoaded);
      expect(Number((await one(`SELECT count(*) AS n FROM raw.${table} WHERE load_id = '${l.loadId}'`)).n)).toBe(l.rowsLoaded);
    }
    const summary = formatIngestSummary(report);
    expect(summary).toContain('毕业去向地区');
    expect(summary).toContain('毕业去向行业');
  });

  it('keeps every count: the loaded sums equal the file sums, per region and per section', async () => {
    const sumBy = (rows: Record<string, string>[], key: string) => {
      const out: Record<string, number> = {};
      for (const r of rows) out[r[key]!] = (out[r[key]!] ?? 0) + Number(r['就业人数']);
      return out;
    };
    const asMap = (rows: Record<string, string | number | boolean | null>[]) =>
      Object.fromEntries(rows.map((r) => [String(r.k), Number(r.n)]));
    expect(asMap(await q(`SELECT region_code AS k, sum(employed) AS n FROM core.graduate_region GROUP BY 1`))).toEqual(
      sumBy(csv(join(outcomesDir, 'graduate_destinations.csv')), '就业地区代码'),
    );
    expect(asMap(await q(`SELECT industry_code AS k, sum(employed) AS n FROM core.graduate_industry GROUP BY 1`))).toEqual(
      sumBy(csv(join(outcomesDir, 'graduate_industries.csv')), '行业门类代码'),
    );
  });

  it('matches every region code to ref.region and every section letter to ref.industry', async () => {
    const r = await one(`SELECT avg(region_matched::INTEGER) AS share, count(*) FILTER (WHERE province_code IS NULL) AS no_province,
      count(DISTINCT region_code) AS codes FROM core.graduate_region`);
    expect(Number(r.share)).toBe(1);
    expect(Number(r.no_province)).toBe(0);
    // README: the 14 prefectures of the province and other provinces.
    const prefectures = await q(
      `SELECT DISTINCT region_code FROM core.graduate_region WHERE province_code = '450000' AND region_code <> '450000'`,
    );
    expect(prefectures).toHaveLength(14);
    const i =
      await one(`SELECT avg(industry_matched::INTEGER) AS share, count(*) FILTER (WHERE section_code IS DISTINCT FROM industry_code) AS rolled,
      avg(major_matched::INTEGER) AS majors FROM core.graduate_industry`);
    expect(Number(i.share)).toBe(1);
    // Section letters are their own section.
    expect(Number(i.rolled)).toBe(0);
    expect(Number(i.majors)).toBe(1);
    expect(report.sources.find((s) => s.source === 'demo_graduate_regions')!.unmatched.find((u) => u.what === 'regions')).toEqual({
      what: 'regions',
      rows: 0,
      examples: [],
    });
  });

  it("matches listed schools by code and gives them the school list's name; invented codes stay unmatched", async () => {
    const rows =
      await q(`SELECT school_code LIKE '3145%' OR school_code LIKE '4145099%' AS invented, school_matched, school_name IS NOT NULL AS named, count(*) AS n
      FROM core.graduate_region GROUP BY ALL ORDER BY ALL`);
    expect(rows.map((r) => `${r.invented}/${r.school_matched}/${r.named}`)).toEqual(['false/true/true', 'true/false/false']);
    const [gx] = await q(`SELECT DISTINCT school_name FROM core.graduate_region WHERE school_code = '4145010593'`);
    expect(gx!.school_name).toBe('广西大学');
  });
});

describe('reconciliation with graduate_outcomes (working = 协议和合同就业 + 灵活就业 + 自主创业)', () => {
  const working = `coalesce(dest_contract, 0) + coalesce(dest_flexible, 0) + coalesce(dest_self_employed, 0)`;

  it('per school × year, the region breakdown sums to the working graduates', async () => {
    const diff = await q(`
      WITH w AS (SELECT school_code, graduation_year, sum(${working}) AS working FROM core.graduate_outcome GROUP BY ALL),
      r AS (SELECT school_code, graduation_year, sum(employed) AS employed FROM core.graduate_region GROUP BY ALL)
      SELECT school_code, graduation_year, w.working, r.employed FROM w FULL JOIN r USING (school_code, graduation_year)
      WHERE coalesce(w.working, 0) <> coalesce(r.employed, 0)`);
    expect(diff).toEqual([]);
    // Not vacuous: every school × year of the outcomes file was compared.
    const pairs = new Set(csv(join(outcomesDir, 'graduate_outcomes.csv')).map((r) => `${r['学校代码']}|${r['毕业年份']}`));
    const [n] = await q(`SELECT count(*) AS n FROM (SELECT DISTINCT school_code, graduation_year FROM core.graduate_region)`);
    expect(Number(n!.n)).toBe(pairs.size);
  });

  it('per school × major × year, the industry breakdown sums to the working graduates', async () => {
    const diff = await q(`
      WITH w AS (SELECT school_code, major_code, graduation_year, sum(${working}) AS working FROM core.graduate_outcome GROUP BY ALL),
      i AS (SELECT school_code, major_code, graduation_year, sum(employed) AS employed FROM core.graduate_industry GROUP BY ALL)
      SELECT school_code, major_code, graduation_year, w.working, i.employed FROM w FULL JOIN i USING (school_code, major_code, graduation_year)
      WHERE coalesce(w.working, 0) <> coalesce(i.employed, 0)`);
    expect(diff).toEqual([]);
    const [n] = await q(`SELECT count(*) AS n FROM (SELECT DISTINCT school_code, major_code, graduation_year FROM core.graduate_industry)`);
    expect(Number(n!.n)).toBe(csv(join(outcomesDir, 'graduate_outcomes.csv')).length);
  });
});

describe('idempotency and replacement', () => {
  it('a second run loads nothing and changes no table', async () => {
    const counts = async () =>
      q(`SELECT (SELECT count(*) FROM core.graduate_region) AS r, (SELECT count(*) FROM core.graduate_industry) AS i,
      (SELECT count(*) FROM raw.graduate_region) AS rr, (SELECT count(*) FROM raw.graduate_industry) AS ri`);
    const before = await counts();
    const again = await ingestAll(wh, { ...INGEST, sources: SOURCES, today: '2026-06-30' });
    expect(again.loads.map((l) => l.status)).toEqual(SOURCES.map(() => 'skipped_duplicate'));
    expect(await counts()).toEqual(before);
  });

  it('a corrected destinations file replaces the earlier load', async () => {
    const dir = join(ctx.dir, 'corrected');
    mkdirSync(dir);
    const lines = readFileSync(join(outcomesDir, 'graduate_destinations.csv'), 'utf8').split('\n');
    // The school resends with one count corrected (one more working in the first row's region) and its last row dropped.
    const first = Number(lines[1]!.split(',').at(-1));
    expect(first).toBeGreaterThan(0);
    const corrected = first + 1;
    lines[1] = lines[1]!.replace(/,\d+$/, `,${corrected}`);
    const body = lines.filter((l) => l !== '').slice(0, -1);
    const path = join(dir, 'graduate_destinations.csv');
    writeFileSync(path, body.join('\n') + '\n');
    const old = load('demo_graduate_regions');
    const r = await ingestAll(wh, { ...INGEST, files: [{ source: 'demo_graduate_regions', path }], today: '2026-06-30' });
    expect(r.loads[0]!.status).toBe('replaced');
    expect(r.loads[0]!.replacedLoadIds).toEqual([old.loadId]);
    expect(Number((await one(`SELECT count(*) AS n FROM core.graduate_region`)).n)).toBe(body.length - 1);
    expect(Number((await one(`SELECT count(*) AS n FROM core.graduate_region WHERE load_id = '${old.loadId}'`)).n)).toBe(0);
    expect(Number((await one(`SELECT employed FROM core.graduate_region WHERE line = 2`)).employed)).toBe(corrected);
    // Sending the original again puts it back.
    const copy = join(dir, 'copy');
    mkdirSync(copy);
    copyFileSync(join(outcomesDir, 'graduate_destinations.csv'), join(copy, 'graduate_destinations.csv'));
    const back = await ingestAll(wh, {
      ...INGEST,
      files: [{ source: 'demo_graduate_regions', path: join(copy, 'graduate_destinations.csv') }],
      today: '2026-06-30',
    });
    expect(back.loads[0]!.status).toBe('replaced');
    expect(Number((await one(`SELECT count(*) AS n FROM core.graduate_region`)).n)).toBe(old.rowsLoaded);
  });
});

describe('bad input in the destination breakdowns', () => {
  const TODAY = '2025-12-31';
  let bad: Awaited<ReturnType<typeof tempWarehouse>>;
  beforeAll(async () => {
    bad = await tempWarehouse();
    await loadReferenceLists(bad.wh);
    await loadIndustryList(bad.wh);
  });
  afterAll(() => bad.dispose());
  const rows = async (sql: string) =>
    (await bad.wh.conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | number | boolean | null>[];
  const rejectsAt = async (r: LoadResult) => {
    const out = new Map<number, string[]>();
    for (const x of await rows(
      `SELECT line, column_name, reason FROM meta.rejected_rows WHERE load_id = '${r.loadId}' ORDER BY line, column_name`,
    ))
      out.set(Number(x.line), [...(out.get(Number(x.line)) ?? []), `${x.column_name}: ${x.reason}`]);
    return out;
  };

  it('regions: each faulty row is rejected with line, column and reason; unknown codes are kept unmatched', async () => {
    // A school's own table, with the header words a report uses (就业省市, 人数).
    const p = join(bad.dir, 'school_destinations.csv');
    writeFileSync(
      p,
      [
        '学校代码,学校名称,毕业年份,就业地区代码,就业省市,人数',
        '4145012104,柳州职业技术学院,2024,450200,柳州市,120',
        '4145012104,柳州职业技术学院,2024,440000,广东省,-3',
        '4145012104,柳州职业技术学院,2024,459999,东盟,7',
        '4145012104,柳州职业技术学院,2024,450300,桂林市,',
        '4145012104,柳州职业技术学院,2031,450100,南宁市,5',
        '4145012104,柳州职业技术学院,2024,450100,"=HYPERLINK(""http://x.example"",""南宁市"")",5',
        '4145012104,柳州职业技术学院,2024,,柳州市,9',
        '4145012104,柳州职业技术学院,2024,4502,柳州,9',
        ',,2024,450200,柳州市,3',
        '4145012104,柳州职业技术学院,2024,,,3',
        '4145012104,柳州职业技术学院,2024,450400,梧州市,=SUM(F2:F3)',
      ].join('\n') + '\n',
    );
    const r = await loadFile(bad.wh.conn, mapping('demo_graduate_regions'), p, { today: TODAY });
    expect(r.status).toBe('loaded');
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([11, 4, 7]);
    const rej = await rejectsAt(r);
    // Line 7's formula is text to neutralise, not a fault: it loads (kept as read in raw).
    expect(Object.fromEntries(rej)).toEqual({
      3: ['employed: negative value'],
      5: ['employed: required value missing'],
      6: ['graduation_year: year in the future'],
      9: ['region_code: does not match the expected form ^\\d{6}$'],
      10: ['school_name: school code or name is required'],
      11: ['region_text: region code or name is required'],
      12: ['employed: not a number'],
    });
    const kept =
      await rows(`SELECT line, region_code, region_text, region_matched, province_code, employed, school_matched FROM core.graduate_region
      WHERE load_id = '${r.loadId}' ORDER BY line`);
    expect(kept.map((x) => [Number(x.line), x.region_code, x.region_matched, x.province_code, Number(x.employed)])).toEqual([
      [2, '450200', true, '450000', 120],
      [4, '459999', false, null, 7],
      [7, '450100', true, '450000', 5],
      // No code: coded by the one division bearing the name.
      [8, '450200', true, '450000', 9],
    ]);
    // No school list loaded here: the school match is unknown, not false.
    expect(kept.every((x) => x.school_matched === null)).toBe(true);
    const [formula] = await rows(`SELECT c.region_text, r.region_text AS as_read FROM core.graduate_region c
      JOIN raw.graduate_region r USING (load_id, line) WHERE c.load_id = '${r.loadId}' AND c.line = 7`);
    expect(formula).toEqual({
      region_text: `'=HYPERLINK("http://x.example","南宁市")`,
      as_read: '=HYPERLINK("http://x.example","南宁市")',
    });
  });

  it('industries: deeper codes roll up to their section, unknown codes are kept, faulty rows are rejected', async () => {
    const p = join(bad.dir, 'school_industries.csv');
    writeFileSync(
      p,
      [
        '学校代码,专业代码,毕业年份,行业代码,行业,人数',
        '4145012104,460701,2024,C,制造业,40',
        '4145012104,460701,2024,3612,新能源车整车制造,12',
        '4145012104,460701,2024,,教育,3',
        '4145012104,460701,2024,9999,其他行业,2',
        '4145012104,460701,2024,Z,其他,2',
        '4145012104,460701,2024,C,制造业,-1',
        '4145012104,,2024,C,制造业,4',
        '4145012104,460701,2030,C,制造业,4',
        '4145010593,080717T,2024,I,信息传输、软件和信息技术服务业,6',
        '4145012104,460701,2024,,,6',
      ].join('\n') + '\n',
    );
    const r = await loadFile(bad.wh.conn, mapping('demo_graduate_industries'), p, { today: TODAY });
    expect([r.rowsRead, r.rowsLoaded, r.rowsRejected]).toEqual([10, 5, 5]);
    expect(Object.fromEntries(await rejectsAt(r))).toEqual({
      6: ['industry_code: does not match the expected form ^(?:[A-T]|\\d{2,4})$'],
      7: ['employed: negative value'],
      8: ['major_name: major code or name is required'],
      9: ['graduation_year: year in the future'],
      11: ['industry_text: industry code or name is required'],
    });
    const kept =
      await rows(`SELECT line, major_code, major_name, major_matched, industry_code, industry_matched, section_code FROM core.graduate_industry
      WHERE load_id = '${r.loadId}' ORDER BY line`);
    expect(kept.map((x) => [Number(x.line), x.industry_code, x.industry_matched, x.section_code])).toEqual([
      [2, 'C', true, 'C'],
      [3, '3612', true, 'C'],
      // 教育 is both 门类 P and 大类 83: the section wins.
      [4, 'P', true, 'P'],
      [5, '9999', false, null],
      [10, 'I', true, 'I'],
    ]);
    // The 本科 T suffix is stripped and the major named from the catalogue.
    expect(kept.find((x) => Number(x.line) === 10)).toMatchObject({ major_code: '080717', major_name: '人工智能', major_matched: true });
    expect(kept.find((x) => Number(x.line) === 2)).toMatchObject({ major_name: '汽车制造与试验技术', major_matched: true });
  });
});
