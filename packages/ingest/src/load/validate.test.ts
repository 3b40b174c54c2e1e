import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type RecordKind, sqlIdent, sqlLiteral, type Warehouse } from '@talent/models';
import { kindSpec } from './kinds.js';
import { validateStaging } from './validate.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse(':memory:');
});
afterAll(() => wh.close());

/** Rows as a source writes them (text), each meant to probe one rule of the schema. */
const CASES: Record<RecordKind, Record<string, string>[]> = {
  employment: [
    { year: '2024', region_text: '柳州市', industry_text: '汽车制造业', universe: 'urban_units', employment: '58211' },
    { year: '2024', region_code: '450200', industry_code: '36', industry_text: '汽车制造业', universe: 'urban_units', employment: '58211' },
    { year: '2023', region_text: '全区', industry_text: '制造业', universe: 'all', employment: '2712000', revised_from: '2698000' },
    { year: '2024', industry_text: '合计', universe: 'urban_units', employment: '120' },
    { year: '2024', region_text: '柳州市', industry_text: '合计', universe: 'urban', employment: '120' },
    { year: '2024', region_text: '柳州市', industry_text: '合计', universe: 'all', employment: '-5' },
    { year: '2024', region_text: '柳州市', industry_text: '合计', universe: 'all', employment: '12.5' },
    { year: '2031', region_text: '柳州市', industry_text: '合计', universe: 'all', employment: '100' },
    { year: '2024', region_text: '柳州市', industry_text: '', universe: 'all', employment: '100' },
    { year: '2024', region_code: '4502', industry_text: '合计', universe: 'all', employment: '100' },
  ],
  enrollment: [
    {
      school_name: '柳州职业技术学院',
      school_code: '4145012104',
      school_level: '高职专科',
      major_code: '460701',
      year: '2024',
      enrolled_new: '120',
      enrolled_total: '350',
      graduates: '98',
    },
    { school_name: '柳州职业技术学院', school_level: '高职专科', major_name: '汽车电子技术', year: '2024', enrolled_new: '80' },
    { school_name: '柳州职业技术学院', school_level: '高职专科', year: '2024', enrolled_new: '80' },
    { school_name: '柳州职业技术学院', school_code: '414501210', school_level: '高职专科', major_code: '460701', year: '2024' },
    { school_name: '柳州职业技术学院', school_level: '专科', major_code: '460701', year: '2024' },
    { school_name: '柳州职业技术学院', school_level: '高职专科', major_code: '460701', year: '1900' },
    { school_name: '柳州职业技术学院', school_level: '高职专科', major_code: '460701', year: '2024', enrolled_total: '-1' },
    { school_name: '柳州职业技术学院', school_level: '高职专科', major_code: '460701', year: '2024', graduates: '12.5' },
    { school_name: '', school_level: '高职专科', major_code: '460701', year: '2024' },
    { school_name: '柳州职业技术学院', school_level: '高职专科', major_code: '46070A', year: '2024' },
  ],
  graduate_outcome: [
    {
      school_name: '广西大学',
      major_code: '080901',
      graduation_year: '2024',
      graduates: '120',
      dest_contract: '80',
      dest_further_study: '20',
      dest_unemployed: '20',
      salary_mean_monthly: '5542',
      major_relevance: '0.62',
      satisfaction: '0.80',
    },
    {
      school_name: '广西大学',
      major_code: '080901',
      graduation_year: '2024',
      graduates: '100',
      dest_contract: '80',
      dest_further_study: '30',
    },
    { school_name: '广西大学', major_code: '080901', graduation_year: '2024', graduates: '100', satisfaction: '1.2' },
    { school_name: '广西大学', major_code: '080901', graduation_year: '2024', graduates: '100', major_relevance: '62%' },
    { school_name: '广西大学', graduation_year: '2024', graduates: '100' },
    { school_name: '广西大学', major_name: '计算机科学与技术', graduation_year: '2024', graduates: '', dest_contract: '3' },
    { school_name: '广西大学', major_name: '计算机科学与技术', graduation_year: '2024', graduates: '10', destination_region_code: '4502' },
    { school_name: '广西大学', major_name: '计算机科学与技术', graduation_year: '2024', graduates: '10', destination_industry_code: 'C36' },
  ],
  occupation_group: [
    {
      publisher: '柳州市公共就业服务中心',
      period: '2025Q2',
      group_name: '专业技术人员',
      vacancies: '5165',
      job_seekers: '4162',
      job_seeker_ratio: '1.24',
    },
    { publisher: '柳州市公共就业服务中心', period: '2025Q2', group_name: '无要求', job_seekers: '2283' },
    {
      publisher: '柳州市公共就业服务中心',
      period: '2025Q2',
      group_name: '军人',
      group_code: '7-00-00-00',
      vacancies: '0',
      job_seekers: '0',
    },
    { publisher: '柳州市公共就业服务中心', period: '2025Q2', group_name: '专业技术人员', group_code: '2-02-00-00', vacancies: '5' },
    { publisher: '柳州市公共就业服务中心', period: '2025Q2', group_name: '专业技术人员', group_code: '2-00', vacancies: '5' },
    { publisher: '柳州市公共就业服务中心', period: '2025Q5', group_name: '合计', vacancies: '30256' },
    { publisher: '柳州市公共就业服务中心', period: '2026Q1', group_name: '合计', vacancies: '30256' },
    { publisher: '柳州市公共就业服务中心', period: '2025Q2', group_name: '', vacancies: '30256' },
    { publisher: '柳州市公共就业服务中心', period: '2025Q2', group_name: '合计', vacancies: '-1' },
    { publisher: '柳州市公共就业服务中心', period: '2025Q2', group_name: '合计', job_seeker_ratio: '-0.5' },
  ],
  shortage: [
    { publisher: '人力资源和社会保障部', period: '2022Q1', rank: '1', occupation_name: '营销员' },
    { publisher: '人力资源和社会保障部', period: '2022Q5', rank: '1', occupation_name: '营销员' },
    { publisher: '人力资源和社会保障部', period: '2022', rank: '0', occupation_name: '营销员' },
    {
      publisher: '人力资源和社会保障部',
      period: '2022-03',
      rank: '3',
      occupation_name: '车工',
      occupation_code: '6-18-01-01',
      job_seeker_ratio: '2.5',
    },
    { publisher: '人力资源和社会保障部', period: '2022H1', rank: '3', occupation_name: '车工', occupation_code: '6-18-1-01' },
    { publisher: '', period: '2022', rank: '3', occupation_name: '车工' },
    { publisher: '人社厅', period: '2022', rank: '3', occupation_name: '车工', job_seeker_ratio: '-0.2' },
    {
      publisher: '人社厅',
      period: '2024Q2',
      rank: '1',
      occupation_name: '乳品加工工',
      vacancies: '1044',
      job_seekers: '388',
      shortfall: '656',
      previous_rank: '1',
    },
    {
      publisher: '人社厅',
      period: '2024Q2',
      rank: '2',
      occupation_name: '计算机维修工',
      vacancies: '1348',
      job_seekers: '919',
      shortfall: '492',
      previous_rank: '58',
    },
    { publisher: '人社厅', period: '2024Q2', rank: '3', occupation_name: '车工', vacancies: '-5', job_seekers: '919', previous_rank: '0' },
  ],
  school: [
    { school_name: '柳州职业技术学院', school_code: '4145012104', authority: '广西壮族自治区', location: '柳州市', level_text: '专科' },
    { school_name: '柳州职业技术学院', school_code: '41450121' },
    { school_name: '', school_code: '4145012104' },
    { school_name: '北京大学', school_code: '4111010001', note: '备'.repeat(501) },
  ],
  graduate_region: [
    { school_code: '4145010593', graduation_year: '2024', region_code: '450200', region_text: '柳州市', employed: '40' },
    { school_name: '广西大学', graduation_year: '2024', region_text: '广东省', employed: '12' },
    { school_code: '4145010593', graduation_year: '2024', employed: '12' },
    { graduation_year: '2024', region_code: '450200', employed: '12' },
    { school_code: '4145010593', graduation_year: '2024', region_code: '4502', employed: '12' },
    { school_code: '4145010593', graduation_year: '2024', region_code: '450200', employed: '-3' },
    { school_code: '4145010593', graduation_year: '2024', region_code: '450200', employed: '' },
    { school_code: '4145010593', graduation_year: '2024', region_code: '450200', employed: '2.5' },
    { school_code: '414501059', graduation_year: '2024', region_code: '450200', employed: '2' },
  ],
  graduate_industry: [
    {
      school_code: '4145010593',
      major_code: '080901',
      graduation_year: '2024',
      industry_code: 'C',
      industry_text: '制造业',
      employed: '40',
    },
    { school_name: '广西大学', major_name: '计算机科学与技术', graduation_year: '2024', industry_text: '制造业', employed: '4' },
    { school_code: '4145010593', major_code: '080901', graduation_year: '2024', industry_code: '3612', employed: '4' },
    { school_code: '4145010593', major_code: '080901', graduation_year: '2024', employed: '4' },
    { school_code: '4145010593', graduation_year: '2024', industry_code: 'C', employed: '4' },
    { major_code: '080901', graduation_year: '2024', industry_code: 'C', employed: '4' },
    { school_code: '4145010593', major_code: '080901', graduation_year: '2024', industry_code: 'C36', employed: '4' },
    { school_code: '4145010593', major_code: '080901', graduation_year: '2024', industry_code: 'Z', employed: '4' },
    { school_code: '4145010593', major_code: '080901', graduation_year: '2024', industry_code: 'C', employed: '-1' },
    { school_code: '4145010593', major_code: '080901', graduation_year: '1900', industry_code: 'C', employed: '1' },
  ],
  job_posting: [
    {
      source: 'b',
      title: '汽车装调工',
      company: '上汽通用五菱',
      salary_min_monthly: '6000',
      salary_max_monthly: '9000',
      posted_date: '2025-03-01',
    },
    { source: 'b', title: '汽车装调工', salary_min_monthly: '9000', salary_max_monthly: '6000' },
    { source: 'b', title: '', company: '上汽通用五菱' },
    { source: 'b', title: '焊工', headcount: '0' },
    { source: 'b', title: '焊工', headcount: '3' },
    { source: 'b', title: '焊工', education: 'bachelor' },
    { source: 'b', title: '焊工', education: '本科' },
    { source: 'b', title: '焊工', salary_months: '11' },
    { source: 'b', title: '焊工', experience_min_years: '60' },
  ],
};

