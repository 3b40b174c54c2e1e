import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { codeTree, type CodeEntry } from '../taxonomy/code-tree.js';
import { deriveCrosswalks } from './build-crosswalks.js';
import { readCodeLists } from '../taxonomy/read-code-lists.js';
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
    entry('6-00-00-00', '生产制造及有关人员', '大类', null, { is_occupation: 'false' }),
    entry('6-22-00-00', '汽车制造人员', '中类', '6-00-00-00', { is_occupation: 'false' }),
    entry('6-22-02-00', '汽车整车制造人员', '小类', '6-22-00-00', { is_occupation: 'false' }),
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
  const rows = deriveMajorOccupation([{ catalog: '高职专科', majors }], occupation, {}, { ...SMALL, maxTargets: 5 });
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

  it("matches names only inside the scope of the major's 专业类", () => {
    // 汽车制造类 scoped to 汽车制造人员 (6-22): 汽车维修工 (4-12) shares 汽车 but is outside.
    const scoped = deriveMajorOccupation(
      [{ catalog: '高职专科', majors }],
      occupation,
      { classScopes: new Map([['高职专科|4607', ['6-22-00-00']]]) },
      { ...SMALL, maxTargets: 5 },
    );
    const repair = scoped.filter((r) => r.major_code === '460702');
    expect(repair.map((r) => r.occupation_code)).not.toContain('4-12-01-01');
    expect(repair.map((r) => r.occupation_code)).toContain('6-22-02-01');
  });
});

describe("deriveMajorOccupation with the majors' 职业面向", () => {
  const occupation = codeTree('fixture', [
    entry('2-08-00-00', '教学人员', '中类', null, { is_occupation: 'false' }),
    entry('2-08-03-00', '幼儿园教师', '小类', '2-08-00-00', { is_occupation: 'true' }),
    entry('2-01-04-01', '教育学研究人员', '细类', '2-01-04-00', { is_occupation: 'true' }),
    entry('4-13-04-02', '国防教育辅导员', '细类', '4-13-04-00', { is_occupation: 'true' }),
    entry('4-10-01-00', '生活照料服务人员', '小类', null, { is_occupation: 'false' }),
    entry('4-10-01-01', '婴幼儿发展引导员', '细类', '4-10-01-00', { is_occupation: 'true' }),
    entry('4-10-01-03', '保育师', '细类', '4-10-01-00', { is_occupation: 'true' }),
    entry('4-10-01-06', '家政服务员', '细类', '4-10-01-00', { is_occupation: 'true' }),
    entry('4-09-06-04', '展出动物保育员', '细类', '4-09-06-00', { is_occupation: 'true' }),
  ]);
  const majors = codeTree('fixture', [
    entry('57', '教育与体育大类', '专业大类', null),
    entry('5701', '教育类', '专业类', '57'),
    entry('570101', '早期教育', '专业', '5701'),
    entry('570102', '学前教育', '专业', '5701'),
    entry('570103', '婴幼儿保育', '专业', '5701'),
  ]);
  const orientation = new Map([
    ['高职专科|570102', [{ named: '幼儿教育教师', code: '2-08-03-00' }]],
    [
      '高职专科|570101',
      [
        { named: '婴幼儿发展引导员', code: '4-10-01-01' },
        { named: '生活照料服务人员', code: '4-10-01-00' },
      ],
    ],
  ]);
  const rows = deriveMajorOccupation([{ catalog: '高职专科', majors }], occupation, { orientation }, { ...SMALL, maxTargets: 5 });
  const of = (code: string) => rows.filter((r) => r.major_code === code).map((r) => [r.occupation_code, r.weight, r.method]);

  it('takes the occupations the 职业面向 names instead of the closest names (学前教育 → 幼儿园教师, not 国防教育辅导员)', () => {
    expect(of('570102')).toEqual([['2-08-03-00', 1, 'orientation']]);
  });

  it("gives each named item an equal share, a named group's share to its occupations by the major's name, an occupation reached twice the sum", () => {
    // 早期教育 names 婴幼儿发展引导员 (half) and the group 生活照料服务人员 (half), whose occupations no word of
    // 早期教育 names: spread evenly, a sixth each, so 婴幼儿发展引导员 holds 1/2 + 1/6 (the rounding residue
    // of the six decimals goes to the largest weight).
    expect(of('570101')).toEqual([
      ['4-10-01-01', 0.666666, 'orientation'],
      ['4-10-01-03', 0.166667, 'orientation_group'],
      ['4-10-01-06', 0.166667, 'orientation_group'],
    ]);
  });

  it("lends a vocational major's 职业面向 to a major of the same name, or of that name and 学, that names none", () => {
    const undergraduate = codeTree('fixture', [
      entry('04', '教育学', '专业大类', null),
      entry('0401', '教育学类', '专业类', '04'),
      entry('040106', '学前教育', '专业', '0401'),
      entry('040110', '早期教育学', '专业', '0401'),
    ]);
    const both = deriveMajorOccupation(
      [
        { catalog: '本科', majors: undergraduate },
        { catalog: '高职专科', majors },
      ],
      occupation,
      { orientation },
      { ...SMALL, maxTargets: 5 },
    );
    const of = (code: string) => both.filter((r) => r.catalog === '本科' && r.major_code === code);
    expect(of('040106').map((r) => [r.occupation_code, r.weight, r.method])).toEqual([['2-08-03-00', 1, 'namesake']]);
    expect(of('040106')[0]!.note).toContain('of 高职专科 570102 学前教育');
    expect(of('040110').map((r) => r.method)).toEqual(['namesake', 'namesake_group', 'namesake_group']);
  });

  it('leaves a major whose 职业面向 names no occupation to the name rules, with the named majors among its siblings', () => {
    const other = rows.filter((r) => r.major_code === '570103');
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((r) => r.method !== 'orientation' && r.method !== 'orientation_group')).toBe(true);
  });
});

