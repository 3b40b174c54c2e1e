/**
 * The answer key the benchmarks grade against: every truth table of a generated edition checked
 * against the other truth tables, the postings key and the source files written beside it (totals
 * and codes), for two seeds. Expected figures are recomputed here from the files and the documented
 * settings in assumptions.json, never taken from the generator's own code.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAssumptions } from '../src/assumptions.js';
import {
  addTo,
  config,
  generateDemo,
  groupBy,
  listFiles,
  readCsv,
  readSheet,
  records,
  type Row,
  type SheetValue,
} from './edition-files.js';

const a = loadAssumptions();
const tmp = mkdtempSync(join(tmpdir(), 'synth-answer-key-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ref = config.referenceDir;
const regionRows = records(join(ref, 'region', 'gbt2260.csv'));
const industryRows = records(join(ref, 'industry', 'gbt4754_2017.csv'));
const occupationRows = records(join(ref, 'occupation', 'csco_2022.csv'));
const majorRows = readdirSync(join(ref, 'major'))
  .filter((f) => f.endsWith('.csv'))
  .flatMap((f) => records(join(ref, 'major', f)));
const regionName = new Map(regionRows.map((r) => [r.code!, r.name!]));
const cities = regionRows.filter((r) => r.level === '市' && r.parent_code === a.provinceCode);
const cityCodes = new Set(cities.map((c) => c.code!));
const industryByCode = new Map(industryRows.map((r) => [r.code!, r]));
const sections = industryRows.filter((r) => r.level === '门类');
const occupationByCode = new Map(occupationRows.map((r) => [r.code!, r]));
const occupationName = (r: Row) => r.occupation_name || r.name!;
const majorName = new Map(majorRows.map((r) => [`${r.catalog}|${r.code}`, r.name!]));
const num = (s: string | undefined) => Number(s);

/** The smaller tail probability of a Poisson count k with mean mu: P(X ≤ k) or P(X ≥ k). */
function poissonTail(k: number, mu: number): number {
  if (mu <= 0) return k === 0 ? 1 : 0;
  const logPmf = (i: number) => -mu + i * Math.log(mu) - logFactorial(i);
  let below = 0;
  for (let i = 0; i <= k; i++) below += Math.exp(logPmf(i));
  return Math.min(1, below, 1 - below + Math.exp(logPmf(k)));
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}
const spaceless = (s: string) => s.replace(/[\s\u3000]/g, '');

/**
 * Each industry's staffing mix per year as documented: `base_share` × (1 + digitalShareGrowth) ^
 * (year − first) for digital occupations and × (1 + greenShareGrowth) ^ (year − first) for green ones,
 * renormalised within the industry. Key `industry|year` → occupation → share.
 */
function staffingMixes(ed: Edition): Map<string, Map<string, number>> {
  const flags = new Map(ed.occupationYear.map((r) => [r.occupation_code!, r]));
  const out = new Map<string, Map<string, number>>();
  const industries = groupBy(ed.industryOccupation, (r) => r.industry_code!);
  for (let year = a.years.first - 1; year <= a.years.latest + a.years.horizon; year++) {
    const n = year - a.years.first;
    for (const [industry, rows] of industries) {
      const tilted = rows.map((r) => {
        const f = flags.get(r.occupation_code!)!;
        const digital = f.is_digital === '1' ? (1 + a.staffing.digitalShareGrowth) ** n : 1;
        const green = f.is_green === '1' ? (1 + a.staffing.greenShareGrowth) ** n : 1;
        return [r.occupation_code!, num(r.base_share) * digital * green] as const;
      });
      const total = tilted.reduce((s, [, v]) => s + v, 0);
      out.set(`${industry}|${year}`, new Map(tilted.map(([o, v]) => [o, v / total])));
    }
  }
  return out;
}

/** What the checks read of one generated edition, loaded once per seed. */
interface Edition {
  dir: string;
  manifest: {
    edition: string;
    seed: number;
    years: { first: number; latest: number; truthUntil: number; postings: [number, number] };
    counts: Record<string, number> & {
      postings: Record<string, number> & { bySource: [number, number, number] };
      yearbook: { files: number; cells: number; revisions: number };
      yearbookAll: { files: number; cells: number };
    };
    policyByIndustry: Record<string, string[]>;
  };
  industryCityYear: Row[];
  occupationCityYear: Row[];
  occupationYear: Row[];
  shortageRanking: Row[];
  industryOccupation: Row[];
  majorOccupation: Row[];
  enrollmentQuirks: Row[];
  key: Row[];
  yearbookCells: Row[];
  yearbookRevisions: Row[];
  yearbookAllCells: Row[];
}

function loadEdition(dir: string): Edition {
  const truth = (f: string) => records(join(dir, 'truth', f));
  return {
    dir,
    manifest: JSON.parse(readFileSync(join(dir, 'truth', 'manifest.json'), 'utf8')) as Edition['manifest'],
    industryCityYear: truth('industry_city_year.csv'),
    occupationCityYear: truth('occupation_city_year.csv'),
    occupationYear: truth('occupation_year.csv'),
    shortageRanking: truth('shortage_ranking.csv'),
    industryOccupation: truth('industry_occupation.csv'),
    majorOccupation: truth('major_occupation.csv'),
    enrollmentQuirks: truth('enrollment_quirks.csv'),
    key: truth('postings_key.csv'),
    yearbookCells: truth('yearbook_employment.csv'),
    yearbookRevisions: truth('yearbook_revisions.csv'),
    yearbookAllCells: truth('yearbook_employment_all.csv'),
  };
}

