import { resolveConfig } from '@talent/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssumptions } from '../assumptions.js';
import { Rng } from '../prng.js';
import { loadReference } from '../reference/load-reference.js';
import type { IndustryDivision, ReferenceData } from '../reference/reference-data.js';
import { buildStaffing, divisionAffinity } from './staffing.js';

const divisions: IndustryDivision[] = [
  { code: '83', name: '教育', section: 'P' },
  { code: '36', name: '汽车制造业', section: 'C' },
  { code: '34', name: '通用设备制造业', section: 'C' },
];
const placing = (occupation_code: string, industry_code: string, share: number, method = 'name_similarity') => ({
  occupation_code,
  industry_code,
  share,
  method,
  note: '',
});

describe('divisionAffinity', () => {
  it('rolls class rows up to their division, splits a 门类 row over its divisions and ignores cross-industry spreads', () => {
    const aff = divisionAffinity(
      [
        placing('2-08-02-04', '8321', 0.5),
        placing('2-08-02-04', '8322', 0.5),
        placing('6-22-02-01', 'C', 1, 'family_scope'),
        placing('3-01-02-01', 'C', 0.5, 'cross_industry'),
        placing('3-01-02-01', 'P', 0.5, 'cross_industry'),
        placing('6-22-02-01', '9999', 1),
      ],
      divisions,
    );
    expect(Object.fromEntries(aff.get('83')!)).toEqual({ '2-08-02-04': 1 });
    expect(Object.fromEntries(aff.get('36')!)).toEqual({ '6-22-02-01': 0.5 });
    expect(Object.fromEntries(aff.get('34')!)).toEqual({ '6-22-02-01': 0.5 });
  });
});

describe('the world on the shipped crosswalks', () => {
  let ref: ReferenceData;
  beforeAll(async () => {
    ref = await loadReference({ referenceDir: resolveConfig({}, {}).referenceDir, provinceCode: '450000' });
  });

  it('staffs divisions with the occupations the crosswalk places in them, generic ones aside', () => {
    const a = loadAssumptions();
    const staff = buildStaffing(a, new Rng(7, 'staffing'), 'province', ref.divisions, ref.occupations, ref.crosswalks.occupationIndustry);
    const affinity = divisionAffinity(ref.crosswalks.occupationIndustry, ref.divisions);
    const generic = new Set(a.staffing.genericOccupationNames);
    let own = 0;
    let placed = 0;
    staff.rows.forEach((row, d) => {
      const sum = row.reduce((s, r) => s + r.share, 0);
      expect(sum).toBeCloseTo(1, 9);
      for (const r of row) {
        const occ = staff.occupations[r.occupation]!;
        if (generic.has(occ.name)) continue;
        own += r.share;
        if ((affinity.get(ref.divisions[d]!.code)!.get(occ.code) ?? 0) > 0) placed += r.share;
      }
    });
    // Name-nearest picks fill only the groups the crosswalk leaves short; with bigram matching alone the share was 25 %.
    expect(placed / own).toBeGreaterThan(0.85);
    const education = staff.rows[ref.divisions.findIndex((d) => d.code === '83')]!.map((r) => staff.occupations[r.occupation]!);
    const teachers = education.filter((o) => o.code.startsWith('2-08-'));
    expect(teachers.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a generic occupation the 大典 does not name', () => {
    const a = loadAssumptions();
    a.staffing.genericOccupationNames = [...a.staffing.genericOccupationNames, '办公室主任'];
    expect(() => buildStaffing(a, new Rng(7, 'staffing'), 'demo', ref.divisions, ref.occupations, [])).toThrow(/办公室主任/);
  });
});