/**
 * The rules across fields, restated here in JavaScript as an independent oracle (the kinds state
 * them once, in SQL): true when the row breaks one. The load date is 2025-12-31.
 */
type Parsed = Record<string, string | number | undefined>;
const n = (v: string | number | undefined) => (typeof v === 'number' ? v : 0);
const breaksCrossRule: Record<RecordKind, (r: Parsed) => boolean> = {
  enrollment: (r) =>
    (r.major_code === undefined && r.major_name === undefined) ||
    (r.graduates !== undefined && n(r.graduates) > n(r.enrolled_total) + n(r.enrolled_new) && n(r.graduates) > 0) ||
    n(r.year) > 2025,
  graduate_outcome: (r) =>
    (r.major_code === undefined && r.major_name === undefined) ||
    [
      'dest_contract',
      'dest_flexible',
      'dest_self_employed',
      'dest_further_study',
      'dest_abroad',
      'dest_military',
      'dest_unemployed',
    ].reduce((a, f) => a + n(r[f]), 0) > n(r.graduates) ||
    n(r.graduation_year) > 2025,
  shortage: (r) =>
    Number(String(r.period).slice(0, 4)) > 2025 ||
    (r.vacancies !== undefined &&
      r.job_seekers !== undefined &&
      r.shortfall !== undefined &&
      r.shortfall !== n(r.vacancies) - n(r.job_seekers)),
  occupation_group: (r) =>
    Number(String(r.period).slice(0, 4)) > 2025 || (r.group_code !== undefined && !/^\d-00-00-00$/.test(String(r.group_code))),
  school: () => false,
  graduate_region: (r) =>
    (r.school_code === undefined && r.school_name === undefined) ||
    (r.region_code === undefined && r.region_text === undefined) ||
    n(r.graduation_year) > 2025,
  employment: (r) => (r.region_code === undefined && r.region_text === undefined) || n(r.year) > 2025,
  graduate_industry: (r) =>
    (r.school_code === undefined && r.school_name === undefined) ||
    (r.major_code === undefined && r.major_name === undefined) ||
    (r.industry_code === undefined && r.industry_text === undefined) ||
    n(r.graduation_year) > 2025,
  job_posting: (r) =>
    (r.salary_min_monthly !== undefined && r.salary_max_monthly !== undefined && n(r.salary_min_monthly) > n(r.salary_max_monthly)) ||
    String(r.posted_date ?? '') > '2025-12-31',
};

