import { describe, expect, it } from 'vitest';
import {
  industryLevelOf,
  industryParentOf,
  majorLevelOf,
  majorParentOf,
  occupationLevelOf,
  occupationParentOf,
  regionLevelOf,
  regionParentOf,
  regionProvinceOf,
  splitMajorCode,
} from './code-shapes.js';

describe('code shapes', () => {
  it('tells industry levels and parents', () => {
    expect(['C', '38', '387', '3874', 'C38', '38740'].map(industryLevelOf)).toEqual(['门类', '大类', '中类', '小类', undefined, undefined]);
    expect(industryParentOf('3874')).toBe('387');
    expect(industryParentOf('38', () => 'C')).toBe('C');
    expect(industryParentOf('C')).toBeNull();
  });

  it('tells occupation levels and parents, including 细类 straight under a 中类', () => {
    expect(['6-00-00-00', '6-22-00-00', '6-22-02-00', '6-22-02-01', '62202'].map(occupationLevelOf)).toEqual([
      '大类',
      '中类',
      '小类',
      '细类',
      undefined,
    ]);
    expect(occupationParentOf('6-22-02-01')).toBe('6-22-02-00');
    expect(occupationParentOf('1-01-00-01')).toBe('1-01-00-00');
    expect(occupationParentOf('6-22-02-00')).toBe('6-22-00-00');
    expect(occupationParentOf('6-22-00-00')).toBe('6-00-00-00');
    expect(occupationParentOf('6-00-00-00')).toBeNull();
  });

  it('tells region levels, parents and provinces', () => {
    expect(['450000', '450200', '450202', '45020', '050000'].map(regionLevelOf)).toEqual(['省', '市', '县', undefined, undefined]);
    expect(regionParentOf('450202')).toBe('450200');
    expect(regionParentOf('450200')).toBe('450000');
    expect(regionProvinceOf('520102')).toBe('520000');
  });

  it('tells major levels and splits K/T suffixes', () => {
    expect(['51', '5102', '510201', '0502100'].map(majorLevelOf)).toEqual(['专业大类', '专业类', '专业', '专业']);
    expect(majorParentOf('0502100')).toBe('0502');
    expect(splitMajorCode('020110TK')).toEqual({ code: '020110', isSpecial: true, isNationalControl: true });
    expect(splitMajorCode('520101K')).toEqual({ code: '520101', isSpecial: false, isNationalControl: true });
    expect(() => splitMajorCode('52-01')).toThrow();
  });
});
