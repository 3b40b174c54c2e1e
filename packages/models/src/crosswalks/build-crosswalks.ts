/**
 * Rebuilds `datasets/reference/crosswalks/{major_occupation,occupation_industry}.csv` from the code
 * lists alone, so that the approximate first version is reproducible:
 *
 *   npx tsx --conditions=source packages/models/src/crosswalks/build-crosswalks.ts [--reference DIR] [--out DIR]
 *
 * `--reference` is the folder holding industry/, occupation/, major/ and crosswalks/inputs/
 * (default `datasets/reference`); `--out` where the two CSVs are written (default its crosswalks/).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { referenceDir } from '../paths.js';
import { readCodeList } from '../frameworks/code-list.js';
import { deriveMajorOccupation, deriveOccupationIndustry } from './derive-crosswalks.js';
import { readScopeFile } from './scope-file.js';
import { writeCsv } from '../csv/index.js';
import { MAJOR_OCCUPATION_COLUMNS, OCCUPATION_INDUSTRY_COLUMNS } from './crosswalk-schema.js';

const { values } = parseArgs({ options: { reference: { type: 'string' }, out: { type: 'string' } } });
const ref = values.reference ?? referenceDir();
const out = values.out ?? join(ref, 'crosswalks');

const industry = readCodeList(join(ref, 'industry', 'gbt4754_2017.csv'));
const occupation = readCodeList(join(ref, 'occupation', 'csco_2022.csv'));
const majorDir = join(ref, 'major');
const catalogs = readdirSync(majorDir)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .flatMap((f) => {
    const all = readCodeList(join(majorDir, f));
    const names = [...new Set([...all.entries.values()].map((e) => e.row.catalog ?? ''))];
    return names.map((catalog) => ({ catalog, majors: readCodeList(join(majorDir, f), (r) => r.catalog === catalog) }));
  });
const scopes = readScopeFile(join(ref, 'crosswalks', 'inputs', 'occupation_family_scope.csv'), occupation, industry);

const started = performance.now();
const occInd = deriveOccupationIndustry(occupation, industry, scopes);
const majOcc = deriveMajorOccupation(catalogs, occupation);
const elapsed = performance.now() - started;

mkdirSync(out, { recursive: true });
// Write then rename, so a reader never sees a half-written crosswalk.
for (const [name, columns, rows] of [
  ['occupation_industry.csv', OCCUPATION_INDUSTRY_COLUMNS, occInd],
  ['major_occupation.csv', MAJOR_OCCUPATION_COLUMNS, majOcc],
] as const) {
  writeCsv(join(out, name), columns, rows as unknown as Record<string, string | number>[], { safe: false });
}

const count = <T>(rows: T[], key: (r: T) => string) =>
  rows.reduce((m, r) => m.set(key(r), (m.get(key(r)) ?? 0) + 1), new Map<string, number>());
console.log(
  `occupation_industry.csv: ${occInd.length} rows for ${new Set(occInd.map((r) => r.occupation_code)).size} occupations`,
  Object.fromEntries(count(occInd, (r) => r.method)),
);
console.log(
  `major_occupation.csv: ${majOcc.length} rows for ${new Set(majOcc.map((r) => `${r.catalog}|${r.major_code}`)).size} majors`,
  Object.fromEntries(count(majOcc, (r) => `${r.catalog}:${r.method}`)),
);
console.log(`derived in ${(elapsed / 1000).toFixed(1)} s`);
