import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildDataError, defaultBuildDir } from './data-file.js';
import { readDecisions } from './decisions.js';
import { OCCUPATION_DECISION_FILE } from './occupation.js';
import { buildRegion } from './region.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'talent-decisions-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (rel: string, text: string) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), text);
};

/** The error `run` throws, which must be a BuildDataError. */
function refusal(run: () => unknown): BuildDataError {
  try {
    run();
  } catch (e) {
    if (e instanceof BuildDataError) return e;
    throw e;
  }
  throw new Error('nothing was refused');
}

const OCCUPATION_HEADER =
  'code,exclude,tree_name,tree_occupation_name,is_occupation,definition_from,level,count_gap,issue,resolution,evidence\n';
const GOOD_ROW = '2-02-32-01,true,,,,,细类,0,some issue,not loaded,"seen in one copy\nonly"\n';

describe('readDecisions', () => {
  it('reads a valid file', () => {
    write('occupation_decisions.csv', OCCUPATION_HEADER + GOOD_ROW);
    const d = readDecisions(dir, OCCUPATION_DECISION_FILE).take('2-02-32-01');
    expect(d).toMatchObject({ line: 2, set: { exclude: true, tree_name: false, is_occupation: undefined } });
  });

  it('refuses a flag value it does not know, naming the file and the line the row starts on', () => {
    write('occupation_decisions.csv', `${OCCUPATION_HEADER}${GOOD_ROW}4-05-02-01,yes,,,,,细类,0,i,r,e\n`);
    const err = refusal(() => readDecisions(dir, OCCUPATION_DECISION_FILE));
    const file = join(dir, 'occupation_decisions.csv');
    expect(err).toMatchObject({ file, line: 4 });
    expect(err.message).toBe(`${file}:4: column exclude reads "yes"; expected true or empty`);
  });

  it('refuses a column the build does not apply', () => {
    write('occupation_decisions.csv', OCCUPATION_HEADER.replace('exclude', 'drop') + GOOD_ROW);
    const file = join(dir, 'occupation_decisions.csv');
    expect(refusal(() => readDecisions(dir, OCCUPATION_DECISION_FILE)).message).toContain(`${file}:1: unknown column "drop"`);
  });

  it('refuses a code of another shape, and a flag on the row about the whole list', () => {
    const file = join(dir, 'occupation_decisions.csv');
    write('occupation_decisions.csv', `${OCCUPATION_HEADER}2-02-32,true,,,,,细类,0,i,r,e\n`);
    expect(refusal(() => readDecisions(dir, OCCUPATION_DECISION_FILE)).message).toBe(`${file}:2: "2-02-32" is not a code of occupation`);
    write('occupation_decisions.csv', `${OCCUPATION_HEADER}*,,true,,,,小类,-1,i,r,e\n`);
    expect(refusal(() => readDecisions(dir, OCCUPATION_DECISION_FILE)).message).toBe(
      `${file}:2: a row for * (the list as a whole) cannot set tree_name`,
    );
  });
});

describe('buildRegion with decisions', () => {
  const shared = () => join(dir, 'shared');
  const build = () => join(dir, 'build');
  const REGION_HEADER = 'code,name,in_copy,level,count_gap,issue,resolution,evidence\n';
  const PLACEHOLDER = '450100,市辖区,true,市,0,placeholder,not loaded,a grouping\n';

  // A tiny copy of the region sources at the paths the committed sources.csv names.
  beforeEach(() => {
    const copies = 'shared/taxonomies/admin_divisions_gbt2260';
    write(`${copies}/stats2023_provinces_modood.csv`, 'code,name\n45,"广西壮族自治区"\n');
    write(`${copies}/stats2023_cities_modood.csv`, 'code,name,provinceCode\n4501,"市辖区",45\n4502,"柳州市",45\n');
    write(`${copies}/stats2023_areas_modood.csv`, 'code,name,cityCode,provinceCode\n450202,"城中区",4502,45\n');
    for (const f of ['lists.csv', 'sources.csv', 'levels.csv']) {
      mkdirSync(build(), { recursive: true });
      copyFileSync(join(defaultBuildDir(), f), join(build(), f));
    }
    write('build/region_county_provinces.csv', 'code,name\n450000,广西壮族自治区\n');
  });

  it('applies a decision the copy presents', () => {
    write('build/region_decisions.csv', REGION_HEADER + PLACEHOLDER);
    const built = buildRegion(shared(), build());
    expect(built.rows.map((r) => r.code)).toEqual(['450000', '450200', '450202']);
    expect(built.reconciliation).toMatchObject([{ code: '450100', issue: 'placeholder' }]);
  });

  it('refuses a decision for a code the copy does not have, naming the file and line', () => {
    write('build/region_decisions.csv', `${REGION_HEADER}${PLACEHOLDER}450300,桂林市,true,市,0,i,r,e\n`);
    const file = join(build(), 'region_decisions.csv');
    expect(refusal(() => buildRegion(shared(), build()))).toMatchObject({
      file,
      line: 3,
      message: `${file}:3: decision for 450300, which the copy does not have: in_copy must be false`,
    });
  });

  it('refuses in_copy false for a code the copy carries', () => {
    write('build/region_decisions.csv', `${REGION_HEADER}450100,市辖区,false,市,0,i,r,e\n`);
    expect(refusal(() => buildRegion(shared(), build())).message).toBe(
      `${join(build(), 'region_decisions.csv')}:2: the copy carries 450100 市辖区: in_copy must be true`,
    );
  });

  it('refuses a grouping name on a code without a decision', () => {
    write(
      'shared/taxonomies/admin_divisions_gbt2260/stats2023_cities_modood.csv',
      'code,name,provinceCode\n4501,"市辖区",45\n4503,"市辖区",45\n',
    );
    write('build/region_decisions.csv', REGION_HEADER + PLACEHOLDER);
    expect(() => buildRegion(shared(), build())).toThrow('region: 450300 市辖区 is a grouping');
  });
});