describe('bulk SQL validation agrees with the zod field rules and the rules across fields', () => {
  for (const kind of Object.keys(CASES) as RecordKind[]) {
    it(kind, async () => {
      const spec = kindSpec(kind);
      const fields = spec.rules.map((r) => r.name);
      const prefix = `t_${kind}`;
      await wh.conn.run(
        `CREATE OR REPLACE TEMP TABLE ${prefix}_stg (line BIGINT, ${fields.map((f) => `${sqlIdent(f)} VARCHAR`).join(', ')})`,
      );
      const rows = CASES[kind];
      for (const [i, r] of rows.entries()) {
        await wh.conn.run(
          `INSERT INTO ${prefix}_stg (line, ${fields.map(sqlIdent).join(', ')}) VALUES (${i + 2}, ${fields.map((f) => (r[f] ? sqlLiteral(r[f]) : 'NULL')).join(', ')})`,
        );
      }
      await validateStaging(wh.conn, spec, { from: `${prefix}_stg` }, prefix, '2025-12-31', new Set(fields));
      const bad = new Set((await wh.conn.runAndReadAll(`SELECT DISTINCT line FROM ${prefix}_err`)).getRows().map((x) => Number(x[0]) - 2));
      const verdicts = rows.map((r) => {
        const obj: Parsed = {};
        for (const rule of spec.rules) {
          const v = r[rule.name];
          if (v === undefined || v === '') continue;
          obj[rule.name] = rule.type === 'string' ? v : v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
        }
        return spec.schema.safeParse(obj).success && !breaksCrossRule[kind](obj);
      });
      expect(rows.map((_, i) => !bad.has(i))).toEqual(verdicts);
      // The cases are not all good or all bad: both verdicts are exercised.
      expect(new Set(verdicts).size).toBe(2);
    });
  }
});

