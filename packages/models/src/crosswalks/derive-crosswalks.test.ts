import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { codeTree, type CodeEntry } from '../taxonomy/code-tree.js';
import { deriveCrosswalks } from './build-crosswalks.js';
import { DEFAULT_DERIVE_OPTIONS, deriveMajorOccupation, deriveOccupationIndustry, normalizeWeights } from './derive-crosswalks.js';
import { toCsv } from '../csv/index.js';
import { MAJOR_OCCUPATION_COLUMNS, OCCUPATION_INDUSTRY_COLUMNS } from './crosswalk-schema.js';

const entry = (code: string, name: string, level: string, parentCode: string | null, row: Record<string, string> = {}): CodeEntry => ({
  code,
  name,
  level,
  parentCode,
  row,
});

describe('normalizeWeights', () => {
  it('rounds to six decimals and still sums to exactly 1', () => {
    for (const raw of [
      [1, 1, 1],
      [0.37, 0.29, 0.21, 0.2, 0.11],
      [5, 3],
    ]) {
      const w = normalizeWeights(raw);
      expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
      for (const x of w) expect(Math.round(x * 1e6)).toBeCloseTo(x * 1e6, 6);
    }
    expect(normalizeWeights([1, 1, 1])).toEqual([0.333334, 0.333333, 0.333333]);
    expect(() => normalizeWeights([0, 0])).toThrow();
  });
});

// With a handful of names every bigram is 'common' by the default 3 % rule, so the fixtures
// loosen it to two names in three.
const SMALL = { ...DEFAULT_DERIVE_OPTIONS, maxCommonness: 0.7 };

describe('deriveOccupationIndustry on a small tree', () => {
  const industry = codeTree('fixture', [
    entry('C', '制造业', '门类', null),
    entry('36', '汽车制造业', '大类', 'C'),
    entry('361', '汽车整车制造', '中类', '36'),
    entry('3612', '新能源车整车制造', '小类', '361'),
    entry('367', '汽车零部件及配件制造', '中类', '36'),
    entry('3670', '汽车零部件及配件制造', '小类', '367'),
    entry('F', '批发和零售业', '门类', null),
    entry('52', '零售业', '大类', 'F'),
    entry('526', '汽车、摩托车、零配件和燃料及其他动力销售', '中类', '52'),
    entry('5263', '汽车零配件零售', '小类', '526'),
  ]);
  const occupation = codeTree('fixture', [
    entry('6-00-00-00', '生产制造及有关人员', '大类', null),
    entry('6-22-00-00', '汽车制造人员', '中类', '6-00-00-00'),
    entry('6-22-01-00', '汽车零部件、饰件生产加工人员', '小类', '6-22-00-00'),
    entry('6-22-01-01', '汽车零部件再制造工', '细类', '6-22-01-00'),
    entry('6-22-01-02', '涂装工', '细类', '6-22-01-00'),
    entry('3-00-00-00', '办事人员和有关人员', '大类', null),
    entry('3-01-00-00', '行政办事及辅助人员', '中类', '3-00-00-00'),
    entry('3-01-01-00', '行政业务办理人员', '小类', '3-01-00-00'),
    entry('3-01-01-01', '行政办事员', '细类', '3-01-01-00'),
  ]);
  const scopes = new Map([
    ['6-22-00-00', ['36']],
    ['3-01-00-00', ['*']],
    ['*', ['C', 'F']],
  ]);
  const rows = deriveOccupationIndustry(occupation, industry, scopes, SMALL);
  const of = (code: string) => rows.filter((r) => r.occupation_code === code).map((r) => [r.industry_code, r.share, r.method]);

  it('matches the occupation name to the closest 小类 of its family scope', () => {
    expect(of('6-22-01-01')).toEqual([['3670', 1, 'name_similarity']]);
  });

  it('never leaves the family scope, however close a name outside it is', () => {
    const sales = deriveOccupationIndustry(occupation, industry, new Map([...scopes, ['6-22-00-00', ['5263']]]), SMALL);
    expect(sales.filter((r) => r.occupation_code === '6-22-01-01').map((r) => r.industry_code)).toEqual(['5263']);
  });

  it('spreads an unmatched occupation over its family scope', () => {
    expect(of('6-22-01-02')).toEqual([['36', 1, 'family_scope']]);
  });

  it('spreads a cross-industry occupation over the listed sections', () => {
    expect(of('3-01-01-01')).toEqual([
      ['C', 0.5, 'cross_industry'],
      ['F', 0.5, 'cross_industry'],
    ]);
  });
});

describe('deriveMajorOccupation on a small catalog', () => {
  const occupation = codeTree('fixture', [
    entry('6-22-02-01', '汽车装调工', '细类', '6-22-02-00', { is_occupation: 'true' }),
    entry('4-12-01-01', '汽车维修工', '细类', '4-12-01-00', { is_occupation: 'true' }),
    entry('2-07-04-00', '律师', '小类', '2-07-00-00', { is_occupation: 'true', occupation_name: '律师' }),
    entry('2-07-00-00', '监察、法律、社会和宗教专业人员', '中类', null, { is_occupation: 'false' }),
  ]);
  const majors = codeTree('fixture', [
    entry('46', '装备制造大类', '专业大类', null),
    entry('4607', '汽车制造类', '专业类', '46'),
    entry('460701', '汽车制造与试验技术', '专业', '4607'),
    entry('460702', '汽车检测与维修技术', '专业', '4607'),
    entry('460799', '新型试制工艺', '专业', '4607'),
  ]);
  const rows = deriveMajorOccupation([{ catalog: '高职专科', majors }], occupation, { ...SMALL, maxTargets: 5 });
  const of = (code: string) => rows.filter((r) => r.major_code === code);

  it('matches majors to occupations by name and weights them by score', () => {
    const repair = of('460702');
    expect(repair.map((r) => r.occupation_code)).toContain('4-12-01-01');
    expect(repair[0]!.occupation_code).toBe('4-12-01-01');
    expect(repair.every((r) => r.method === 'name_similarity')).toBe(true);
  });

  it('gives an unmatched major the average of its matched siblings', () => {
    const odd = of('460799');
    expect(odd.every((r) => r.method === 'sibling_majors')).toBe(true);
    expect(Math.abs(odd.reduce((s, r) => s + r.weight, 0) - 1)).toBeLessThan(1e-9);
    expect(new Set(odd.map((r) => r.occupation_code))).toEqual(new Set([...of('460701'), ...of('460702')].map((r) => r.occupation_code)));
  });

  it('never maps to a grouping that is not an occupation', () => {
    expect(rows.some((r) => r.occupation_code === '2-07-00-00')).toBe(false);
  });
});

describe('shipped crosswalk files', () => {
  it('are exactly what build-crosswalks derives from the current code lists', async () => {
    const ref = resolveConfig({}, {}).referenceDir;
    const { occupationIndustry, majorOccupation } = await deriveCrosswalks(ref);
    const occInd = toCsv(OCCUPATION_INDUSTRY_COLUMNS, occupationIndustry as never, { safe: false });
    const majOcc = toCsv(MAJOR_OCCUPATION_COLUMNS, majorOccupation as never, { safe: false });
    // A difference means the code lists or the method changed: rerun build-crosswalks.ts.
    expect(occInd === readFileSync(join(ref, 'crosswalks', 'occupation_industry.csv'), 'utf8')).toBe(true);
    expect(majOcc === readFileSync(join(ref, 'crosswalks', 'major_occupation.csv'), 'utf8')).toBe(true);
  });
});