describe('the word rule on real catalog names', () => {
  const occupation = codeTree('fixture', [
    entry('2-10-05-00', '翻译人员', '小类', '2-10-00-00', { is_occupation: 'true', occupation_name: '翻译' }),
    entry('4-12-02-01', '计算机维修工', '细类', '4-12-02-00', { is_occupation: 'true' }),
    entry('2-02-10-03', '计算机软件工程技术人员', '细类', '2-02-10-00', { is_occupation: 'true' }),
    entry('6-22-02-01', '汽车装调工', '细类', '6-22-02-00', { is_occupation: 'true' }),
    entry('4-12-01-01', '汽车维修工', '细类', '4-12-01-00', { is_occupation: 'true' }),
    entry('2-05-07-04', '临床检验技师', '细类', '2-05-07-00', { is_occupation: 'true' }),
  ]);
  const undergraduate = codeTree('fixture', [
    entry('05', '文学', '专业大类', null),
    entry('0502', '外国语言文学类', '专业类', '05'),
    entry('050261', '翻译', '专业', '0502'),
    entry('0502106', '计算语言学', '专业', '0502'),
    entry('08', '工学', '专业大类', null),
    entry('0809', '计算机类', '专业类', '08'),
    entry('080901', '计算机科学与技术', '专业', '0809'),
  ]);
  const vocational = codeTree('fixture', [
    entry('46', '装备制造大类', '专业大类', null),
    entry('4601', '机械设计制造类', '专业类', '46'),
    entry('460101', '机械设计与制造', '专业', '4601'),
    entry('460103', '数控技术', '专业', '4601'),
    entry('4607', '汽车制造类', '专业类', '46'),
    entry('460701', '汽车制造与试验技术', '专业', '4607'),
  ]);
  const rows = deriveMajorOccupation(
    [
      { catalog: '本科', majors: undergraduate },
      { catalog: '高职专科', majors: vocational },
    ],
    occupation,
    {},
    { ...SMALL, maxTargets: 5 },
  );
  const of = (code: string) => rows.filter((r) => r.major_code === code);

  it('does not match 计算语言学 to 计算机 occupations on 计算', () => {
    expect(of('0502106').map((r) => [r.occupation_code, r.method])).toEqual([['2-10-05-00', 'sibling_majors']]);
    expect(of('080901').map((r) => r.occupation_code)).toEqual(expect.arrayContaining(['4-12-02-01', '2-02-10-03']));
  });

  it('matches 汽车制造与试验技术 to 汽车 occupations and not to 临床检验技师', () => {
    const car = of('460701');
    expect(car.every((r) => r.method === 'name_similarity')).toBe(true);
    expect(car.map((r) => r.occupation_code)).toEqual(expect.arrayContaining(['4-12-01-01', '6-22-02-01']));
    expect(car.map((r) => r.occupation_code)).not.toContain('2-05-07-04');
    expect(car.slice(0, 2).map((r) => r.note)).toEqual([expect.stringMatching(/ on 汽车/u), expect.stringMatching(/ on 汽车/u)]);
  });
});