describe('padding', () => {
  it('trims spaces, no-break and ideographic spaces around a cell, keeps inner spaces and text starting with other characters', async () => {
    const spec = kindSpec('job_posting');
    const fields = spec.rules.map((r) => r.name);
    const prefix = 't_pad';
    await wh.conn.run(
      `CREATE OR REPLACE TEMP TABLE ${prefix}_stg (line BIGINT, ${fields.map((f) => `${sqlIdent(f)} VARCHAR`).join(', ')})`,
    );
    const titles = [' 焊工 ', '\u3000焊工\u3000', '\u00a0焊工', '焊工\u00a0\u3000 ', 'Java 开发', '—焊工—', '·焊工', '焊工', '   '];
    for (const [i, t] of titles.entries())
      await wh.conn.run(
        `INSERT INTO ${prefix}_stg (line, source, title, headcount, posted_date) VALUES (${i + 2}, 'b', ${sqlLiteral(t)}, ' 3\u3000', '\u30002025-03-01 ')`,
      );
    await validateStaging(
      wh.conn,
      spec,
      { from: `${prefix}_stg` },
      prefix,
      '2025-12-31',
      new Set(['source', 'title', 'headcount', 'posted_date']),
    );
    const acc = (
      await wh.conn.runAndReadAll(`SELECT line, title, headcount, posted_date::VARCHAR AS d FROM ${prefix}_acc ORDER BY line`)
    ).getRowObjectsJson();
    expect(acc.map((r) => r.title)).toEqual(['焊工', '焊工', '焊工', '焊工', 'Java 开发', '—焊工—', '·焊工', '焊工']);
    expect(acc.every((r) => r.headcount === 3 && r.d === '2025-03-01')).toBe(true);
    // A cell of spaces only is empty: the required title is missing.
    const err = (await wh.conn.runAndReadAll(`SELECT line, column_name, reason FROM ${prefix}_err`)).getRowObjectsJson();
    expect(err).toEqual([{ line: '10', column_name: 'title', reason: 'required value missing' }]);
  });
});

