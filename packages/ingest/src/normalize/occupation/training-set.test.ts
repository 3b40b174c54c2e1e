import { describe, expect, it } from 'vitest';
import { reference } from '../../../test/helpers/coders.js';
import { readFromOtherTitles } from './training-set.js';

// Train-split titles (coder-corpus/train.csv); 电脑组装 is held by one of them, 房产经纪 by several.
const titles = ['电脑组装技术员', '房产经纪人 销售 高薪', '房产经纪人 置业顾问 销售', '高级产品经理', 'Python开发工程师'].map((t) =>
  t.toLowerCase(),
);

describe('cross-validation folds read with the dictionaries the other folds could have written', () => {
  it('leaves out a word read off titles that only the fold holds, and keeps the others', () => {
    const fold = [true, true, false, true, false];
    // Only the fold's 电脑组装技术员 holds it: not written without reading the fold.
    expect(readFromOtherTitles('电脑组装', 'titles', titles, fold)).toBe(false);
    // Held by a title of the fold and by one outside it.
    expect(readFromOtherTitles('房产经纪', 'titles', titles, fold)).toBe(true);
    // Held by no train title: platform usage.
    expect(readFromOtherTitles('叉车司机', 'titles', titles, fold)).toBe(true);
    // Words of the BOSS直聘 tree and of the 大典 are written whatever titles were read.
    expect(readFromOtherTitles('产品经理', 'boss', titles, fold)).toBe(true);
    expect(readFromOtherTitles('车工', 'csco', titles, [true, true, true, true, true])).toBe(true);
  });

  it('reads every dictionary word with where it was read', () => {
    const sources = new Set([...reference.occupationAliases, ...reference.occupationComposition].map((w) => w.source));
    expect([...sources].sort()).toEqual(['boss', 'csco', 'titles']);
    expect(reference.occupationAliases.find((a) => a.alias === '房产经纪')?.source).toBe('titles');
  });
});
