import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { describe, expect, it } from 'vitest';
import { PATTERNS_FILE, titlePatternsOf } from '../scripts/corpus.js';
import { countTitleForms, countTitlePatterns, formOf, type FormSources, type LabelledTitle } from '../scripts/count-title-patterns.js';
import { Rng } from '../src/prng.js';
import { jobTitle, readTitlePatterns, type TitleContext } from '../src/write/title-patterns.js';

const config = resolveConfig({}, {});

describe('title patterns counted on the coder corpus', () => {
  it('are what the corpus gives: the committed file is reproduced by the script', async () => {
    const committed = JSON.parse(readFileSync(join(config.repoRoot, PATTERNS_FILE), 'utf8')) as unknown;
    expect(await titlePatternsOf(config)).toEqual(committed);
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

describe('title forms counted on the coder corpus', () => {
  it('tells a 大典 name, a dictionary word and words of neither apart', () => {
    expect(formOf('资深数控车工', '车工', ['车床工'])).toBe('name');
    // The name without its role ending: 营销员 → 营销.
    expect(formOf('营销专员（底薪+提成）', '营销员', ['销售代表'])).toBe('name');
    expect(formOf('高薪诚聘销售代表 8K', '营销员', ['销售代表'])).toBe('alias');
    // Latin dictionary words match whatever the case.
    expect(formOf('CNC操机', '车工', ['cnc'])).toBe('alias');
    expect(formOf('CNC调机师傅', '车工', ['车床工'])).toBe('other');
  });

  it('counts the shares on specific labels and draws real forms only from labels that are not doubtful', () => {
    const row = (title: string, label_code: string, label_level: string, label_name: string, label_note = ''): LabelledTitle => ({
      title,
      label_code,
      label_level,
      label_name,
      label_note,
    });
    const sources: FormSources = {
      shareRows: [
        row('数控车工', '6-18-01-01', '细类', '车工'),
        row('车床工（长白班）', '6-18-01-01', '细类', '车工'),
        row('CNC调机', '6-18-01-01', '细类', '车工'),
        row('CNC技术员', '6-18-01-01', '细类', '车工'),
        // A generic label names no occupation and is left out.
        row('普工', '6-00-00-00', '大类', '生产制造及有关人员'),
      ],
      sourceRows: [
        { ...row('CNC调机师傅', '6-18-01-01', '细类', '车工'), file: 'reserved.csv' },
        { ...row('走心机学徒', '6-18-01-01', '细类', '车工', 'doubtful: could be 6-18-01-06'), file: 'reserved.csv' },
        { ...row('车床工学徒', '6-18-01-01', '细类', '车工'), file: 'reserved.csv' },
      ],
      aliases: [
        { alias: '车床工', code: '6-18-01-01', tier: 4 },
        { alias: '车床', code: '6-18-01-01', tier: 2 },
      ],
      bossWords: [
        { alias: '数控操机', code: '6-18-01-01', note: '车工' },
        { alias: '铣床', code: '6-18-01-02', note: 'doubtful: 铣工' },
        { alias: '机加工', code: '6-18-01-00', note: '机械冷加工人员' },
      ],
    };
    const names: Record<string, string> = { '6-18-01-01': '车工', '6-18-01-02': '铣工', '6-18-01-00': '机械冷加工人员' };
    const f = countTitleForms(sources, (c) => names[c], 'hand-read');
    // Four specific labels: fewer than MIN_GROUP_TITLES in 大类 6, so only the pooled shares are kept.
    expect(f.shares).toEqual({ '*': { titles: 4, name: 0.25, alias: 0.25, other: 0.5 } });
    // Tier 2 (a domain) is not a role a title can be made of.
    expect(f.alias).toEqual([{ text: '车床工', code: '6-18-01-01' }]);
    // Not the doubtful label, not a title holding a dictionary word, not a doubtful BOSS word.
    expect(f.other).toEqual([
      { text: '机加工', code: '6-18-01-00', whole: false, source: 'boss' },
      { text: 'CNC调机师傅', code: '6-18-01-01', whole: true, source: 'reserved.csv' },
      { text: '数控操机', code: '6-18-01-01', whole: false, source: 'boss' },
    ]);
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
  const formsOf = (code: string) =>
    [...patterns.forms.alias, ...patterns.forms.other]
      .filter((f) => f.code === code || f.code === `${code.slice(0, 7)}-00`)
      .map((f) => f.text);
  const draw = (code: string, name: string, n: number) => {
    const rng = new Rng(11, 'titles');
    return Array.from({ length: n }, () => jobTitle(rng, patterns, { code, name }, ctx(rng)).text);
  };

  it('writes a generic title of the 大类 as often as the corpus does, and only titles the corpus has', () => {
    const titles = draw('6-18-02-04', '焊工', 20_000);
    const generic = new Set(patterns.generic.filter((g) => g.code === '6' || g.code === '6-18').map((g) => g.title));
    const share = titles.filter((t) => generic.has(t)).length / titles.length;
    expect(generic.size).toBeGreaterThan(10);
    // Binomial sd at n = 20,000 and p = 0.25 is 0.3 points.
    expect(Math.abs(share - patterns.groups['6']!.generic)).toBeLessThan(0.015);
    const own = titles.filter((t) => !generic.has(t));
    const forms = formsOf('6-18-02-04');
    expect(own.every((t) => t.includes('焊工') || forms.some((f) => t.includes(f)))).toBe(true);
    expect(own.filter((t) => t.includes('/') || t.includes('、')).length / own.length).toBeCloseTo(patterns.groups['6']!.joined, 1);
  });

  it('puts the employer before 招聘, the pay from the posting and the city in brackets for 大类 4', () => {
    // Real titles written as they were found carry their own decorations: the rest get the shares.
    const whole = new Set(patterns.forms.other.filter((o) => o.whole).map((o) => o.text));
    const titles = draw('4-01-02-01', '营销员', 20_000).filter((t) => !whole.has(t));
    const share = patterns.groups['4']!;
    const employer = titles.filter((t) => t.startsWith('柳州鑫达机械有限公司招聘')).length / titles.length;
    expect(Math.abs(employer - share.employer)).toBeLessThan(0.005);
    const paid = titles.filter((t) => / (4\.5K|4\.5-6\.5K|4500-6500|0\.7万|月薪4500)$/.test(t.replace(/^.*招聘/, '')));
    expect(Math.abs(paid.length / titles.length - share.pay)).toBeLessThan(0.01);
    expect(titles.some((t) => t.includes('（柳州）'))).toBe(true);
    const forms = formsOf('4-01-02-01');
    expect(titles.every((t) => t.includes('营销') || forms.some((f) => t.includes(f)))).toBe(true);
  });

  it('names the occupation by a real form no dictionary holds as often as real titles do, where it has one, and records the form', () => {
    // An occupation with both kinds of form, read off the committed patterns.
    const code = patterns.forms.other.find((o) => !o.whole && patterns.forms.alias.some((a) => a.code === o.code))!.code;
    const fits = (c: string) => c === code || c === `${code.slice(0, 7)}-00`;
    const other = patterns.forms.other.filter((o) => fits(o.code));
    const alias = patterns.forms.alias.filter((a) => fits(a.code));
    const rng = new Rng(11, 'titles');
    const titles = Array.from({ length: 20_000 }, () => jobTitle(rng, patterns, { code, name: '某某员' }, ctx(rng)));
    // The recorded form is what the text shows.
    for (const t of titles) {
      if (t.form === 'real_title') expect(other.some((o) => o.whole && o.text === t.text)).toBe(true);
      if (t.form === 'real_word') expect(other.some((o) => !o.whole && t.text.includes(o.text))).toBe(true);
      if (t.form === 'alias') expect(alias.some((a) => t.text.includes(a.text))).toBe(true);
      if (t.form === 'name') expect(t.text).toContain('某某员');
    }
    // Generic titles come first; the rest take each form at its share (binomial sd under 0.4 points).
    const named = titles.filter((t) => t.form !== 'generic');
    const share = patterns.forms.shares[code[0]!] ?? patterns.forms.shares['*']!;
    const of = (...forms: string[]) => named.filter((t) => forms.includes(t.form)).length / named.length;
    expect(named.length).toBeGreaterThan(15_000);
    expect(Math.abs(of('real_title', 'real_word') - share.other)).toBeLessThan(0.015);
    expect(Math.abs(of('alias') - share.alias)).toBeLessThan(0.015);
    expect(Math.abs(of('name') - share.name)).toBeLessThan(0.015);
  });
});