/** Reads one posted_date text through validation: the date it becomes, or the reject reason. */
async function readDate(text: string, tag: string): Promise<string> {
  const spec = kindSpec('job_posting');
  const fields = spec.rules.map((r) => r.name);
  const prefix = `t_date_${tag}`;
  await wh.conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_stg (line BIGINT, ${fields.map((f) => `${sqlIdent(f)} VARCHAR`).join(', ')});
    INSERT INTO ${prefix}_stg (line, source, title, posted_date) VALUES (2, 'b', '焊工', ${sqlLiteral(text)})`);
  await validateStaging(wh.conn, spec, { from: `${prefix}_stg` }, prefix, '2025-12-31', new Set(['source', 'title', 'posted_date']));
  const acc = (await wh.conn.runAndReadAll(`SELECT posted_date::VARCHAR AS d FROM ${prefix}_acc`)).getRows();
  if (acc.length) return String(acc[0]![0]);
  return String((await wh.conn.runAndReadAll(`SELECT reason FROM ${prefix}_err`)).getRows()[0]![0]);
}

describe('date spellings: each one the loader accepts, and what it is not fooled by', () => {
  const accepted: [string, string, string][] = [
    ['ISO date', '2024-03-05', '2024-03-05'],
    ['ISO date and time', '2023-12-12 09:22:00', '2023-12-12'],
    ['ISO date and time without seconds', '2023-12-12 09:22', '2023-12-12'],
    ['ISO 8601 with T and a +08:00 offset (the date as written)', '2024-03-05T10:00:00+08:00', '2024-03-05'],
    ['ISO 8601 with T and a negative offset (the date as written, not moved to Beijing)', '2024-03-05T23:30:00-05:00', '2024-03-05'],
    ['ISO 8601 in UTC (Z) with milliseconds', '2024-03-05T01:02:03.456Z', '2024-03-05'],
    ['slashes', '2024/03/05', '2024-03-05'],
    ['slashes without zero padding', '2024/3/5', '2024-03-05'],
    ['slashes with a time', '2024/03/05 08:00:00', '2024-03-05'],
    ['slashes with a time without seconds', '2024/03/05 08:00', '2024-03-05'],
    ['年月日', '2019年12月15日', '2019-12-15'],
    ['年月日 without zero padding', '2024年3月5日', '2024-03-05'],
    ['年月日 with a time', '2024年03月05日 09:30', '2024-03-05'],
    ['dots', '2024.03.05', '2024-03-05'],
    ['eight digits', '20240305', '2024-03-05'],
    ['C ctime (a scraper default)', 'Sat Feb 22 22:58:03 2020', '2020-02-22'],
    ['full-width ISO', '２０２４－０３－０５', '2024-03-05'],
    ['full-width 年月日', '２０２４年３月５日', '2024-03-05'],
    ['full-width slashes', '２０２４／０３／０５', '2024-03-05'],
    ['padded with spaces of three kinds', '\u3000 2024-03-05\u00a0', '2024-03-05'],
  ];
  accepted.forEach(([what, text, date], i) => {
    it(`${what}: ${JSON.stringify(text)} → ${date}`, async () => {
      expect(await readDate(text, `ok${i}`)).toBe(date);
    });
  });
  const refused: [string, string][] = [
    ['words', '去年春天'],
    ['month 13', '2024-13-01'],
    ['30 February', '2024/02/30'],
    ['a date and a trailing word', '2024-03-05 左右'],
  ];
  refused.forEach(([what, text], i) => {
    it(`refuses ${what}: ${JSON.stringify(text)}`, async () => {
      expect(await readDate(text, `bad${i}`)).toBe('not a recognisable date');
    });
  });
});

describe('numbers written with full-width digits', () => {
  it('reads １２０, ２，０００ and ８５％ as 120, 2000 and 0.85, and refuses 八十', async () => {
    const spec = kindSpec('graduate_outcome');
    const fields = spec.rules.map((r) => r.name);
    const prefix = 't_wide';
    await wh.conn.run(
      `CREATE OR REPLACE TEMP TABLE ${prefix}_stg (line BIGINT, ${fields.map((f) => `${sqlIdent(f)} VARCHAR`).join(', ')})`,
    );
    const cells: [string, string, string][] = [
      ['１２０', '１００', '８５％'],
      ['２，０００', '1,500', '0.6'],
      ['八十', '10', '0.5'],
    ];
    for (const [i, [g, c, rel]] of cells.entries())
      await wh.conn
        .run(`INSERT INTO ${prefix}_stg (line, school_name, major_code, graduation_year, graduates, dest_contract, major_relevance)
        VALUES (${i + 2}, '广西大学', '080901', '２０２４', ${sqlLiteral(g)}, ${sqlLiteral(c)}, ${sqlLiteral(rel)})`);
    await validateStaging(
      wh.conn,
      spec,
      { from: `${prefix}_stg` },
      prefix,
      '2025-12-31',
      new Set(['school_name', 'major_code', 'graduation_year', 'graduates', 'dest_contract', 'major_relevance']),
    );
    const acc = (
      await wh.conn.runAndReadAll(`SELECT graduation_year, graduates, dest_contract, major_relevance FROM ${prefix}_acc ORDER BY line`)
    ).getRows();
    expect(acc).toEqual([
      [2024, 120, 100, 0.85],
      [2024, 2000, 1500, 0.6],
    ]);
    const err = (await wh.conn.runAndReadAll(`SELECT line, column_name, reason FROM ${prefix}_err`)).getRowObjectsJson();
    expect(err).toEqual([{ line: '4', column_name: 'graduates', reason: 'not a number' }]);
  });
});
