/**
 * Prints the occupation coder's precision on the hand-labelled sample
 * (`packages/ingest/test/fixtures/labelled/occupation_sample.csv`) at 大类, 小类 and 细类, and the
 * throughput of each posting normaliser on the real reference scrapes.
 * Run: npx tsx --conditions=source bench/occupation-precision.ts [--misses]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { resolveConfig } from '@talent/models';
import {
  buildCoders,
  occupationPrefix,
  parseRequirements,
  parseSalary,
  readCoderReference,
} from '../packages/ingest/src/normalize/index.js';

const config = resolveConfig();
const root = config.repoRoot;
const coders = buildCoders(await readCoderReference(config));
const { occupation: codeOccupation, industry: normaliseIndustry, location: normaliseLocation, title: normaliseTitle } = coders;
const sample = parse(readFileSync(join(root, 'packages/ingest/test/fixtures/labelled/occupation_sample.csv')), {
  columns: true,
}) as Record<string, string>[];
const showMisses = process.argv.includes('--misses');

let t = performance.now();
codeOccupation('');
console.log(`coder build: ${(performance.now() - t).toFixed(0)} ms`);

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
for (const split of ['tuning', 'holdout', 'all']) {
  const labelled = sample.filter((r) => r.label_code && (split === 'all' || r.split === split));
  let coded = 0;
  const hits = { 大类: 0, 小类: 0, 细类: 0 };
  for (const r of labelled) {
    const m = codeOccupation(r.title!);
    if (!m.code) {
      if (showMisses && split !== 'all') console.log(`UNCODED  ${r.title}`);
      continue;
    }
    coded++;
    for (const level of ['大类', '小类', '细类'] as const) {
      const got = occupationPrefix(m.code, level);
      if (got !== null && got === occupationPrefix(r.label_code!, level)) hits[level]++;
    }
    if (showMisses && split !== 'all' && occupationPrefix(m.code, '小类') !== occupationPrefix(r.label_code!, '小类')) {
      console.log(
        `MISS  ${r.title} → ${m.code} ${m.name} (${m.method}: ${m.evidence}, ${m.confidence}) | label ${r.label_code} ${r.label_name}`,
      );
    }
  }
  console.log(
    `${split.padEnd(8)} ${labelled.length} labelled, ${coded} coded (coverage ${pct(coded / labelled.length)}); ` +
      `precision 大类 ${pct(hits.大类 / coded)}  小类 ${pct(hits.小类 / coded)}  细类 ${pct(hits.细类 / coded)}`,
  );
}

// Throughput: each normaliser over N rows drawn (with repeats, as in real loads) from the sample titles
// and a fixed set of real cell values.
const N = 1_000_000;
const salaries = [
  '1-1.5万',
  '6千-1.2万·13薪',
  '20-30万/年',
  '150元/天',
  '12-18K',
  '25-35K·13薪',
  '300-330元/天',
  "['1-1.5万/月']",
  '薪资面议',
  '面议',
  '8千-1.5万/月',
  '100-120元/时',
  '15k以上',
];
const places = [
  '柳州-城中区',
  '南宁市',
  '广西南宁',
  '广西南宁良庆区',
  '深圳深圳宝安区宝安',
  '北京·海淀区·中关村',
  '北京-海淀区',
  '上海',
  '湖北省武汉东湖新技术产业开发区',
  '贵阳|||',
];
const reqs = ['1-3年本科', '经验不限学历不限', '在校/应届本科', '4天/周6个月本科', '3-4年工作经验', '5年以上'];
const industries = [
  '互联网A轮1000-9999人',
  '民营公司| 500-1000人| 教育/培训/院校 计算机软件',
  '轮',
  '计算机软件不需要融资10000人以上',
  '移动互联网,O2O',
];
const titles = sample.map((r) => r.title!);
function bench(name: string, values: string[], fn: (s: string) => unknown): void {
  for (const v of values) fn(v);
  t = performance.now();
  for (let i = 0; i < N; i++) fn(values[i % values.length]!);
  const s = (performance.now() - t) / 1000;
  console.log(`${name.padEnd(20)} ${(N / s / 1e6).toFixed(2)} M rows/s (${values.length} distinct, memoised)`);
}
bench('parseSalary', salaries, parseSalary);
bench('normaliseLocation', places, normaliseLocation);
bench('parseRequirements', reqs, (s) => parseRequirements({ experience: s }));
bench('normaliseIndustry', industries, normaliseIndustry);
bench('normaliseTitle', titles, normaliseTitle);
bench('codeOccupation', titles, (s) => codeOccupation(s));
// Cold cost: every input distinct, so the memo never helps (the worst case for a load).
function coldBench(name: string, make: (i: number) => string, fn: (s: string) => unknown, n = 100_000): void {
  const inputs = Array.from({ length: n }, (_, i) => make(i));
  t = performance.now();
  for (const v of inputs) fn(v);
  const s = (performance.now() - t) / 1000;
  console.log(`${(name + ' cold').padEnd(20)} ${(n / s / 1e3).toFixed(0)} k distinct inputs/s`);
}
coldBench('parseSalary', (i) => `${1 + (i % 90)}-${100 + i}K·13薪`, parseSalary);
coldBench('normaliseLocation', (i) => `${places[i % places.length]}${i}号`, normaliseLocation);
coldBench(
  'parseRequirements',
  (i) => `${1 + (i % 9)}-${10 + i}年本科`,
  (s) => parseRequirements({ experience: s }),
);
coldBench('normaliseIndustry', (i) => `${industries[i % industries.length]}${i}人`, normaliseIndustry);
coldBench('normaliseTitle', (i) => `${titles[i % titles.length]}${i}`, normaliseTitle);
coldBench(
  'codeOccupation',
  (i) => `${titles[i % titles.length]}x${i}`,
  (s) => codeOccupation(s),
  20_000,
);
