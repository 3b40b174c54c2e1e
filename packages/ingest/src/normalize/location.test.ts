import { describe, expect, it } from 'vitest';
import { coders } from '../../test/helpers/coders.js';
import { buildLocationMatcher, createLocationNormaliser, regionAliases } from './location.js';
import type { Region } from './reference.js';

const normaliseLocation = coders.location;

// A slice of GB/T 2260 (codes as published) so the glued-form mechanics are tested at county level
// whatever the repository list holds outside the pilot provinces.
const r = (code: string, name: string, level: 1 | 2 | 3, parentCode: string | null): Region => ({ code, name, level, parentCode });
const SLICE: Region[] = [
  r('110000', '北京市', 1, null),
  r('110100', '市辖区', 2, '110000'),
  r('110105', '朝阳区', 3, '110100'),
  r('110108', '海淀区', 3, '110100'),
  r('220000', '吉林省', 1, null),
  r('220100', '长春市', 2, '220000'),
  r('220104', '朝阳区', 3, '220100'),
  r('210000', '辽宁省', 1, null),
  r('211300', '朝阳市', 2, '210000'),
  r('440000', '广东省', 1, null),
  r('440300', '深圳市', 2, '440000'),
  r('440306', '宝安区', 3, '440300'),
  r('450000', '广西壮族自治区', 1, null),
  r('450100', '南宁市', 2, '450000'),
  r('450108', '良庆区', 3, '450100'),
  r('450200', '柳州市', 2, '450000'),
  r('450202', '城中区', 3, '450200'),
  r('450225', '融水苗族自治县', 3, '450200'),
  r('520000', '贵州省', 1, null),
  r('522600', '黔东南苗族侗族自治州', 2, '520000'),
];
const match = buildLocationMatcher(SLICE);

describe('buildLocationMatcher', () => {
  it.each([
    ['柳州-城中区', '450202', 'county', ''],
    ['南宁市', '450100', 'city', ''],
    ['广西南宁', '450100', 'city', ''],
    ['广西', '450000', 'province', ''],
    ['广西南宁良庆区', '450108', 'county', ''],
    ['深圳深圳宝安区宝安', '440306', 'county', '宝安'],
    ['北京·海淀区·中关村', '110108', 'county', '中关村'],
    ['北京-海淀区', '110108', 'county', ''],
    ['北京北京朝阳区', '110105', 'county', ''],
    ['黔东南', '522600', 'city', ''],
    ['融水', '450225', 'county', ''],
    ["['柳州-城中区']", '450202', 'county', ''],
    ['南宁|||', '450100', 'city', ''],
  ])('%s → %s', (text, code, level, rest) => {
    expect(match(text)).toMatchObject({ code, level, matched: true, rest });
  });

  it('refuses ambiguous names and short names glued to another unit word', () => {
    // 朝阳区 exists in Beijing and Changchun; 朝阳 alone is 朝阳市, but 朝阳区 is not.
    expect(match('朝阳区')).toMatchObject({ matched: false, reason: 'no-match' });
    expect(match('朝阳')).toMatchObject({ code: '211300', level: 'city' });
  });

  it('keeps unknown and blank places apart and counts the unknown ones', () => {
    const loc = createLocationNormaliser(match);
    expect(loc.normalise('').reason).toBe('blank');
    expect(loc.normalise('|||').reason).toBe('blank');
    expect(loc.normalise('燕郊开发区').reason).toBe('no-match');
    loc.normalise('燕郊开发区');
    expect([...loc.unknownPlaces()]).toEqual([['燕郊开发区', 2]]);
  });

  it('derives short names from official names', () => {
    expect(regionAliases(r('450000', '广西壮族自治区', 1, null))).toContain('广西');
    expect(regionAliases(r('522600', '黔东南苗族侗族自治州', 2, '520000'))).toContain('黔东南');
    expect(regionAliases(r('450108', '良庆区', 3, '450100'))).toContain('良庆');
  });
});

describe('normaliseLocation (repository GB/T 2260 list)', () => {
  it('codes the pilot regions down to county level', () => {
    expect(normaliseLocation('柳州-城中区')).toMatchObject({ code: '450202', level: 'county' });
    expect(normaliseLocation('广西南宁良庆区')).toMatchObject({ code: '450108', level: 'county' });
    expect(normaliseLocation('南宁')).toMatchObject({ code: '450100', level: 'city' });
    expect(normaliseLocation('贵阳|||')).toMatchObject({ code: '520100', level: 'city' });
  });
  it('codes national postings at least to their city', () => {
    expect(normaliseLocation('深圳深圳宝安区宝安').code?.slice(0, 4)).toBe('4403');
    expect(normaliseLocation('湖北省武汉东湖新技术产业开发区')).toMatchObject({ code: '420100', rest: '东湖新技术产业开发区' });
    expect(normaliseLocation('北京·海淀区·中关村').code?.slice(0, 2)).toBe('11');
  });

  it('codes 区内 / 全区 / 全省 / 省直 style texts to the division named before the word (datasets/dictionaries/region_scope_words.csv)', () => {
    const code = (t: string) => normaliseLocation(t).code;
    expect(code('广西区内')).toBe('450000');
    expect(code('广西全区')).toBe('450000');
    expect(code('广西区直')).toBe('450000');
    expect(code('贵州全省')).toBe('520000');
    expect(code('贵州省内')).toBe('520000');
    expect(code('贵州省直')).toBe('520000');
    expect(code('柳州市直')).toBe('450200');
    expect(code('柳州全市')).toBe('450200');
    // Alone, the word names no division.
    expect(normaliseLocation('全区').reason).toBe('no-match');
    expect(normaliseLocation('全省').reason).toBe('no-match');
  });
});
