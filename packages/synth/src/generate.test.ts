import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '@talent/models';
import { generateEdition } from './generate.js';

// Defaults only (no environment): the repository's reference data and ../shared/reference beside it.
const config = resolveConfig({}, {});
const referenceDir = () => config.referenceDir;
const repoRoot = () => config.repoRoot;
const tmp = mkdtempSync(join(tmpdir(), 'synth-gen-'));
const first = join(tmp, 'first');
const second = join(tmp, 'second');
const other = join(tmp, 'other-seed');

type Row = Record<string, string>;
interface Enrolment {
  cols: Row;
  file: string;
  quirk: boolean;
}
const readCsv = (path: string, encoding: 'utf8' | 'gbk' = 'utf8'): string[][] => {
  const buf = readFileSync(path);
  const text = encoding === 'gbk' ? iconv.decode(buf, 'gbk') : buf.toString('utf8').replace(/^\uFEFF/, '');
  return parse(text, { relax_column_count: true, skip_empty_lines: true });
};
const records = (path: string): Row[] => {
  const [header, ...rows] = readCsv(path);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};
const listFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();

async function generate(out: string, seed: number): Promise<void> {
  await generateEdition({ edition: 'demo', seed, out, referenceDir: referenceDir() });
}

beforeAll(async () => {
  await generate(first, 7);
  await generate(second, 7);
  await generate(other, 8);
}, 180_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('determinism', () => {
  it('gives byte-identical files for one seed', () => {
    const files = listFiles(first);
    expect(listFiles(second)).toEqual(files);
    expect(files.some((f) => f.endsWith('.xlsx'))).toBe(true);
    const differing = files.filter((f) => !readFileSync(join(first, f)).equals(readFileSync(join(second, f))));
    expect(differing).toEqual([]);
  });

  it('rebuilds the committed demo edition byte for byte', () => {
    // datasets/demo is edition demo, seed 7: regenerate it whenever the generator or the code lists change.
    const committed = join(repoRoot(), 'datasets', 'demo');
    const files = listFiles(first);
    expect(listFiles(committed)).toEqual(files);
    expect(files.filter((f) => !readFileSync(join(first, f)).equals(readFileSync(join(committed, f))))).toEqual([]);
  });

  it('gives different data for another seed', () => {
    const a = readFileSync(join(first, 'postings', 'source_c_2024.jsonl'));
    const b = readFileSync(join(other, 'postings', 'source_c_2024.jsonl'));
    expect(a.equals(b)).toBe(false);
  });

  it('refuses to replace a folder that is not an edition', async () => {
    const foreign = join(tmp, 'not-an-edition');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'keep me');
    await expect(generate(foreign, 7)).rejects.toThrow(/not an edition folder/);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('writes the documented layout', () => {
    expect(readdirSync(first).sort()).toEqual(['enrollment', 'outcomes', 'postings', 'schools', 'shortage', 'truth', 'yearbook']);
    expect(readdirSync(join(first, 'schools'))).toEqual(['school_list_2025.csv']);
    expect(readdirSync(join(first, 'yearbook')).sort()).toEqual(
      [
        ...Array.from({ length: 13 }, (_, i) => `employment_${2013 + i}.xlsx`),
        ...Array.from({ length: 13 }, (_, i) => `employment_all_${2013 + i}.xlsx`),
      ].sort(),
    );
    const postings = readdirSync(join(first, 'postings')).sort();
    for (const y of [2022, 2023, 2024, 2025]) {
      expect(postings).toContain(`source_a_${y}.csv`);
      expect(postings).toContain(`source_b_${y}.xlsx`);
      expect(postings).toContain(`source_c_${y}.jsonl`);
    }
    const shortage = readdirSync(join(first, 'shortage'));
    expect(shortage.filter((f) => f.startsWith('shortage_'))).toHaveLength(28);
    expect(shortage.filter((f) => f.startsWith('occupation_groups_'))).toHaveLength(28);
  });
});

describe('posting quirks and duplicates', () => {
  const key = () => records(join(first, 'truth', 'postings_key.csv'));

  it('has about 2% malformed rows in each source, exactly the rows the key flags', async () => {
    const flagged = { a: 0, b: 0, c: 0 };
    const totals = { a: 0, b: 0, c: 0 };
    for (const r of key()) {
      const s = r.source as 'a' | 'b' | 'c';
      totals[s]++;
      if (r.quirk!.startsWith('malformed_')) flagged[s]++;
    }
    const isDate = (s: string) =>
      /^\d{4}[-/]\d{1,2}[-/]\d{1,2}$/.test(s) &&
      !Number.isNaN(Date.parse(s.replace(/\//g, '-').replace(/-(\d)(?=-|$)/g, '-0$1'))) &&
      Number(s.split(/[-/]/)[1]) <= 12 &&
      Number(s.split(/[-/]/)[2]) <= new Date(Date.UTC(Number(s.split(/[-/]/)[0]), Number(s.split(/[-/]/)[1]), 0)).getUTCDate();
    let badA = 0;
    let rowsA = 0;
    let badC = 0;
    let rowsC = 0;
    let badB = 0;
    let rowsB = 0;
    for (const y of [2022, 2023, 2024, 2025]) {
      const [header, ...rows] = readCsv(join(first, 'postings', `source_a_${y}.csv`), 'gbk');
      expect(header).toEqual([
        '职位ID',
        '职位名称',
        '公司名称',
        '工作城市',
        '薪资',
        '学历要求',
        '工作经验',
        '所属行业',
        '招聘人数',
        '发布日期',
        '职位标签',
      ]);
      for (const r of rows) {
        rowsA++;
        if (r.length !== header!.length || !isDate(r[9]!)) badA++;
      }
      for (const line of readFileSync(join(first, 'postings', `source_c_${y}.jsonl`), 'utf8').split('\n')) {
        if (line === '') continue;
        rowsC++;
        try {
          const rec = JSON.parse(line) as { published_at?: string };
          if (!isDate((rec.published_at ?? '').slice(0, 10))) badC++;
        } catch {
          badC++;
        }
      }
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(first, 'postings', `source_b_${y}.xlsx`));
      wb.worksheets[0]!.eachRow((row, n) => {
        if (n === 1) return;
        rowsB++;
        const min = row.getCell(5).value;
        if (!(row.getCell(12).value instanceof Date) || (min !== null && typeof min !== 'number')) badB++;
      });
    }
    expect(rowsA).toBe(totals.a);
    expect(rowsB).toBe(totals.b);
    expect(rowsC).toBe(totals.c);
    expect(badA).toBe(flagged.a);
    expect(badB).toBe(flagged.b);
    expect(badC).toBe(flagged.c);
    for (const [bad, n] of [
      [badA, rowsA],
      [badB, rowsB],
      [badC, rowsC],
    ] as const) {
      expect(bad / n).toBeGreaterThan(0.012);
      expect(bad / n).toBeLessThan(0.03);
    }
  });

  it('re-posts and cross-posts about 1 in 6 rows, and duplicates carry the same job', () => {
    const rows = key();
    const vacancies = new Set(rows.map((r) => r.vacancy_id));
    const duplicateRate = (rows.length - vacancies.size) / rows.length;
    // 8% reposts + 12% cross-source copies per vacancy → (0.08 + 0.12) / 1.2 ≈ 0.167 of rows.
    expect(duplicateRate).toBeGreaterThan(0.14);
    expect(duplicateRate).toBeLessThan(0.19);
    const titleA = new Map<string, string>();
    for (const y of [2022, 2023, 2024, 2025]) {
      const [, ...a] = readCsv(join(first, 'postings', `source_a_${y}.csv`), 'gbk');
      for (const r of a) if (r.length === 11) titleA.set(r[0]!, `${r[1]}|${r[2]}`);
    }
    const titleC = new Map<string, string>();
    for (const y of [2022, 2023, 2024, 2025])
      for (const line of readFileSync(join(first, 'postings', `source_c_${y}.jsonl`), 'utf8').split('\n')) {
        try {
          const rec = JSON.parse(line) as { job_id: string; title: string; company: { name: string } };
          titleC.set(rec.job_id, `${rec.title}|${rec.company.name}`);
        } catch {
          // Truncated lines are the malformed rows tested above.
        }
      }
    const byVacancy = new Map<string, string[]>();
    for (const r of rows) {
      const t = r.source === 'a' ? titleA.get(r.posting_id!) : r.source === 'c' ? titleC.get(r.posting_id!) : undefined;
      if (t) byVacancy.set(r.vacancy_id!, [...(byVacancy.get(r.vacancy_id!) ?? []), t]);
    }
    const multi = [...byVacancy.values()].filter((v) => v.length > 1);
    expect(multi.length).toBeGreaterThan(300);
    for (const v of multi) expect(new Set(v).size).toBe(1);
  });
});

describe('enrollment', () => {
  const levels: Record<string, number> = { 中职: 3, 高职专科: 3, 职业本科: 4, 本科: 4 };
  const load = () => {
    const dir = join(first, 'enrollment');
    const quirks = new Set(records(join(first, 'truth', 'enrollment_quirks.csv')).map((q) => `${q.file}:${q.line}`));
    const all: Enrolment[] = [];
    for (const f of readdirSync(dir).sort())
      records(join(dir, f)).forEach((cols, i) =>
        all.push({ cols, file: `enrollment/${f}`, quirk: quirks.has(`enrollment/${f}:${i + 2}`) }),
      );
    return all;
  };

  it('has about 1.5% rows without a major code and about 0.4% impossible counts, as logged', () => {
    const rows = load();
    const noCode = rows.filter((r) => r.cols.专业代码 === '');
    expect(noCode.length / rows.length).toBeGreaterThan(0.008);
    expect(noCode.length / rows.length).toBeLessThan(0.022);
    expect(noCode.every((r) => r.quirk)).toBe(true);
    const negative = rows.filter((r) => Number(r.cols.招生数) < 0);
    expect(negative.length).toBeGreaterThan(0);
    expect(negative.every((r) => r.quirk)).toBe(true);
    const logged = rows.filter((r) => r.quirk);
    expect(logged.length / rows.length).toBeGreaterThan(0.012);
    expect(logged.length / rows.length).toBeLessThan(0.03);
  });

  it('lets graduates follow intake by exactly the programme length', () => {
    // A programme is a run of rows of one file with rising years and one major code (a quirk row,
    // whose code may be blank, stays in the run of its neighbours).
    const runs: { level: string; rows: Enrolment[] }[] = [];
    let prev: Enrolment | null = null;
    let prevCode = '';
    for (const r of load()) {
      const rising = prev !== null && prev.file === r.file && Number(r.cols.年份) > Number(prev.cols.年份);
      const sameRun = rising && (r.quirk || prevCode === '' || r.cols.专业代码 === prevCode);
      if (!sameRun) {
        runs.push({ level: r.cols.办学层次!, rows: [] });
        prevCode = '';
      }
      runs[runs.length - 1]!.rows.push(r);
      prev = r;
      if (!r.quirk) prevCode = r.cols.专业代码!;
    }
    const best = new Map<string, number[]>();
    let startsChecked = 0;
    for (const run of runs) {
      const L = levels[run.level]!;
      const firstYear = Number(run.rows[0]!.cols.年份);
      const clean = run.rows.filter((r) => !r.quirk);
      const intake = new Map(clean.map((r) => [Number(r.cols.年份), Number(r.cols.招生数)]));
      const grads = new Map(clean.map((r) => [Number(r.cols.年份), Number(r.cols.毕业生数)]));
      // Programmes opened inside the window: first graduates come exactly L years after the first intake.
      if (firstYear > 2013 && clean.length === run.rows.length) {
        const firstGrad = clean.find((r) => Number(r.cols.毕业生数) > 0);
        if (firstGrad) {
          expect(Number(firstGrad.cols.年份) - firstYear).toBe(L);
          startsChecked++;
        }
      }
      // Older programmes: the ratio graduates(t) / intake(t − k) is steadiest at k = L.
      const spread = [1, 2, 3, 4, 5, 6].map((k) => {
        const logs: number[] = [];
        for (const [y, g] of grads) {
          const i = intake.get(y - k);
          if (g > 0 && i !== undefined && i > 0) logs.push(Math.log(g / i));
        }
        if (logs.length < 5) return Infinity;
        const mean = logs.reduce((x, y) => x + y, 0) / logs.length;
        return Math.sqrt(logs.reduce((x, y) => x + (y - mean) ** 2, 0) / logs.length);
      });
      if (spread.some((x) => x === Infinity)) continue;
      best.set(run.level, [...(best.get(run.level) ?? []), spread.indexOf(Math.min(...spread)) + 1]);
    }
    expect(startsChecked).toBeGreaterThan(20);
    for (const level of ['中职', '高职专科', '本科']) {
      const lags = best.get(level)!;
      expect(lags.length).toBeGreaterThan(50);
      expect(lags.filter((k) => k === levels[level]).length / lags.length).toBeGreaterThan(0.9);
    }
  });
});

describe('codes', () => {
  it('uses only codes that exist in the reference data', () => {
    const ref = referenceDir();
    const codes = (path: string, column = 'code') => new Set(records(path).map((r) => r[column]!));
    const regionPath = join(ref, 'region', 'gbt2260.csv');
    const industryPath = join(ref, 'industry', 'gbt4754_2017.csv');
    const occupationPath = join(ref, 'occupation', 'csco_2022.csv');
    if (![regionPath, industryPath, occupationPath].every(existsSync))
      throw new Error('reference code lists missing under datasets/reference');
    const regions = codes(regionPath);
    const industries = codes(industryPath);
    const occupations = codes(occupationPath);
    const majors = new Map<string, Set<string>>();
    for (const f of readdirSync(join(ref, 'major')).filter((x) => x.endsWith('.csv')))
      for (const r of records(join(ref, 'major', f))) majors.set(r.catalog!, (majors.get(r.catalog!) ?? new Set()).add(r.code!));
    const missing: string[] = [];
    const check = (set: Set<string> | undefined, code: string, what: string) => {
      if (code !== '' && !set?.has(code)) missing.push(`${what}:${code}`);
    };
    for (const f of readdirSync(join(first, 'enrollment')))
      for (const r of records(join(first, 'enrollment', f))) check(majors.get(r.办学层次!), r.专业代码!, `major(${r.办学层次})`);
    for (const r of records(join(first, 'outcomes', 'graduate_destinations.csv'))) check(regions, r.就业地区代码!, 'region');
    for (const r of records(join(first, 'outcomes', 'graduate_industries.csv'))) check(industries, r.行业门类代码!, 'section');
    for (const f of readdirSync(join(first, 'shortage')).filter((x) => x.startsWith('shortage_')))
      for (const r of records(join(first, 'shortage', f))) check(occupations, r.职业代码!, 'occupation');
    for (const r of records(join(first, 'truth', 'postings_key.csv'))) {
      check(occupations, r.occupation_code!, 'occupation');
      check(industries, r.industry_code!, 'industry');
      check(regions, r.city_code!, 'city');
    }
    for (const r of records(join(first, 'truth', 'industry_city_year.csv'))) check(industries, r.industry_code!, 'industry');
    expect(missing.slice(0, 10)).toEqual([]);
  });
});

describe('outcomes and shortage', () => {
  it('splits every cohort into 去向 that add up, matching the enrollment files and the destination totals', () => {
    const outcomes = records(join(first, 'outcomes', 'graduate_outcomes.csv'));
    expect(outcomes.length).toBeGreaterThan(5000);
    const working = new Map<string, number>();
    for (const r of outcomes) {
      const parts = ['升学', '协议和合同就业', '灵活就业', '自主创业', '应征入伍', '待就业'].map((k) => Number(r[k]));
      expect(parts.reduce((x, y) => x + y, 0)).toBe(Number(r.毕业生数));
      const key = `${r.学校代码}|${r.毕业年份}`;
      working.set(key, (working.get(key) ?? 0) + Number(r.协议和合同就业) + Number(r.灵活就业) + Number(r.自主创业));
    }
    const destinations = new Map<string, number>();
    for (const r of records(join(first, 'outcomes', 'graduate_destinations.csv'))) {
      const key = `${r.学校代码}|${r.毕业年份}`;
      destinations.set(key, (destinations.get(key) ?? 0) + Number(r.就业人数));
    }
    expect(destinations).toEqual(working);
    const quirkLines = new Set(records(join(first, 'truth', 'enrollment_quirks.csv')).map((q) => `${q.file}:${q.line}`));
    const enrolled = new Map<string, string>();
    for (const f of readdirSync(join(first, 'enrollment')))
      records(join(first, 'enrollment', f)).forEach((r, i) => {
        if (!quirkLines.has(`enrollment/${f}:${i + 2}`)) enrolled.set(`${r.学校代码}|${r.专业代码}|${r.年份}`, r.毕业生数!);
      });
    let compared = 0;
    for (const r of outcomes) {
      const e = enrolled.get(`${r.学校代码}|${r.专业代码}|${r.毕业年份}`);
      if (e === undefined) continue;
      expect(r.毕业生数).toBe(e);
      compared++;
    }
    expect(compared / outcomes.length).toBeGreaterThan(0.95);
  });

  it('publishes quarterly rankings close to the true ranking, with ~15% missing occupation codes', () => {
    const truth = records(join(first, 'truth', 'shortage_ranking.csv'));
    let overlap = 0;
    let checked = 0;
    let rows = 0;
    let missing = 0;
    for (const year of [2019, 2022, 2025])
      for (const q of [1, 2, 3, 4]) {
        const observed = records(join(first, 'shortage', `shortage_${year}Q${q}.csv`));
        rows += observed.length;
        missing += observed.filter((r) => r.职业代码 === '').length;
        const trueTop = new Set(truth.filter((r) => r.period === `${year}Q${q}` && Number(r.rank) <= 20).map((r) => r.occupation_name));
        for (const r of observed.slice(0, 10)) {
          checked++;
          if (trueTop.has(r.职业名称)) overlap++;
        }
        const gaps = observed.map((r) => Number(r.缺口数));
        expect(gaps).toEqual([...gaps].sort((a, b) => b - a));
      }
    expect(overlap / checked).toBeGreaterThan(0.6);
    expect(missing / rows).toBeGreaterThan(0.08);
    expect(missing / rows).toBeLessThan(0.22);
  });
});

describe('truth isolation', () => {
  it('is not referenced by any pipeline source file', () => {
    // A path-like mention (quoted, or beside a slash) or an import of the generator; the English
    // idiom "source of truth" in a comment is not a reference to the folder.
    const reference = /['"`/\\]truth\b|\btruth['"`/\\]|@talent\/synth/i;
    expect(reference.test("join(editionDir, 'truth')")).toBe(true);
    expect(reference.test('datasets/demo/truth/postings_key.csv')).toBe(true);
    expect(reference.test('the schema stays the single source of truth')).toBe(false);
    const root = repoRoot();
    // Every package but the generator is pipeline code; the list is read from disk so that a new
    // package is checked too, and a known pipeline package that cannot be found fails the test.
    const packages = readdirSync(join(root, 'packages'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'synth')
      .map((d) => d.name)
      .sort();
    expect(packages).toEqual(expect.arrayContaining(['cli', 'forecast', 'ingest', 'models', 'reports']));
    const offenders: string[] = [];
    for (const pkg of packages) {
      const src = join(root, 'packages', pkg, 'src');
      if (!existsSync(src)) throw new Error(`packages/${pkg} has no src/ folder to check`);
      const files = listFiles(src);
      expect(files.length, `packages/${pkg}/src`).toBeGreaterThan(0);
      for (const f of files) {
        const text = readFileSync(join(src, f), 'utf8');
        if (reference.test(text)) offenders.push(relative(root, join(src, f)));
      }
    }
    expect(offenders).toEqual([]);
  });
});