describe('distinctive terms', () => {
  const industry = codeTree('fixture', [
    entry('L', '租赁和商务服务业', '门类', null),
    entry('72', '商务服务业', '大类', 'L'),
    entry('724', '咨询与调查', '中类', '72'),
    entry('7243', '社会经济咨询', '小类', '724'),
    entry('S', '公共管理、社会保障和社会组织', '门类', null),
    entry('95', '群众团体、社会团体和其他成员组织', '大类', 'S'),
    entry('952', '社会团体', '中类', '95'),
    entry('9521', '专业性团体', '小类', '952'),
  ]);
  const occupation = codeTree('fixture', [
    entry('2-06-00-00', '经济和金融专业人员', '中类', null, { is_occupation: 'false' }),
    entry('2-06-02-00', '统计专业人员', '小类', '2-06-00-00', { is_occupation: 'true', occupation_name: '统计专业人员' }),
    entry('2-06-04-00', '审计专业人员', '小类', '2-06-00-00', { is_occupation: 'true', occupation_name: '审计专业人员' }),
    entry('2-06-07-08', '管理咨询专业人员', '细类', '2-06-07-00', { is_occupation: 'true' }),
  ]);
  const scopes = new Map([
    ['2-06-00-00', ['*']],
    ['*', ['L', 'S']],
  ]);
  const rows = deriveOccupationIndustry(occupation, industry, scopes, SMALL);
  const of = (code: string) => rows.filter((r) => r.occupation_code === code).map((r) => [r.industry_code, r.method]);

  it('must be rare among the names matched too: 专业, the tail of 专业人员, never ties them to 专业性团体', () => {
    for (const code of ['2-06-02-00', '2-06-04-00'])
      expect(of(code)).toEqual([
        ['L', 'cross_industry'],
        ['S', 'cross_industry'],
      ]);
    expect(of('2-06-07-08')).toEqual([['7243', 'name_similarity']]);
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

  it('keep the false friends of character bigrams apart and the real matches', () => {
    const shipped = parse(readFileSync(join(resolveConfig({}, {}).referenceDir, 'crosswalks', 'major_occupation.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const targets = (catalog: string, major: string) =>
      shipped.filter((r) => r.catalog === catalog && r.major_code === major).map((r) => [r.occupation_code, r.method]);
    // 计算语言学 ≁ 计算机维修工; 蚕桑技术 (no 职业面向 occupation, no name match) takes its siblings' occupations.
    expect(targets('本科', '0502106').map(([code]) => code)).not.toContain('4-12-02-01');
    expect(targets('高职专科', '410311').every(([, method]) => method === 'sibling_majors')).toBe(true);
  });

  it("take a vocational major's occupations from its 职业面向 where it names any", () => {
    const shipped = parse(readFileSync(join(resolveConfig({}, {}).referenceDir, 'crosswalks', 'major_occupation.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const targets = (catalog: string, major: string) =>
      shipped.filter((r) => r.catalog === catalog && r.major_code === major).map((r) => [r.occupation_code, r.method]);
    // 学前教育 "面向幼儿教育教师职业": 幼儿园教师, where names alone gave 教育学研究人员, 国防教育辅导员 and three more.
    expect(targets('高职专科', '570102')).toEqual([['2-08-03-00', 'orientation']]);
    // 幼儿保育 "面向保育师…": not 展出动物保育员 as by names.
    expect(targets('中职', '770101').map(([code]) => code)).not.toContain('4-09-06-04');
    // 汽车制造与试验技术 names 汽车整车制造人员, a 小类: its occupations by name (汽车装调工 first), not 临床检验技师.
    expect(targets('高职专科', '460701')).toEqual(
      expect.arrayContaining([
        ['2-02-07-11', 'orientation'],
        ['6-22-02-01', 'orientation_group'],
      ]),
    );
    expect(targets('高职专科', '460701').map(([code]) => code)).not.toContain('2-05-07-04');
    // 本科 学前教育 borrows the 职业面向 of its vocational namesake.
    expect(targets('本科', '040106')).toEqual([['2-08-03-00', 'namesake']]);
  });

  it("match names inside each 专业类's scope, which every 专业类 of the four catalogs has", async () => {
    const ref = resolveConfig({}, {}).referenceDir;
    const scopes = parse(readFileSync(join(ref, 'crosswalks', 'inputs', 'major_class_scope.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const { trees } = await readCodeLists(ref);
    const classes = [...trees.majors].flatMap(([catalog, t]) =>
      [...t.entries.values()].filter((e) => e.level === '专业类').map((e) => `${catalog}|${e.code}`),
    );
    expect(scopes.map((r) => `${r.catalog}|${r.class_code}`).sort()).toEqual(classes.sort());
    const shipped = parse(readFileSync(join(ref, 'crosswalks', 'major_occupation.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    const targets = (catalog: string, major: string) =>
      shipped.filter((r) => r.catalog === catalog && r.major_code === major).map((r) => r.occupation_code);
    // 国民经济管理 ≁ 经济昆虫养殖员 (经济), 过程装备与控制工程 ≁ 疾病控制医师 (控制), 土地资源管理 ≁ 人力资源管理专业人员 (资源).
    expect(targets('本科', '020103')).not.toContain('5-03-03-01');
    expect(targets('本科', '020103')).toContain('2-06-01-01');
    expect(targets('本科', '080206')).not.toContain('2-05-05-01');
    expect(targets('本科', '120404')).not.toContain('2-06-08-01');
  });
});
