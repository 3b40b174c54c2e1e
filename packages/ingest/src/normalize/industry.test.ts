import { describe, expect, it } from 'vitest';
import { buildIndustryMatcher, loadIndustryDictionary, normaliseIndustry } from './industry.js';
import { loadIndustries } from './reference-lists.js';

describe('normaliseIndustry', () => {
  it.each([
    ['互联网A轮1000-9999人', '64'],
    ['计算机软件不需要融资10000人以上', '651'],
    ['数据服务不需要融资100-499人', '6450'],
    ['民营公司| 500-1000人| 教育/培训/院校 计算机软件', '83'],
    ['民营公司| 50-150人| 计算机软件 计算机服务(系统、数据服务、维修)', '651'],
    ['国企| 通信/电信运营、增值服务', '631'],
    ['移动互联网,O2O', '64'],
    ['互联网移动互联网电子商务，计算机软件，服务系统集成', '64'],
    ['基金证券投资', '67'],
    ['医疗设备/器械', '358'],
  ])('%s → %s', (text, code) => {
    expect(normaliseIndustry(text)).toMatchObject({ code, matched: true });
  });

  it('reports liepin cells polluted by funding stage, ownership-only cells and unknown terms', () => {
    expect(normaliseIndustry('轮')).toMatchObject({ code: null, reason: 'funding-or-size-only' });
    expect(normaliseIndustry('未融资')).toMatchObject({ code: null, reason: 'funding-or-size-only' });
    expect(normaliseIndustry('民营|50-150人')).toMatchObject({ code: null, reason: 'funding-or-size-only' });
    expect(normaliseIndustry('')).toMatchObject({ code: null, reason: 'blank' });
    expect(normaliseIndustry('全部行业')).toMatchObject({ code: null, reason: 'no-match' });
  });

  it('maps every dictionary term to a code of the GB/T 4754-2017 list', () => {
    const known = new Set(loadIndustries().map((i) => i.code));
    const terms = loadIndustryDictionary();
    expect(terms.length).toBeGreaterThan(300);
    expect(terms.filter((t) => !known.has(t.code))).toEqual([]);
    expect(() => buildIndustryMatcher([{ term: '互联网', code: '9999' }], known)).toThrow(/not a GB\/T 4754/);
  });
});
