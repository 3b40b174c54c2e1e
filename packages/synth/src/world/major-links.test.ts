import { describe, expect, it } from 'vitest';
import { Rng } from '../prng.js';
import type { Crosswalks, Occupation } from '../reference/reference-data.js';
import { linkMajors } from './major-links.js';

describe('linkMajors', () => {
  const occupations: Occupation[] = [
    { code: '2-08-03-00', name: '幼儿园教师', isDigital: false, isGreen: false },
    { code: '4-10-01-06', name: '保育师', isDigital: false, isGreen: false },
    { code: '6-22-02-01', name: '汽车装调工', isDigital: false, isGreen: false },
  ];
  const crosswalk: Crosswalks['majorOccupation'] = [
    { catalog: '高职专科', major_code: '570102', occupation_code: '2-08-03-00', weight: 0.5, method: 'orientation', note: '' },
    { catalog: '高职专科', major_code: '570102', occupation_code: '4-10-01-06', weight: 0.25, method: 'orientation_group', note: '' },
    { catalog: '高职专科', major_code: '570102', occupation_code: '4-10-01-01', weight: 0.25, method: 'orientation', note: '' },
    { catalog: '高职专科', major_code: '460702', occupation_code: '6-20-99-00', weight: 1, method: 'orientation', note: '' },
    { catalog: '本科', major_code: '040106', occupation_code: '2-08-03-00', weight: 1, method: 'namesake', note: '' },
    { catalog: '本科', major_code: '080207', occupation_code: '6-22-02-01', weight: 1, method: 'name_similarity', note: '' },
  ];
  const majors = [
    { code: '570102', name: '学前教育', catalog: '高职专科' as const, group: '57' },
    { code: '460702', name: '汽车制造与试验技术', catalog: '高职专科' as const, group: '46' },
    { code: '040106', name: '学前教育', catalog: '本科' as const, group: '04' },
    { code: '080207', name: '车辆工程', catalog: '本科' as const, group: '08' },
  ];
  const links = linkMajors(new Rng(3, 'major-links'), majors, occupations, crosswalk);
  const codes = (i: number) => links[i]!.occupations.map((o) => occupations[o.occupation]!.code).sort();

  it('links a major among the active occupations its 职业面向 names, weights summing to 1', () => {
    expect(links[0]!.kind).toBe('orientation');
    expect(codes(0)).toEqual(['2-08-03-00', '4-10-01-06']);
    expect(links[0]!.occupations.reduce((s, o) => s + o.weight, 0)).toBeCloseTo(1, 12);
    expect(links[2]!.kind).toBe('orientation');
    expect(codes(2)).toEqual(['2-08-03-00']);
  });

  it('falls back to names when the 职业面向 names no active occupation, and ignores name-derived crosswalk rows', () => {
    expect(links[1]!.kind).toBe('name');
    expect(codes(1)).toEqual(['6-22-02-01']);
    expect(links[3]!.kind).not.toBe('orientation');
  });
});
