import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tempFolders } from '../../test/temp-folders.js';
import { resolveConfig } from '../config.js';
import { readCodeLists } from '../taxonomy/read-code-lists.js';
import type { ReferenceTable } from '../warehouse/reference-table.js';
import { PROJECTION_PARAMETERS, ProjectionReferenceError, readProjectionReference } from './read-projection-reference.js';

const { referenceDir } = resolveConfig({}, {});
const projectionDir = join(referenceDir, 'projection');
// The shipped defaults read straight from the CSV, independently of the code under test.
const defaults = parse(readFileSync(join(projectionDir, 'parameters.csv'), 'utf8'), { columns: true, bom: true }) as {
  name: string;
  value: string;
}[];
const HEADER = 'name,value,description\n';
const shippedValue = (name: string) => defaults.find((d) => d.name === name)!.value;

const folder = tempFolders('projection-overrides-');

const parameters = (tables: ReferenceTable[]) =>
  new Map(
    (tables.find((t) => t.table === 'ref.projection_parameter')!.rows as { name: string; value: number }[]).map((r) => [r.name, r.value]),
  );

/** The problems a read reports, one per line of the error. */
function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (err) {
    expect(err).toBeInstanceOf(ProjectionReferenceError);
    return (err as ProjectionReferenceError).problems;
  }
  throw new Error('the read was accepted');
}

describe('projection parameters', () => {
  it('ships one value of every parameter the projections read, each within its range', () => {
    const read = parameters(readProjectionReference(projectionDir));
    const shipped = [...new Set(defaults.map((d) => d.name))].sort();
    expect(shipped).toEqual(Object.keys(PROJECTION_PARAMETERS).sort());
    for (const d of defaults.filter((d) => d.name !== 'shock_year')) expect(read.get(d.name), d.name).toBe(Number(d.value));
  });

  it("takes a bureau's value from the overrides folder the configuration names, in place of the default", () => {
    const dir = folder({ 'parameters.csv': `${HEADER}horizon_years,5,bureau\nseeker_rate_default,0.8,bureau\n` });
    const config = resolveConfig({}, { TALENT_PROJECTION_OVERRIDES: dir });
    expect(config.projectionOverridesDir).toBe(dir);
    const read = parameters(readProjectionReference(projectionDir, config.projectionOverridesDir));
    expect(read.get('horizon_years')).toBe(5);
    expect(read.get('seeker_rate_default')).toBe(0.8);
    expect(read.get('estimate_years')).toBe(Number(shippedValue('estimate_years')));
  });

  it('refuses an override out of its range, not whole, or unknown, naming the file, the line and what to do', () => {
    const dir = folder({
      'parameters.csv':
        HEADER +
        'horizon_years,-2,bureau\n' +
        'registration_min_quarters,2.5,bureau\n' +
        'shortage_ratio_saturation,1,bureau\n' +
        'horizon_year,5,a typo\n' +
        'registration_weight,0.5,"a description, quoted"\n',
    });
    const file = join(dir, 'parameters.csv');
    expect(problemsOf(() => readProjectionReference(projectionDir, dir))).toEqual([
      `${file}:2: horizon_years = -2 is not a whole number from 1 to 15; correct it, or delete the row to take the default (${shippedValue('horizon_years')})`,
      `${file}:3: registration_min_quarters = 2.5 is not a whole number from 1 to 4; correct it, or delete the row to take the default (${shippedValue('registration_min_quarters')})`,
      `${file}:4: shortage_ratio_saturation = 1 is not a number above 1; correct it, or delete the row to take the default (${shippedValue('shortage_ratio_saturation')})`,
      `${file}:5: "horizon_year" is not a parameter of the projections (did you mean horizon_years?); correct the name (the defaults' parameters.csv lists them) or delete the row`,
    ]);
  });

  it('refuses separation rates of a 大类 that add up to more than its workers', () => {
    const dir = folder({ 'separation_rates.csv': 'major_group,name,exit_rate,transfer_rate,basis\n6,生产制造及有关人员,0.6,0.5,bureau\n' });
    expect(problemsOf(() => readProjectionReference(projectionDir, dir))).toEqual([
      `${join(dir, 'separation_rates.csv')}:2: 大类 6's exit_rate + transfer_rate = 1.1 is more than every worker of the year; ` +
        'give annual rates (shares of the year before’s workers) that sum to at most 1',
    ]);
  });

  it("takes a bureau's staffing change factors and refuses codes the code lists lack, duplicates and implausible rates", async () => {
    const { trees } = await readCodeLists(referenceDir);
    const header = 'industry_code,occupation_code,annual_change,basis\n';
    const good = folder({ 'staffing_change.csv': `${header}*,2-02-10-00,0.04,plan\nC,6-00-00-00,-0.02,plan\n` });
    const changes = readProjectionReference(projectionDir, good, trees).find((t) => t.table === 'ref.staffing_change')!.rows;
    expect(changes).toEqual([
      { industry_code: '*', occupation_code: '2-02-10-00', annual_change: 0.04, basis: 'plan' },
      { industry_code: 'C', occupation_code: '6-00-00-00', annual_change: -0.02, basis: 'plan' },
    ]);
    const bad = folder({
      'staffing_change.csv': `${header}36,2-99-99-99,0.04,plan\nZ,6-00-00-00,0.01,plan\n36,6-00-00-00,0.5,plan\n36,6-00-00-00,0.1,plan\n`,
    });
    const file = join(bad, 'staffing_change.csv');
    const problems = problemsOf(() => readProjectionReference(projectionDir, bad, trees));
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${file}:3: industry_code: a GB/T 4754 门类 letter, a 大类 code or \\*$`)),
      expect.stringMatching(new RegExp(`^${file}:4: annual_change: `)),
      `${file}:2: 2-99-99-99 is not a code of csco_2022.csv`,
    ]);
  });

  it('refuses bounds in the wrong order and a defaults file that lacks a parameter', () => {
    const overrides = folder({ 'parameters.csv': `${HEADER}benchmark_factor_min,3,bureau\nbenchmark_factor_max,2,bureau\n` });
    expect(problemsOf(() => readProjectionReference(projectionDir, overrides))).toEqual([
      'parameters.csv: benchmark_factor_min must not exceed benchmark_factor_max',
    ]);
    // posting_intensity_iterations is read by core.posting_intensity: a defaults file without it is refused.
    const copy = folder();
    cpSync(projectionDir, copy, { recursive: true });
    const lines = readFileSync(join(copy, 'parameters.csv'), 'utf8').split('\n');
    writeFileSync(join(copy, 'parameters.csv'), lines.filter((l) => !l.startsWith('posting_intensity_iterations,')).join('\n'));
    expect(problemsOf(() => readProjectionReference(copy, join(copy, 'none')))).toEqual([
      'parameters.csv: no row for posting_intensity_iterations',
    ]);
    // A reference folder older than the staffing change factors has no file of them: no factors, not a problem.
    rmSync(join(copy, 'staffing_change.csv'));
    writeFileSync(join(copy, 'parameters.csv'), lines.join('\n'));
    const tables = readProjectionReference(copy, join(copy, 'none'));
    expect(tables.find((t) => t.table === 'ref.staffing_change')!.rows).toEqual([]);
  });
});
