import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeTree, type CodeEntry } from '../taxonomy/code-tree.js';
import { readClassScopeFile, readOrientationFile } from './major-inputs.js';

const entry = (code: string, name: string, level: string, parentCode: string | null): CodeEntry => ({
  code,
  name,
  level,
  parentCode,
  row: {},
});
const majors = new Map([
  [
    '高职专科',
    codeTree('fixture', [
      entry('57', '教育与体育大类', '专业大类', null),
      entry('5701', '教育类', '专业类', '57'),
      entry('570102', '学前教育', '专业', '5701'),
    ]),
  ],
]);
const occupation = codeTree('fixture', [
  entry('2-08-00-00', '教学人员', '中类', null),
  entry('2-08-03-00', '幼儿园教师', '小类', '2-08-00-00'),
]);
const dir = mkdtempSync(join(tmpdir(), 'orientation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const HEADER = 'catalog,major_code,major_name,named,position,occupation_code,resolution,note';
const file = (...lines: string[]) => {
  const path = join(dir, `f${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
  return path;
};

describe('readOrientationFile', () => {
  it("keeps each major's named occupations in the order written and leaves out what resolves to nothing", () => {
    const read = readOrientationFile(
      file(
        '高职专科,570102,学前教育,幼儿教育教师,1,2-08-03-00,renamed,2022: 幼儿园教师',
        '高职专科,570102,学前教育,早教指导,2,,none,no 大典 occupation',
      ),
      majors,
      occupation,
    );
    expect([...read]).toEqual([['高职专科|570102', [{ named: '幼儿教育教师', code: '2-08-03-00' }]]]);
  });

  it('refuses an unknown catalog, a code that is no major of its catalog and an unknown 大典 code, naming file and line', () => {
    const bad = (line: string) => file(line);
    const catalog = bad('本科,570102,学前教育,幼儿园教师,1,2-08-03-00,exact,');
    expect(() => readOrientationFile(catalog, majors, occupation)).toThrow(`${catalog}:2: unknown catalog 本科`);
    const major = bad('高职专科,5701,教育类,幼儿园教师,1,2-08-03-00,exact,');
    expect(() => readOrientationFile(major, majors, occupation)).toThrow(`${major}:2: 5701 is no major (专业) of 高职专科`);
    const code = bad('高职专科,570102,学前教育,幼儿园教师,1,2-08-03-01,exact,');
    expect(() => readOrientationFile(code, majors, occupation)).toThrow(`${code}:2: unknown 大典 code 2-08-03-01 for 幼儿园教师`);
  });
});

describe('readClassScopeFile', () => {
  const scopeFile = (...lines: string[]) => {
    const path = join(dir, `s${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, ['catalog,class_code,class_name,occupation_codes,note', ...lines].join('\n') + '\n');
    return path;
  };

  it("reads each 专业类's 大典 codes", () => {
    const read = readClassScopeFile(scopeFile('高职专科,5701,教育类,2-08-00-00 2-08-03-00,teaching'), majors, occupation);
    expect([...read]).toEqual([['高职专科|5701', ['2-08-00-00', '2-08-03-00']]]);
  });

  it('refuses a code that is no 专业类, an unknown 大典 code and an empty scope, naming file and line', () => {
    const major = scopeFile('高职专科,570102,学前教育,2-08-00-00,');
    expect(() => readClassScopeFile(major, majors, occupation)).toThrow(`${major}:2: 570102 is no 专业类 of 高职专科`);
    const code = scopeFile('高职专科,5701,教育类,2-08-09-00,');
    expect(() => readClassScopeFile(code, majors, occupation)).toThrow(`${code}:2: unknown 大典 code 2-08-09-00 for 5701 教育类`);
    const empty = scopeFile('高职专科,5701,教育类,,');
    expect(() => readClassScopeFile(empty, majors, occupation)).toThrow(`${empty}:2: no occupation codes for 5701 教育类`);
  });
});