describe.each([7, 11])('answer key of the demo edition, seed %i', (seed) => {
  let ed: Edition;
  beforeAll(async () => {
    const dir = join(tmp, `demo-${seed}`);
    await generateDemo(dir, seed);
    ed = loadEdition(dir);
  });

  it('names only codes that exist in datasets/reference', () => {
    const missing: string[] = [];
    const need = (ok: boolean, what: string) => {
      if (!ok) missing.push(what);
    };
    for (const r of ed.industryCityYear) {
      const division = industryByCode.get(r.industry_code!);
      need(division?.level === '大类' && division.section_code === r.section_code, `industry ${r.industry_code}/${r.section_code}`);
      need(cityCodes.has(r.city_code!), `city ${r.city_code}`);
    }
    const occupation = (code: string, name?: string) => {
      const o = occupationByCode.get(code);
      need(
        o !== undefined && o.is_occupation === 'true' && (name === undefined || occupationName(o) === name),
        `occupation ${code} ${name}`,
      );
    };
    for (const r of ed.occupationCityYear) {
      occupation(r.occupation_code!);
      need(cityCodes.has(r.city_code!), `city ${r.city_code}`);
    }
    for (const r of ed.occupationYear) {
      occupation(r.occupation_code!, r.occupation_name);
      const o = occupationByCode.get(r.occupation_code!);
      need(
        r.is_digital === (o?.is_digital === 'true' ? '1' : '0') && r.is_green === (o?.is_green === 'true' ? '1' : '0'),
        `flags ${r.occupation_code}`,
      );
    }
    for (const r of ed.shortageRanking) occupation(r.occupation_code!, r.occupation_name);
    for (const r of ed.industryOccupation) {
      need(industryByCode.get(r.industry_code!)?.level === '大类', `industry ${r.industry_code}`);
      occupation(r.occupation_code!);
    }
    for (const r of ed.majorOccupation) {
      need(majorName.get(`${r.catalog}|${r.major_code}`) === r.major_name, `major ${r.catalog} ${r.major_code} ${r.major_name}`);
      occupation(r.occupation_code!);
    }
    for (const r of ed.key) {
      occupation(r.occupation_code!);
      need(industryByCode.get(r.industry_code!)?.level === '大类', `industry ${r.industry_code}`);
      need(cityCodes.has(r.city_code!), `city ${r.city_code}`);
    }
    for (const r of ed.yearbookCells) {
      need(r.region_code === a.provinceCode || cityCodes.has(r.region_code!), `region ${r.region_code}`);
      const level = { total: '', section: '门类', division: '大类' }[r.level!];
      need(
        r.level === 'total' ? r.industry_code === '' : industryByCode.get(r.industry_code!)?.level === level,
        `industry ${r.industry_code}`,
      );
    }
    for (const code of Object.keys(ed.manifest.policyByIndustry))
      need(industryByCode.get(code)?.level === '大类', `policy industry ${code}`);
    expect([...new Set(missing)].slice(0, 10)).toEqual([]);
  });

  it('counts in the manifest what the files hold', () => {
    const m = ed.manifest;
    expect(m.edition).toBe('demo');
    expect(m.seed).toBe(seed);
    expect(m.years).toEqual({
      first: a.years.first,
      latest: a.years.latest,
      truthUntil: a.years.latest + a.years.horizon,
      postings: [a.years.latest - a.years.postingYears + 1, a.years.latest],
    });
    const c = m.counts;
    const enrollmentFiles = readdirSync(join(ed.dir, 'enrollment'));
    const enrollment = enrollmentFiles.flatMap((f) => records(join(ed.dir, 'enrollment', f)).map((r, i) => ({ f, line: i + 2, r })));
    // Rows whose major code was left out: the quirk log holds the true code (first word of the true value).
    const quirkCode = new Map(
      ed.enrollmentQuirks
        .filter((q) => q.column === '专业代码' || q.column === '专业名称')
        .map((q) => [`${q.file}:${q.line}`, q.true_value!.split(' ')[0]!]),
    );
    const series = new Set(enrollment.map((e) => `${e.r.学校代码}|${quirkCode.get(`enrollment/${e.f}:${e.line}`) ?? e.r.专业代码}`));
    expect(c.enrollmentFiles).toBe(enrollmentFiles.length);
    expect(c.schools).toBe(new Set(enrollment.map((e) => e.r.学校代码)).size);
    expect(c.enrollmentRows).toBe(enrollment.length);
    expect(c.series).toBe(series.size);
    expect(c.enrollmentQuirks).toBe(ed.enrollmentQuirks.length);
    expect(c.occupations).toBe(new Set(ed.occupationYear.map((r) => r.occupation_code)).size);
    expect(c.outcomeCohorts).toBe(records(join(ed.dir, 'outcomes', 'graduate_outcomes.csv')).length);
    expect(c.destinationRows).toBe(records(join(ed.dir, 'outcomes', 'graduate_destinations.csv')).length);
    expect(c.industryRows).toBe(records(join(ed.dir, 'outcomes', 'graduate_industries.csv')).length);
    const shortageFiles = readdirSync(join(ed.dir, 'shortage')).filter((f) => f.startsWith('shortage_'));
    const shortage = shortageFiles.flatMap((f) => records(join(ed.dir, 'shortage', f)));
    expect(c.shortageFiles).toBe(shortageFiles.length);
    expect(c.shortageFiles).toBe((a.years.latest - a.years.shortageFrom + 1) * 4);
    expect(c.shortageRows).toBe(shortage.length);
    expect(c.shortageMissingCodes).toBe(shortage.filter((r) => r.职业代码 === '').length);
    const p = c.postings;
    const kinds = groupBy(ed.key, (r) => r.kind!);
    expect(p.postings).toBe(ed.key.length);
    expect(p.vacancies).toBe(new Set(ed.key.map((r) => r.vacancy_id)).size);
    expect(p.vacancies).toBe(kinds.get('original')!.length);
    expect(p.reposts).toBe(kinds.get('repost')!.length);
    expect(p.crossSource).toBe(kinds.get('cross_source')!.length);
    expect(p.malformed).toBe(ed.key.filter((r) => r.quirk!.startsWith('malformed_')).length);
    expect(p.bySource).toEqual(['a', 'b', 'c'].map((s) => ed.key.filter((r) => r.source === s).length));
    expect(c.yearbook).toEqual({
      files: readdirSync(join(ed.dir, 'yearbook')).filter((f) => /^employment_\d{4}\.xlsx$/.test(f)).length,
      cells: ed.yearbookCells.length,
      revisions: ed.yearbookRevisions.length,
    });
    expect(c.yearbookAll).toEqual({
      files: readdirSync(join(ed.dir, 'yearbook')).filter((f) => /^employment_all_\d{4}\.xlsx$/.test(f)).length,
      cells: ed.yearbookAllCells.length,
    });
  });

  it('keys every posting row of the three sources, in file order, with the city, industry, date and salary written', async () => {
    const [from, to] = ed.manifest.years.postings;
    const key = groupBy(ed.key, (r) => `${r.source}|${r.posted_date!.slice(0, 4)}`);
    const industryName = (code: string) => industryByCode.get(code)!.name!;
    const cityName = (code: string) => regionName.get(code)!;
    const problems: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok) problems.push(what);
    };
    const near = (written: number, monthly: string, perMonth: number, tolerance: number) =>
      Math.abs(written * perMonth - num(monthly)) <= tolerance;
    for (let year = from; year <= to; year++) {
      const keyA = key.get(`a|${year}`) ?? [];
      const rowsA = readCsv(join(ed.dir, 'postings', `source_a_${year}.csv`), 'gbk').slice(1);
      expect(rowsA.map((r) => r[0])).toEqual(keyA.map((k) => k.posting_id));
      rowsA.forEach((r, i) => {
        const k = keyA[i]!;
        const where = `a ${k.posting_id}`;
        if (k.quirk === 'malformed_extra_delimiter') check(r.length === 12, `${where} ${r.length} fields`);
        if (k.quirk === 'malformed_truncated_row') check(r.length >= 3 && r.length <= 7, `${where} ${r.length} fields`);
        if (k.quirk === 'malformed_bad_date')
          check(
            (r.length === 11 && !/^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(r[9]!)) || /-(13|00)-|-02-30$/.test(r[9]!),
            `${where} date ${r[9]}`,
          );
        if (k.quirk!.startsWith('malformed_')) return;
        check(r.length === 11, `${where} fields`);
        check(r[3]!.includes(cityName(k.city_code!).replace(/市$/, '')), `${where} city ${r[3]}`);
        check(r[7] === (k.quirk === 'missing_industry' ? '' : industryName(k.industry_code!)), `${where} industry ${r[7]}`);
        const [y, mo, d] = r[9]!.split(/[-/]/).map(Number) as [number, number, number];
        check(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` === k.posted_date, `${where} date ${r[9]}`);
        const salary = r[4]!;
        if (k.monthly_salary_min === '')
          check(salary === '面议' || (salary === '' && k.quirk === 'missing_salary'), `${where} salary ${salary}`);
        else if (salary === '') check(k.quirk === 'missing_salary', `${where} salary missing`);
        else {
          const n = [...salary.matchAll(/[\d.]+/g)].map((x) => Number(x[0]));
          const unit = (i: number) => (/万/.test(salary.split('-')[i] ?? '') ? 10000 : /千/.test(salary.split('-')[i] ?? '') ? 1000 : 1);
          if (/K/.test(salary))
            check(near(n[0]!, k.monthly_salary_min!, 1000, 500) && near(n[1]!, k.monthly_salary_max!, 1000, 500), `${where} ${salary}`);
          else if (/元\/月$/.test(salary))
            check(n[0] === num(k.monthly_salary_min) && n[1] === num(k.monthly_salary_max), `${where} ${salary}`);
          else if (/[千万]-[\d.]+[千万]\/月$/.test(salary))
            check(
              near(n[0]! * unit(0), k.monthly_salary_min!, 1, 500) && near(n[1]! * unit(1), k.monthly_salary_max!, 1, 500),
              `${where} ${salary}`,
            );
          else if (/元\/天$/.test(salary))
            check(near(n[0]!, k.monthly_salary_min!, 22, 110) && near(n.at(-1)!, k.monthly_salary_max!, 22, 110), `${where} ${salary}`);
          else if (/万\/年$/.test(salary))
            check(
              near(n[0]!, k.monthly_salary_min!, 10000 / 12, 500) && near(n[1]!, k.monthly_salary_max!, 10000 / 12, 500),
              `${where} ${salary}`,
            );
          else problems.push(`${where} unknown salary ${salary}`);
        }
      });

      const keyB = key.get(`b|${year}`) ?? [];
      const rowsB = (await readSheet(join(ed.dir, 'postings', `source_b_${year}.xlsx`))).rows.slice(1);
      expect(rowsB.map((r) => r[0])).toEqual(keyB.map((k) => k.posting_id));
      rowsB.forEach((r, i) => {
        const k = keyB[i]!;
        if (k.quirk!.startsWith('malformed_')) return;
        const where = `b ${k.posting_id}`;
        check(String(r[3]).split('/')[1] === cityName(k.city_code!), `${where} city ${String(r[3])}`);
        check((r[9] ?? '') === (k.quirk === 'missing_industry' ? '' : industryName(k.industry_code!)), `${where} industry`);
        check(r[11] instanceof Date && r[11].toISOString().slice(0, 10) === k.posted_date, `${where} date`);
        const [min, max, type] = [r[4] as number | null, r[5] as number | null, r[6]];
        if (k.monthly_salary_min === '') check(type === '面议' && min === null && max === null, `${where} 面议`);
        else if (type === '月薪') check(min === num(k.monthly_salary_min) && max === num(k.monthly_salary_max), `${where} 月薪`);
        else if (type === '日薪')
          check(near(min!, k.monthly_salary_min!, 22, 110) && near(max!, k.monthly_salary_max!, 22, 110), `${where} 日薪`);
        else if (type === '年薪') check(min === num(k.monthly_salary_min) * 12 && max === num(k.monthly_salary_max) * 12, `${where} 年薪`);
        else problems.push(`${where} salary type ${String(type)}`);
      });

      const keyC = key.get(`c|${year}`) ?? [];
      const linesC = readFileSync(join(ed.dir, 'postings', `source_c_${year}.jsonl`), 'utf8')
        .split('\n')
        .slice(0, -1);
      expect(linesC).toHaveLength(keyC.length);
      linesC.forEach((line, i) => {
        const k = keyC[i]!;
        const where = `c ${k.posting_id}`;
        const prefix = `{"job_id":"${k.posting_id}"`;
        check(
          k.quirk === 'malformed_truncated_json' ? prefix.startsWith(line) || line.startsWith(prefix) : line.startsWith(prefix),
          `${where} id`,
        );
        if (k.quirk!.startsWith('malformed_')) return;
        const rec = JSON.parse(line) as {
          company: { industry?: string };
          location: { city: string };
          salary: { min: number; max: number; period: string; months: number } | null;
          published_at: string;
        };
        check(rec.location.city === cityName(k.city_code!), `${where} city`);
        check((rec.company.industry ?? '') === (k.quirk === 'missing_industry' ? '' : industryName(k.industry_code!)), `${where} industry`);
        check(rec.published_at.slice(0, 10) === k.posted_date, `${where} date`);
        const s = rec.salary;
        if (k.monthly_salary_min === '') check(s === null, `${where} 面议`);
        else if (s?.period === 'month') check(s.min === num(k.monthly_salary_min) && s.max === num(k.monthly_salary_max), `${where} month`);
        else if (s?.period === 'day')
          check(near(s.min, k.monthly_salary_min!, 22, 110) && near(s.max, k.monthly_salary_max!, 22, 110), `${where} day`);
        else if (s?.period === 'year')
          check(s.min === num(k.monthly_salary_min) * s.months && s.max === num(k.monthly_salary_max) * s.months, `${where} year`);
        else problems.push(`${where} salary ${JSON.stringify(s)}`);
      });
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('gives each vacancy one original and copies of the same job on the documented days, in an industry that employs its occupation', () => {
    const staffed = new Set(ed.industryOccupation.map((r) => `${r.industry_code}|${r.occupation_code}`));
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const problems: string[] = [];
    for (const [id, rows] of groupBy(ed.key, (r) => r.vacancy_id!)) {
      const originals = rows.filter((r) => r.kind === 'original');
      if (originals.length !== 1) {
        problems.push(`${id}: ${originals.length} originals`);
        continue;
      }
      const o = originals[0]!;
      if (!staffed.has(`${o.industry_code}|${o.occupation_code}`))
        problems.push(`${id}: ${o.industry_code} does not employ ${o.occupation_code}`);
      for (const r of rows) {
        const same = ['occupation_code', 'industry_code', 'city_code', 'monthly_salary_min', 'monthly_salary_max'].every(
          (f) => r[f] === o[f],
        );
        if (!same) problems.push(`${id}: ${r.kind} describes another job`);
        const lag = day(r.posted_date!) - day(o.posted_date!);
        if (r.kind === 'repost' && (r.source !== o.source || lag < 15 || lag > 60)) problems.push(`${id}: repost ${r.source} +${lag}d`);
        if (r.kind === 'cross_source' && (r.source === o.source || Math.abs(lag) > 3)) problems.push(`${id}: copy ${r.source} ${lag}d`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('puts each vacancy in an industry drawn by where its occupation works in the city', () => {
    // Documented rule: P(industry | occupation, city) ∝ base_share × the industry's employment in the
    // city in the latest observed year.
    const latest = new Map(
      ed.industryCityYear
        .filter((r) => num(r.year) === a.years.latest)
        .map((r) => [`${r.industry_code}|${r.city_code}`, num(r.employment)]),
    );
    const employers = groupBy(ed.industryOccupation, (r) => r.occupation_code!);
    const expected = new Map<string, number>();
    const variance = new Map<string, number>();
    const observed = new Map<string, number>();
    for (const r of ed.key) {
      if (r.kind !== 'original') continue;
      const weights = employers
        .get(r.occupation_code!)!
        .map((s) => [s.industry_code!, num(s.base_share) * latest.get(`${s.industry_code}|${r.city_code}`)!] as const);
      const total = weights.reduce((s, [, w]) => s + w, 0);
      for (const [d, w] of weights) {
        addTo(expected, `${r.occupation_code}|${d}`, w / total);
        addTo(variance, `${r.occupation_code}|${d}`, (w / total) * (1 - w / total));
      }
      addTo(observed, `${r.occupation_code}|${r.industry_code}`, 1);
    }
    const far: string[] = [];
    for (const [k, e] of expected) {
      const z = ((observed.get(k) ?? 0) - e) / Math.sqrt(Math.max(variance.get(k)!, 0.25));
      if (Math.abs(z) > 5) far.push(`${k}: ${observed.get(k) ?? 0} vs ${e.toFixed(1)}`);
    }
    for (const k of observed.keys()) if (!expected.has(k)) far.push(`${k}: not an employer`);
    expect(far).toEqual([]);
  });

  it('draws vacancies from the true openings of each city and occupation, about six months ahead', () => {
    // Expected vacancies of an occupation × city in a month: posting propensity of its major group ×
    // openings blended from this year and the next by the months ahead × the month's season (assumptions.json).
    const p = a.postings;
    const season = a.seasonality.postingsByMonth;
    const openings = new Map(ed.occupationCityYear.map((r) => [`${r.occupation_code}|${r.city_code}|${r.year}`, num(r.openings)]));
    const [from, to] = ed.manifest.years.postings;
    const expected = new Map<string, number>();
    const observed = new Map<string, number>();
    const occupations = [...new Set(ed.occupationCityYear.map((r) => r.occupation_code!))];
    for (const o of occupations)
      for (const c of cityCodes)
        for (let y = from; y <= to; y++) {
          let e = 0;
          for (let m = 0; m < 12; m++) {
            const w = Math.min(1, (m + 0.5 + p.leadMonths) / 12 - 0.5);
            e += season[m]! * ((1 - w) * openings.get(`${o}|${c}|${y}`)! + w * openings.get(`${o}|${c}|${y + 1}`)!);
          }
          e *= a.postingPropensity[o[0]!] ?? 1;
          addTo(expected, `city|${c}|${y}`, e);
          addTo(expected, `occupation|${o}`, e);
          addTo(expected, 'all', e);
        }
    for (const r of ed.key) {
      if (r.kind !== 'original') continue;
      addTo(observed, `city|${r.city_code}|${r.posted_date!.slice(0, 4)}`, 1);
      addTo(observed, `occupation|${r.occupation_code}`, 1);
      addTo(observed, 'all', 1);
    }
    const scale = observed.get('all')! / expected.get('all')!;
    const far: string[] = [];
    for (const [k, e] of expected) {
      if (!k.startsWith('city|')) continue;
      const mean = e * scale;
      const obs = observed.get(k) ?? 0;
      if (Math.abs(obs - mean) > 4 * Math.sqrt(mean) + 0.01 * mean) far.push(`${k}: ${obs} vs ${mean.toFixed(0)}`);
    }
    expect(far).toEqual([]);
    // Per occupation: a Poisson count around its expectation; a tail below 1e-6 would be a broken link.
    const unlikely = occupations.flatMap((o) => {
      const mean = expected.get(`occupation|${o}`)! * scale;
      const obs = observed.get(`occupation|${o}`) ?? 0;
      const p = poissonTail(obs, mean);
      return p < 1e-6 ? [`${o}: ${obs} vs ${mean.toFixed(1)} (p = ${p.toExponential(1)})`] : [];
    });
    expect(unlikely).toEqual([]);
    // How far ahead postings look: blending next year's openings must explain the counts better than this year's alone.
    const sameYear = new Map<string, number>();
    for (const r of ed.occupationCityYear) {
      const y = num(r.year);
      if (y >= from && y <= to)
        addTo(sameYear, `city|${r.city_code}|${y}`, num(r.openings) * (a.postingPropensity[r.occupation_code![0]!] ?? 1));
    }
    const fit = (model: Map<string, number>) => {
      let total = 0;
      for (const [k, v] of model) if (k.startsWith('city|')) total += v;
      let sq = 0;
      for (const [k, v] of model) if (k.startsWith('city|')) sq += ((observed.get(k) ?? 0) - (v * observed.get('all')!) / total) ** 2;
      return sq;
    };
    expect(fit(expected)).toBeLessThan(fit(sameYear));
  });

  it('adds the cities of occupation_city_year up to occupation_year, and supply, gap and ratio follow', () => {
    const byOccYear = new Map(ed.occupationYear.map((r) => [`${r.occupation_code}|${r.year}`, r]));
    const sums = new Map<string, number>();
    for (const r of ed.occupationCityYear)
      for (const f of ['employment', 'openings', 'graduate_supply', 'other_supply', 'gap'])
        addTo(sums, `${r.occupation_code}|${r.year}|${f}`, num(r[f]));
    const problems: string[] = [];
    const half = cityCodes.size / 2;
    for (const r of ed.occupationYear) {
      const k = `${r.occupation_code}|${r.year}`;
      for (const f of ['employment', 'openings', 'graduate_supply', 'other_supply'])
        if (Math.abs(sums.get(`${k}|${f}`)! - num(r[f])) > half) problems.push(`${k} ${f}: ${sums.get(`${k}|${f}`)} vs ${r[f]}`);
      const [open, grad, other, supply, gap] = ['openings', 'graduate_supply', 'other_supply', 'supply', 'gap'].map((f) => num(r[f]));
      if (Math.abs(supply! - grad! - other!) > 1) problems.push(`${k} supply`);
      if (Math.abs(gap! - (open! - supply!)) > 1) problems.push(`${k} gap`);
      const ratio = open! / supply!;
      if (Math.abs(num(r.ratio) - ratio) > 0.0005 + ratio * (0.5 / open! + 0.5 / supply!))
        problems.push(`${k} ratio ${r.ratio} vs ${ratio}`);
      if (r.is_future !== (num(r.year) > a.years.latest ? '1' : '0')) problems.push(`${k} is_future`);
      if (!byOccYear.has(k)) problems.push(`${k} missing`);
    }
    expect(byOccYear.size * cityCodes.size).toBe(ed.occupationCityYear.length);
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('employs the same people by industry as by occupation, with openings at the staffing-weighted replacement rate', () => {
    const first = a.years.first;
    const last = a.years.latest + a.years.horizon;
    const byIndustry = new Map<string, number>();
    const byOccupation = new Map<string, number>();
    for (const r of ed.industryCityYear) addTo(byIndustry, `${r.city_code}|${r.year}`, num(r.employment));
    for (const r of ed.occupationCityYear) addTo(byOccupation, `${r.city_code}|${r.year}`, num(r.employment));
    const industries = new Set(ed.industryCityYear.map((r) => r.industry_code)).size;
    const occupations = new Set(ed.occupationCityYear.map((r) => r.occupation_code)).size;
    expect(byIndustry.size).toBe(cityCodes.size * (last - first + 1));
    for (const [k, e] of byIndustry) expect(Math.abs(e - byOccupation.get(k)!), k).toBeLessThanOrEqual((industries + occupations) / 2);
    let firstYear = 0;
    for (const [k, e] of byIndustry) if (k.endsWith(`|${first}`)) firstYear += e;
    expect(Math.abs(firstYear / a.employment.total - 1)).toBeLessThan(0.1);

    // Each occupation's replacement rate, read off its largest city-year (rounding matters least there).
    const occ = groupBy(ed.occupationCityYear, (r) => `${r.occupation_code}|${r.city_code}`);
    const rate = new Map<string, { r: number; base: number }>();
    for (const rows of occ.values()) {
      rows.sort((x, y) => num(x.year) - num(y.year));
      for (let i = 1; i < rows.length; i++) {
        const prev = num(rows[i - 1]!.employment);
        const growth = Math.max(0, num(rows[i]!.employment) - prev);
        const code = rows[i]!.occupation_code!;
        if (prev > (rate.get(code)?.base ?? 0)) rate.set(code, { r: (num(rows[i]!.openings) - growth) / prev, base: prev });
      }
    }
    // Documented: the major group's rate × uniform(0.8, 1.2); rounding of small cells widens it by 1.5 / base.
    for (const [code, { r, base }] of rate) {
      const documented = a.replacementRate[code[0]!] ?? 0.1;
      expect(r, code).toBeGreaterThan(documented * 0.8 - 1.5 / base);
      expect(r, code).toBeLessThan(documented * 1.2 + 1.5 / base);
    }
    // An industry replaces the people it employed last year at its occupations' rates, weighted by last year's mix.
    const mixes = staffingMixes(ed);
    const industryRate = (industry: string, year: number) =>
      [...mixes.get(`${industry}|${year - 1}`)!].reduce((sum, [o, share]) => sum + share * rate.get(o)!.r, 0);
    const problems: string[] = [];
    for (const rows of groupBy(ed.industryCityYear, (r) => `${r.industry_code}|${r.city_code}`).values()) {
      rows.sort((x, y) => num(x.year) - num(y.year));
      for (let i = 1; i < rows.length; i++) {
        const prev = num(rows[i - 1]!.employment);
        const want = Math.max(0, num(rows[i]!.employment) - prev) + industryRate(rows[i]!.industry_code!, num(rows[i]!.year)) * prev;
        if (Math.abs(num(rows[i]!.openings) - want) > 2 + 2e-4 * prev)
          problems.push(`${rows[i]!.industry_code} ${rows[i]!.city_code} ${rows[i]!.year}: ${rows[i]!.openings} vs ${want.toFixed(1)}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('staffs every occupation from the industries by the documented yearly mix', () => {
    const mixes = staffingMixes(ed);
    const predicted = new Map<string, number>();
    // Rounding slack: half a person of the occupation, half a person × share of each industry cell,
    // and base shares written to five decimals (5e-6 of the industry each, twice over the renormalisation).
    const slack = new Map<string, number>();
    for (const r of ed.industryCityYear)
      for (const [o, share] of mixes.get(`${r.industry_code}|${r.year}`)!) {
        const k = `${o}|${r.city_code}|${r.year}`;
        addTo(predicted, k, num(r.employment) * share);
        addTo(slack, k, 0.5 * share + 1e-5 * num(r.employment));
      }
    const problems: string[] = [];
    for (const r of ed.occupationCityYear) {
      const k = `${r.occupation_code}|${r.city_code}|${r.year}`;
      const want = predicted.get(k)!;
      if (Math.abs(num(r.employment) - want) > 0.5 + slack.get(k)!) problems.push(`${k}: ${r.employment} vs ${want.toFixed(1)}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('keeps staffing shares and major links as weights that sum to one', () => {
    const industries = new Set(ed.industryCityYear.map((r) => r.industry_code));
    const shares = new Map<string, number>();
    for (const r of ed.industryOccupation) addTo(shares, r.industry_code!, num(r.base_share));
    expect(new Set(shares.keys())).toEqual(industries);
    for (const [k, s] of shares) expect(Math.abs(s - 1), k).toBeLessThan(5e-4);
    const occupations = new Set(ed.occupationYear.map((r) => r.occupation_code));
    expect(new Set(ed.industryOccupation.map((r) => r.occupation_code))).toEqual(occupations);
    const weights = new Map<string, number>();
    for (const r of ed.majorOccupation) {
      addTo(weights, `${r.catalog}|${r.major_code}`, num(r.weight));
      expect(occupations.has(r.occupation_code), r.occupation_code).toBe(true);
      expect(['orientation', 'name', 'random']).toContain(r.link_kind);
    }
    for (const [k, w] of weights) expect(Math.abs(w - 1), k).toBeLessThan(2e-3);
  });

  it('sums the registrations of every occupation by 大类 in the tables by occupation group', () => {
    const groupNames = new Map(occupationRows.filter((r) => r.level === '大类').map((r) => [r.name!, r.code![0]!]));
    // Per 大类, the latest year's true openings and the sum of their squares (how far the noise of a few large
    // occupations can move the group's registrations).
    const openings = new Map<string, number>();
    const squares = new Map<string, number>();
    for (const r of ed.occupationYear)
      if (num(r.year) === a.years.latest) {
        const g = r.occupation_code![0]!;
        openings.set(g, (openings.get(g) ?? 0) + num(r.openings));
        squares.set(g, (squares.get(g) ?? 0) + num(r.openings) ** 2);
      }
    const vacancies = new Map<string, number>();
    const problems: string[] = [];
    for (const q of [1, 2, 3, 4]) {
      const rows = records(join(ed.dir, 'shortage', `occupation_groups_${a.years.latest}Q${q}.csv`));
      expect(rows.map((r) => r.职业类别)).toEqual([...groupNames.keys(), '无要求', '合计']);
      const groups = rows.filter((r) => groupNames.has(r.职业类别!));
      const [noPreference, total] = rows.slice(-2) as [Row, Row];
      const sum = (f: string, of: Row[]) => of.reduce((x, r) => x + num(r[f]), 0);
      if (sum('需求人数', groups) !== num(total.需求人数)) problems.push(`Q${q} vacancies`);
      if (sum('求职人数', groups) + num(noPreference.求职人数) !== num(total.求职人数)) problems.push(`Q${q} seekers`);
      const share = num(noPreference.求职人数) / num(total.求职人数);
      if (Math.abs(share - a.shortage.noPreferenceShare) > 0.002) problems.push(`Q${q} 无要求 ${share}`);
      for (const r of groups) {
        const g = groupNames.get(r.职业类别!)!;
        vacancies.set(g, (vacancies.get(g) ?? 0) + num(r.需求人数));
      }
    }
    expect(problems).toEqual([]);
    // A year's registered vacancies of a 大类 are the registration rate of its true openings (the seasons add up to
    // the year), within four standard deviations of the registration noise of its occupations' quarters.
    const seasons = a.shortage.noiseSd * Math.sqrt(a.seasonality.openings.reduce((x, w) => x + w * w, 0));
    for (const [g, open] of openings) {
      const sd = (seasons * Math.sqrt(squares.get(g)!)) / open;
      expect(Math.abs(vacancies.get(g)! / (a.shortage.registrationRate * open) - 1), `大类 ${g}`).toBeLessThan(4 * sd + 0.01);
    }
    expect(openings.size).toBeGreaterThanOrEqual(5);
    for (const g of groupNames.values()) if (!openings.has(g)) expect(vacancies.get(g), `大类 ${g}`).toBe(0);
  });

  it('ranks the true shortages from the occupation totals, per year and per quarter', () => {
    const occ = new Map(ed.occupationYear.map((r) => [`${r.occupation_code}|${r.year}`, r]));
    const last = a.years.latest + a.years.horizon;
    const periods = groupBy(ed.shortageRanking, (r) => r.period!);
    const expectedPeriods: string[] = [];
    for (let y = a.years.first; y <= last; y++) {
      expectedPeriods.push(String(y));
      if (y >= a.years.shortageFrom) for (const q of [1, 2, 3, 4]) expectedPeriods.push(`${y}Q${q}`);
    }
    expect([...periods.keys()].sort()).toEqual(expectedPeriods.sort());
    const problems: string[] = [];
    for (const [period, rows] of periods) {
      const year = num(period.slice(0, 4));
      const quarter = period.length > 4 ? num(period.slice(5)) : 0;
      expect(rows.map((r) => num(r.rank))).toEqual(rows.map((_, i) => i + 1));
      expect(rows.length).toBeLessThanOrEqual(a.shortage.rows);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const [open, supply, gap] = [num(r.openings), num(r.supply), num(r.gap)];
        const o = occ.get(`${r.occupation_code}|${year}`)!;
        if (r.period_type !== (quarter ? 'quarter' : 'year') || r.is_future !== (year > a.years.latest ? '1' : '0'))
          problems.push(`${period} flags`);
        if (gap <= 0 || Math.abs(gap - (open - supply)) > 1) problems.push(`${period} ${r.occupation_code} gap`);
        if (i > 0 && gap > num(rows[i - 1]!.gap) + 1) problems.push(`${period} order at ${r.rank}`);
        if (Math.abs(num(r.ratio) - open / supply) > 0.0005 + (open / supply) * (0.5 / open + 0.5 / supply))
          problems.push(`${period} ratio`);
        if (quarter === 0) {
          if (open !== num(o.openings) || supply !== num(o.supply) || gap !== num(o.gap))
            problems.push(`${period} ${r.occupation_code} totals`);
        } else {
          const s = a.seasonality;
          const q = quarter - 1;
          const wantOpen = num(o.openings) * s.openings[q]!;
          const wantSupply = num(o.graduate_supply) * s.graduates[q]! + num(o.other_supply) * s.seekers[q]!;
          if (Math.abs(open - wantOpen) > 1 || Math.abs(supply - wantSupply) > 1.5) problems.push(`${period} ${r.occupation_code} seasons`);
        }
      }
      if (quarter === 0) {
        // Every occupation left out of a full list has a smaller gap than the last one ranked.
        const ranked = new Set(rows.map((r) => r.occupation_code));
        const floor = rows.length === a.shortage.rows ? num(rows.at(-1)!.gap) : 0;
        for (const r of ed.occupationYear)
          if (num(r.year) === year && !ranked.has(r.occupation_code) && num(r.gap) > floor + 1)
            problems.push(`${period} misses ${r.occupation_code}`);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('publishes shortage tables as consistent noisy registrations of the true quarterly flows', () => {
    const truth = new Map(ed.shortageRanking.map((r) => [`${r.period}|${r.occupation_name}`, r]));
    const codeOf = new Map(ed.occupationYear.map((r) => [r.occupation_name!, r.occupation_code!]));
    const ratios: number[] = [];
    const problems: string[] = [];
    let previous = new Map<string, string>();
    for (let y = a.years.shortageFrom; y <= a.years.latest; y++)
      for (const q of [1, 2, 3, 4]) {
        const rows = records(join(ed.dir, 'shortage', `shortage_${y}Q${q}.csv`));
        const current = new Map<string, string>();
        rows.forEach((r, i) => {
          const [demand, seekers, gap] = [num(r.招聘需求人数), num(r.求职人数), num(r.缺口数)];
          const where = `${y}Q${q} ${r.排名}`;
          if (num(r.排名) !== i + 1) problems.push(`${where} rank`);
          if (gap !== demand - seekers || gap <= 0) problems.push(`${where} gap`);
          if (i > 0 && gap > num(rows[i - 1]!.缺口数)) problems.push(`${where} order`);
          if (r.求人倍率 !== (seekers > 0 ? (demand / seekers).toFixed(2) : '')) problems.push(`${where} ratio`);
          if (r.职业代码 !== '' && r.职业代码 !== codeOf.get(r.职业名称!)) problems.push(`${where} code ${r.职业代码}`);
          if (!codeOf.has(r.职业名称!)) problems.push(`${where} unknown occupation ${r.职业名称}`);
          if ((r.上期排名 ?? '') !== (previous.get(r.职业名称!) ?? '')) problems.push(`${where} 上期排名`);
          current.set(r.职业名称!, r.排名!);
          const t = truth.get(`${y}Q${q}|${r.职业名称}`);
          if (t && num(t.openings) * a.shortage.registrationRate >= 50) ratios.push(demand / num(t.openings));
        });
        previous = current;
      }
    expect(problems.slice(0, 10)).toEqual([]);
    ratios.sort((x, y) => x - y);
    expect(ratios.length).toBeGreaterThan(200);
    const median = ratios[Math.floor(ratios.length / 2)]!;
    expect(Math.abs(median / a.shortage.registrationRate - 1)).toBeLessThan(0.05);
    // Log-normal noise of sd 0.12 (plus rounding): nothing beyond six sd.
    const bound = Math.exp(6 * a.shortage.noiseSd);
    expect(ratios[0]! / a.shortage.registrationRate).toBeGreaterThan(1 / bound);
    expect(ratios.at(-1)! / a.shortage.registrationRate).toBeLessThan(bound);
  });

  it('logs every enrollment quirk with the value written and a true value that fits it', () => {
    const byFile = groupBy(ed.enrollmentQuirks, (q) => q.file!);
    const links = new Set(ed.majorOccupation.map((r) => `${r.catalog}|${r.major_code}`));
    const problems: string[] = [];
    for (const f of readdirSync(join(ed.dir, 'enrollment'))) {
      const rows = records(join(ed.dir, 'enrollment', f));
      const quirks = new Map((byFile.get(`enrollment/${f}`) ?? []).map((q) => [num(q.line), q]));
      rows.forEach((r, i) => {
        const q = quirks.get(i + 2);
        const where = `${f}:${i + 2}`;
        if (!q) {
          if (r.专业代码 === '' || num(r.招生数) < 0) problems.push(`${where} unlogged quirk`);
          if (!links.has(`${r.办学层次}|${r.专业代码}`)) problems.push(`${where} major ${r.专业代码} has no occupation link`);
          if (majorName.get(`${r.办学层次}|${r.专业代码}`) !== r.专业名称) problems.push(`${where} major name`);
          return;
        }
        if ((r[q.column!] ?? '') !== q.written_value) problems.push(`${where} ${q.column} ${r[q.column!]} vs ${q.written_value}`);
        const written = num(q.written_value);
        const truth = q.true_value!;
        const ok = {
          major_name_only: () => majorName.get(`${r.办学层次}|${truth}`) === r.专业名称,
          major_misspelt_no_code: () => majorName.get(`${r.办学层次}|${truth.split(' ')[0]}`) === truth.split(' ').slice(1).join(' '),
          negative_count: () => written === -num(truth) && num(truth) > 0,
          extra_digit: () => Math.floor(written / 10) === num(truth) && written % 10 > 0,
          graduates_exceed_enrolled: () => written > num(r.在校生数) + num(r.招生数) && num(truth) >= 0,
        }[q.quirk!];
        if (!ok?.()) problems.push(`${where} ${q.quirk} true value ${truth}`);
      });
      if (quirks.size > 0 && Math.max(...quirks.keys()) > rows.length + 1) problems.push(`${f}: quirk beyond the last line`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('sends the graduates that the outcome files place in each city into the true graduate supply', () => {
    const destinations = new Map<string, number>();
    for (const r of records(join(ed.dir, 'outcomes', 'graduate_destinations.csv')))
      if (cityCodes.has(r.就业地区代码!)) addTo(destinations, `${r.就业地区代码}|${r.毕业年份}`, num(r.就业人数));
    const supply = new Map<string, number>();
    const cells = new Map<string, number>();
    for (const r of ed.occupationCityYear) {
      const y = num(r.year);
      if (y < a.years.outcomesFrom || y > a.years.latest) continue;
      addTo(supply, `${r.city_code}|${y}`, num(r.graduate_supply));
      if (num(r.graduate_supply) > 0) addTo(cells, `${r.city_code}|${y}`, 1);
    }
    expect(new Set(supply.keys())).toEqual(new Set(destinations.keys()));
    // Each occupation × city cell is rounded on its own: at most half a graduate each.
    for (const [k, n] of destinations) expect(Math.abs(supply.get(k)! - n), k).toBeLessThanOrEqual((cells.get(k) ?? 0) / 2 + 1);

    const outcomes = records(join(ed.dir, 'outcomes', 'graduate_outcomes.csv'));
    const links = new Set(ed.majorOccupation.map((r) => `${r.catalog}|${r.major_code}`));
    const problems: string[] = [];
    const working = new Map<string, number>();
    for (const r of outcomes) {
      if (!links.has(`${r.办学层次}|${r.专业代码}`)) problems.push(`${r.专业代码}: no occupation link`);
      working.set(`${r.学校代码}|${r.专业代码}|${r.毕业年份}`, num(r.协议和合同就业) + num(r.灵活就业) + num(r.自主创业));
    }
    const bySection = new Map<string, number>();
    const sectionsUsed = new Set(ed.industryCityYear.map((r) => r.section_code));
    for (const r of records(join(ed.dir, 'outcomes', 'graduate_industries.csv'))) {
      if (!sectionsUsed.has(r.行业门类代码) || industryByCode.get(r.行业门类代码!)?.name !== r.行业门类名称)
        problems.push(`section ${r.行业门类代码} ${r.行业门类名称}`);
      addTo(bySection, `${r.学校代码}|${r.专业代码}|${r.毕业年份}`, num(r.就业人数));
    }
    for (const [k, n] of bySection) if (n !== working.get(k)) problems.push(`${k}: ${n} by section, ${working.get(k)} working`);
    for (const [k, n] of working) if (n > 0 && !bySection.has(k)) problems.push(`${k}: ${n} working, no section`);
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it("lists every school of the enrollment and outcome files once, in a city of the province, MOE's schools as MOE lists them in the list's year", () => {
    const list = records(join(ed.dir, 'schools', `school_list_${a.years.latest}.csv`));
    expect(Object.keys(list[0]!)).toEqual(['学校名称', '学校标识码', '主管部门', '所在地', '办学层次', '备注']);
    const byCode = new Map(list.map((r) => [r.学校标识码!, r]));
    expect(byCode.size).toBe(list.length);
    const named = new Map<string, string>();
    for (const f of readdirSync(join(ed.dir, 'enrollment')))
      for (const r of records(join(ed.dir, 'enrollment', f))) named.set(r.学校代码!, r.学校名称!);
    for (const r of records(join(ed.dir, 'outcomes', 'graduate_outcomes.csv'))) named.set(r.学校代码!, r.学校名称!);
    expect(new Set(byCode.keys())).toEqual(new Set(named.keys()));
    const cityNames = new Set(cities.map((c) => c.name!));
    // Schools renamed by the list's year keep their 2017 name in the school spreadsheets and outcome returns.
    const renamed = new Map(
      records(fileURLToPath(new URL('../data/listed_school_renames.csv', import.meta.url)))
        .filter((r) => r.province_code === a.provinceCode && Number(r.year) <= a.years.latest)
        .map((r) => [r.school_code!, r]),
    );
    const problems: string[] = [];
    for (const [code, name] of named) {
      const want = renamed.get(code)?.name_2017 === name ? renamed.get(code)!.name_current : name;
      if (byCode.get(code)!.学校名称 !== want) problems.push(`${code}: ${name} vs ${byCode.get(code)!.学校名称}`);
    }
    for (const r of list) if (!cityNames.has(r.所在地!)) problems.push(`${r.学校标识码}: 所在地 ${r.所在地}`);
    // MOE's own rows (../shared/reference, read independently of the generator's copy): same name (or the new name
    // and 办学层次 of a rename by the list's year), 主管部门, city and 备注.
    const moe = readCsv(join(config.sharedReferenceDir!, 'education_stats', 'moe_hei_list_2017_raw_ramwin.csv'))
      .filter((r) => /^4145\d{6}$/.test(r[2] ?? '') && r.length >= 7)
      .map(([, name, code, authority, city, level, note]) => ({ name, code, authority, city, level, note }));
    let listed = 0;
    for (const m of moe) {
      const r = byCode.get(m.code!);
      if (!r) continue;
      listed++;
      const got = [r.学校名称, r.主管部门, r.所在地, r.办学层次, r.备注].join('|');
      const now = renamed.get(m.code!);
      const want = [now?.name_current ?? m.name!.replace(/\s/g, ''), m.authority, m.city, now?.level_current || m.level, m.note].join('|');
      if (got !== want) problems.push(`${m.code}: ${got} vs MOE ${want}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(listed).toBeGreaterThan(60);
    // Invented schools carry the codes the README documents (中职 3145…, 职业本科 4145099…) and no 主管部门.
    for (const r of list.filter((x) => !moe.some((m) => m.code === x.学校标识码))) {
      expect(r.学校标识码, r.学校名称).toMatch(/^(3145\d{6}|4145099\d{3})$/);
      expect(r.主管部门).toBe('');
    }
  });

  it('prints yearbook cells that are the truth employment times the documented coverage, with sums that add up and revisions marked', async () => {
    const y = a.yearbook;
    const provinceName = regionName.get(a.provinceCode)!;
    const provinceLabel = provinceName.endsWith('自治区') ? '全区' : '全省';
    const cityByName = new Map(cities.map((c) => [c.name!, c.code!]));
    const sectionByName = new Map(sections.map((s) => [s.name!, s.code!]));
    const divisionByName = new Map(industryRows.filter((r) => r.level === '大类').map((r) => [r.name!, r]));
    const employment = new Map(ed.industryCityYear.map((r) => [`${r.industry_code}|${r.city_code}|${r.year}`, num(r.employment)]));
    const divisionsOf = groupBy(
      [...new Set(ed.industryCityYear.map((r) => `${r.section_code}|${r.industry_code}`))],
      (k) => k.split('|')[0]!,
    );
    const truthCells = new Map(ed.yearbookCells.map((r) => [`${r.file}|${r.cell}`, r]));
    const revisions = groupBy(ed.yearbookRevisions, (r) => r.published_in!);
    const revisedIn = new Map(ed.yearbookRevisions.map((r) => [r.revised_in!, r]));
    const files = listFiles(join(ed.dir, 'yearbook')).filter((f) => /^employment_\d{4}\.xlsx$/.test(f));
    expect(files).toEqual(Array.from({ length: a.years.latest - a.years.first + 1 }, (_, i) => `employment_${a.years.first + i}.xlsx`));
    const problems: string[] = [];
    let cellsRead = 0;

    for (const f of files) {
      const year = num(/(\d{4})/.exec(f)![1]);
      const file = `yearbook/${f}`;
      const { rows, merges } = await readSheet(join(ed.dir, file));
      const text = (v: SheetValue | undefined) => (v === null || v === undefined ? '' : String(v));
      expect(text(rows[0]![0])).toMatch(new RegExp(`^表4-\\d+ 各市分行业城镇单位就业人员（${year}年末）$`));
      const headerAt = rows.findIndex((r) => spaceless(text(r[0])) === '行业');
      expect(headerAt).toBeGreaterThan(0);
      expect(rows.slice(0, headerAt).flat().map(text)).toContain('单位：人');
      expect(spaceless(text(rows[headerAt]![1]))).toBe('地区');
      const width = rows[headerAt + 1]!.length;
      expect(merges).toEqual(expect.arrayContaining([`A${headerAt + 1}:A${headerAt + 2}`]));
      expect(merges.some((m) => m.startsWith(`B${headerAt + 1}:`))).toBe(true);
      const regions = rows[headerAt + 1]!.slice(1).map((v) => (text(v) === provinceLabel ? a.provinceCode : cityByName.get(text(v))));
      expect(regions.slice(1).sort()).toEqual([...cityCodes].sort());
      expect(regions[0]).toBe(a.provinceCode);

      // Read the body: label → the row's level and code; values by region.
      const body: { level: string; code: string; values: (number | null)[]; at: number }[] = [];
      let section = '';
      for (let i = headerAt + 2; i < rows.length && text(rows[i]![0]) !== ''; i++) {
        const raw = text(rows[i]![0]);
        const label = spaceless(raw);
        const values = rows[i]!.slice(1, width).map((v) => (v === null ? null : (v as number)));
        if (label === '合计') body.push({ level: 'total', code: '', values, at: i + 1 });
        else if (sectionByName.has(label)) {
          section = sectionByName.get(label)!;
          body.push({ level: 'section', code: section, values, at: i + 1 });
        } else {
          const d = divisionByName.get(label);
          if (!d || d.section_code !== section || !raw.startsWith('\u3000\u3000')) problems.push(`${file} row ${i + 1}: ${raw}`);
          else body.push({ level: 'division', code: d.code!, values, at: i + 1 });
        }
      }
      expect(body.filter((r) => r.level === 'section').map((r) => r.code)).toEqual(sections.map((s) => s.code));
      const shown = new Set(body.filter((r) => r.level === 'division').map((r) => industryByCode.get(r.code)!.section_code));
      expect([...shown]).toEqual(y.divisionRowsUnder);

      // Expected figures from the truth: a 大类 cell is round(employment × coverage), the rest sums.
      const divisionValue = (code: string, city: string) =>
        Math.round(employment.get(`${code}|${city}|${year}`)! * y.coverage[industryByCode.get(code)!.section_code!]!);
      const expectedCell = (level: string, code: string, city: string): number | null => {
        if (level === 'division') return divisionValue(code, city);
        if (level === 'section') {
          const ds = divisionsOf.get(code);
          return ds ? ds.reduce((s, k) => s + divisionValue(k.split('|')[1]!, city), 0) : null;
        }
        return sections.reduce((s, x) => s + (expectedCell('section', x.code!, city) ?? 0), 0);
      };
      const revisedHere = new Set(
        (revisions.get(file) ?? []).flatMap((r) => {
          const sectionCode = r.level === 'division' ? industryByCode.get(r.industry_code!)!.section_code! : r.industry_code!;
          const rowsHit = [`${r.level}|${r.industry_code}`, `section|${sectionCode}`, 'total|'];
          return rowsHit.flatMap((h) => [`${h}|${r.region_code}`, `${h}|${a.provinceCode}`]);
        }),
      );
      for (const row of body) {
        row.values.forEach((printed, c) => {
          const region = regions[c]!;
          const cell = `${String.fromCharCode(66 + c)}${row.at}`;
          const t = truthCells.get(`${file}|${cell}`);
          const want =
            region === a.provinceCode
              ? [...cityCodes].reduce<number | null>((s, city) => {
                  const v = expectedCell(row.level, row.code, city);
                  return v === null ? null : (s ?? 0) + v;
                }, 0)
              : expectedCell(row.level, row.code, region);
          if (want === null) {
            if (printed !== null || t) problems.push(`${file} ${cell}: ${printed} printed for an unpublished section`);
            return;
          }
          cellsRead++;
          if (!t || t.region_code !== region || t.industry_code !== row.code || t.level !== row.level || num(t.year) !== year)
            problems.push(`${file} ${cell}: truth row ${JSON.stringify(t)}`);
          else if (num(t.published_value) !== printed || num(t.value) !== want)
            problems.push(`${file} ${cell}: ${printed} / ${t.published_value} / ${t.value} / ${want}`);
          if ((printed !== want) !== revisedHere.has(`${row.level}|${row.code}|${region}`))
            problems.push(`${file} ${cell}: ${printed} vs ${want}`);
        });
      }

      // The printed table adds up: cities to the province, 大类 to their 门类, 门类 to the 合计.
      const get = (level: string, code: string) => body.find((r) => r.level === level && r.code === code)!.values;
      for (const row of body) {
        if (row.values[0] === null) continue;
        const cities = row.values.slice(1).reduce<number>((s, v) => s + v!, 0);
        if (cities !== row.values[0]) problems.push(`${file} row ${row.at}: cities add up to ${cities}, not ${row.values[0]}`);
      }
      for (let c = 0; c < width - 1; c++) {
        const sectionSum = body.filter((r) => r.level === 'section').reduce((s, r) => s + (r.values[c] ?? 0), 0);
        if (sectionSum !== get('total', '')[c]) problems.push(`${file} column ${c}: sections add up to ${sectionSum}`);
        for (const code of y.divisionRowsUnder) {
          const divisionSum = body
            .filter((r) => r.level === 'division' && industryByCode.get(r.code)!.section_code === code)
            .reduce((s, r) => s + r.values[c]!, 0);
          if (divisionSum !== get('section', code)[c]) problems.push(`${file} column ${c}: ${code} 大类 add up to ${divisionSum}`);
        }
      }

      // A revision of last year's table is a footnote with both figures.
      const notes = rows
        .slice(headerAt + 2 + body.length)
        .flat()
        .map(text)
        .join('\n');
      expect(notes).toMatch(/^\n*注：1\. /);
      const revision = revisedIn.get(file);
      if (revision) {
        const name =
          revision.level === 'division'
            ? industryByCode.get(revision.industry_code!)!.name
            : industryByCode.get(revision.industry_code!)!.name;
        expect(notes).toContain(
          `${revision.year}年末${regionName.get(revision.region_code!)}${name}就业人员数经核实修订为${revision.revised_value}人（上年公布${revision.published_value}人）`,
        );
        expect(num(revision.year)).toBe(year - 1);
      } else expect(notes).not.toContain('修订为');
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(cellsRead).toBe(ed.yearbookCells.length);
    for (const r of ed.yearbookRevisions) {
      expect(r.region_code).not.toBe(a.provinceCode);
      const rel = Math.abs(num(r.published_value) / num(r.revised_value) - 1);
      expect(rel).toBeLessThanOrEqual(y.revisionSize[1] + 1 / num(r.revised_value));
    }
  });

  it("prints the province's all-employment table: every 门类 the truth employment of its 大类 over the cities, the 合计 their sum", async () => {
    const employment = groupBy(ed.industryCityYear, (r) => `${r.section_code}|${r.year}`);
    const truthCells = new Map(ed.yearbookAllCells.map((r) => [`${r.file}|${r.cell}`, r]));
    const files = listFiles(join(ed.dir, 'yearbook')).filter((f) => f.startsWith('employment_all_'));
    expect(files).toEqual(Array.from({ length: a.years.latest - a.years.first + 1 }, (_, i) => `employment_all_${a.years.first + i}.xlsx`));
    const sectionByName = new Map(sections.map((s) => [s.name!, s.code!]));
    const problems: string[] = [];
    for (const f of files) {
      const year = num(/(\d{4})/.exec(f)![1]);
      const file = `yearbook/${f}`;
      const { rows } = await readSheet(join(ed.dir, file));
      const text = (v: SheetValue | undefined) => (v === null || v === undefined ? '' : String(v));
      expect(text(rows[0]![0])).toBe(`表4-2 分行业全社会就业人员（${year}年末）`);
      const headerAt = rows.findIndex((r) => spaceless(text(r[0])) === '行业');
      let total = 0;
      let printedTotal: number | null = null;
      for (let i = headerAt + 1; i < rows.length && text(rows[i]![0]) !== ''; i++) {
        const label = spaceless(text(rows[i]![0]));
        const value = rows[i]![1] as number | null;
        const cell = `B${i + 1}`;
        if (label === '合计') {
          printedTotal = value;
          if (num(truthCells.get(`${file}|${cell}`)?.value) !== value) problems.push(`${file} ${cell}: truth disagrees`);
          continue;
        }
        const code = sectionByName.get(label);
        if (!code) {
          problems.push(`${file} row ${i + 1}: ${label}`);
          continue;
        }
        const rowsOf = employment.get(`${code}|${year}`);
        const want = rowsOf ? rowsOf.reduce((s, r) => s + num(r.employment), 0) : null;
        if (value !== want) problems.push(`${file} ${cell}: ${value} printed, ${want} in the truth`);
        if (want !== null) {
          total += want;
          const t = truthCells.get(`${file}|${cell}`);
          if (!t || t.industry_code !== code || num(t.value) !== want) problems.push(`${file} ${cell}: truth row ${JSON.stringify(t)}`);
        }
      }
      if (printedTotal !== total) problems.push(`${file}: 合计 ${printedTotal}, sections add up to ${total}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });
});
