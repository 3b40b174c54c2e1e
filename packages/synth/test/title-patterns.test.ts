import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { describe, expect, it } from 'vitest';
import { PATTERNS_FILE, readCorpusTrainSplit, TRAIN_SPLIT } from '../scripts/corpus.js';
import { countTitlePatterns, type LabelledTitle } from '../scripts/count-title-patterns.js';
import { Rng } from '../src/prng.js';
import { jobTitle, readTitlePatterns, type TitleContext } from '../src/write/title-patterns.js';

const config = resolveConfig({}, {});

describe('title patterns counted on the coder corpus', () => {
  it('are what the train split gives: the committed file is reproduced by the script', async () => {
    const { rows, places } = await readCorpusTrainSplit(config);
    const committed = JSON.parse(readFileSync(join(config.repoRoot, PATTERNS_FILE), 'utf8')) as unknown;
    const source = `${TRAIN_SPLIT} (the train split only: ${rows.length} labelled titles), counted by packages/synth/scripts/title-patterns.ts`;
    expect(countTitlePatterns(rows, places, source)).toEqual(committed);
  });

  it('counts each decoration on hand-read titles', () => {
    const t = (title: string, label_code: string, label_level: string, label_name: string): LabelledTitle => ({
      title,
      label_code,
      label_level,
      label_name,
    });
    const rows = [
      t('柳州某某机械有限公司招聘焊工', '6-18-02-04', '细类', '焊工'),
      t('普工（包吃住）', '6-00-00-00', '大类', '生产制造及有关人员'),
      t('资深数控车工（南宁）', '6-18-01-01', '细类', '车工'),
      t('焊工（长白班）', '6-18-02-04', '细类', '焊工'),
      t('高薪诚聘销售代表 8K', '4-01-02-01', '细类', '营销员'),
      t('叉车司机/仓管', '6-30-01-00', '小类', '专用车辆操作人员'),
    ];
    const p = countTitlePatterns(rows, ['南宁', '柳州'], 'hand-read');
    // Every 大类 here has fewer than MIN_GROUP_TITLES titles: only the pooled shares are kept.
    expect(Object.keys(p.groups)).toEqual(['*']);
    expect(p.groups['*']).toEqual({
      titles: 6,
      generic: Math.round((1 / 6) * 1000) / 1000,
      level: Math.round((1 / 6) * 1000) / 1000,
      joined: Math.round((1 / 6) * 1000) / 1000,
      // 包吃住, 南宁 and 长白班; not a bracket that repeats the occupation.
      bracket: 0.5,
      pay: Math.round((1 / 6) * 1000) / 1000,
      urgent: Math.round((1 / 6) * 1000) / 1000,
      employer: Math.round((1 / 6) * 1000) / 1000,
    });
    expect(p.generic).toEqual([{ title: '普工（包吃住）', code: '6', count: 1 }]);
    // The place becomes the posting's city in the generator; the generic title's bracket is its own.
    expect(p.placeBrackets).toBe(1);
    expect(p.brackets).toEqual([{ text: '长白班', group: '6', count: 1 }]);
    expect(p.levels).toEqual([{ text: '资深', count: 1, at: 'prefix' }]);
    expect(p.urgent).toEqual([{ text: '高薪诚聘', count: 1 }]);
    expect(p.payStyles.find((s) => s.style === 'k')!.count).toBe(1);
  });
});

describe('jobTitle', () => {
  const patterns = readTitlePatterns();
  const ctx = (rng: Rng): TitleContext => ({
    company: '柳州鑫达机械有限公司',
    city: '柳州',
    monthlyMin: 4500,
    monthlyMax: 6500,
    another: () => rng.pick(['包装工', '质检员']),
  });
  const draw = (code: string, name: string, n: number) => {
    const rng = new Rng(11, 'titles');
    return Array.from({ length: n }, () => jobTitle(rng, patterns, { code, name }, ctx(rng)));
  };

  it('writes a generic title of the 大类 as often as the corpus does, and only titles the corpus has', () => {
    const titles = draw('6-18-02-04', '焊工', 20_000);
    const generic = new Set(patterns.generic.filter((g) => g.code === '6' || g.code === '6-18').map((g) => g.title));
    const share = titles.filter((t) => generic.has(t)).length / titles.length;
    expect(generic.size).toBeGreaterThan(10);
    // Binomial sd at n = 20,000 and p = 0.25 is 0.3 points.
    expect(Math.abs(share - patterns.groups['6']!.generic)).toBeLessThan(0.015);
    const own = titles.filter((t) => !generic.has(t));
    expect(own.every((t) => t.includes('焊工'))).toBe(true);
    expect(own.filter((t) => t.includes('/') || t.includes('、')).length / own.length).toBeCloseTo(patterns.groups['6']!.joined, 1);
  });

  it('puts the employer before 招聘, the pay from the posting and the city in brackets for 大类 4', () => {
    const titles = draw('4-01-02-01', '营销员', 20_000);
    const share = patterns.groups['4']!;
    const employer = titles.filter((t) => t.startsWith('柳州鑫达机械有限公司招聘')).length / titles.length;
    expect(Math.abs(employer - share.employer)).toBeLessThan(0.005);
    const paid = titles.filter((t) => / (4\.5K|4\.5-6\.5K|4500-6500|0\.7万|月薪4500)$/.test(t.replace(/^.*招聘/, '')));
    expect(Math.abs(paid.length / titles.length - share.pay)).toBeLessThan(0.01);
    expect(titles.some((t) => t.includes('（柳州）'))).toBe(true);
    expect(titles.every((t) => t.includes('营销员'))).toBe(true);
  });
});
