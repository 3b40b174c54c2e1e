import { describe, expect, it } from 'vitest';
import { nameTerms, terms, wordParts } from './word-terms.js';

/** Words two names have in common, in the first name's order. */
const sharedWords = (a: string, b: string) => {
  const other = new Set(nameTerms(b).words);
  return nameTerms(a).words.filter((w) => other.has(w));
};

describe('nameTerms', () => {
  it('gives no term to a bigram that straddles two words or only begins a longer one', () => {
    expect(nameTerms('计算语言学').words).toEqual(['计算', '语言']);
    expect(nameTerms('计算机维修工').words).toEqual(['计算机', '维修']);
    expect(sharedWords('计算语言学', '计算机维修工')).toEqual([]);
    expect(nameTerms('汽车制造与试验技术').words).toEqual(['汽车', '制造', '试验', '技术']);
    expect(nameTerms('临床检验技师').words).toEqual(['临床', '检验', '技师']);
    expect(sharedWords('汽车制造与试验技术', '临床检验技师')).toEqual([]);
  });

  it('keeps the words two related names really share', () => {
    expect(sharedWords('汽车制造与试验技术', '汽车装调工')).toEqual(['汽车']);
    expect(sharedWords('汽车制造与试验技术', '汽车维修工')).toEqual(['汽车']);
    expect(sharedWords('汽车制造与试验技术', '试验员')).toEqual(['试验']);
    expect(sharedWords('中西面点', '中式面点师')).toEqual(['面点']);
  });

  it('pairs adjacent words into phrases, broken by a single character such as 与', () => {
    expect(nameTerms('汽车制造与试验技术').phrases).toEqual(['汽车制造', '试验技术']);
    expect(nameTerms('智能制造工程').phrases).toEqual(['智能制造', '制造工程']);
  });

  it('keeps newer compounds whole, so that their last word does not stand for them', () => {
    expect(nameTerms('云计算工程技术人员').words).toEqual(['云计算', '工程', '技术', '人员']);
    expect(sharedWords('计算语言学', '云计算工程技术人员')).toEqual([]);
    expect(nameTerms('财税大数据应用').words).toEqual(['财税', '大数据', '应用']);
  });

  it('takes a word jieba only guesses (代驾员) down to its stem too', () => {
    expect(nameTerms('汽车代驾员').words).toEqual(['汽车', '代驾']);
  });
});

describe('wordParts', () => {
  it('splits compounds of dictionary words and drops a suffix that keeps the subject', () => {
    expect(wordParts('临床医学')).toEqual(['临床', '医学']);
    expect(wordParts('技术人员')).toEqual(['技术', '人员']);
    expect(wordParts('护理员')).toEqual(['护理']);
    expect(wordParts('语言学')).toEqual(['语言']);
    expect(wordParts('检察院')).toEqual(['检察']);
  });

  it('keeps whole a word whose last character makes something else of the stem', () => {
    expect(wordParts('计算机')).toEqual(['计算机']);
    expect(wordParts('机器人')).toEqual(['机器人']);
    expect(wordParts('化妆品')).toEqual(['化妆品']);
  });

  it('gives no term for a single character', () => {
    expect(wordParts('与')).toEqual([]);
  });
});

describe('terms', () => {
  it('weighs words and adds phrases at weight 0, so that phrases never move a score', () => {
    expect([...terms('汽车制造与试验技术', 0.5)]).toEqual([
      ['汽车', 0.5],
      ['制造', 0.5],
      ['试验', 0.5],
      ['技术', 0.5],
      ['汽车制造', 0],
      ['试验技术', 0],
    ]);
  });
});
