/**
 * Rebuilds `datasets/reference/crosswalks/{major_occupation,occupation_industry}.csv` from the code
 * lists alone, so that the approximate first version is reproducible:
 *
 *   npx tsx --conditions=source packages/models/src/crosswalks/build-crosswalks.ts <reference dir> [<out dir>]
 *
 * The reference folder holds the code lists (its code-lists.json manifest) and
 * crosswalks/inputs/ (the occupation families' industry scopes, the majors' 职业面向, the 专业类' occupation scopes); the two CSVs are written to `<out dir>` (default its crosswalks/).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeCsv } from '../csv/index.js';
import { readCodeLists } from '../taxonomy/read-code-lists.js';
import { MAJOR_OCCUPATION_COLUMNS, OCCUPATION_INDUSTRY_COLUMNS } from './crosswalk-schema.js';
import {
  deriveMajorOccupation,
  deriveOccupationIndustry,
  type MajorOccupationRow,
  type OccupationIndustryRow,
} from './derive-crosswalks.js';
import { readClassScopeFile, readOrientationFile } from './major-inputs.js';
import { readScopeFile } from './scope-file.js';

/** The two derived crosswalks of a reference folder, rows in file order. */
export async function deriveCrosswalks(
  referenceDir: string,
): Promise<{ occupationIndustry: OccupationIndustryRow[]; majorOccupation: MajorOccupationRow[] }> {
  const { trees } = await readCodeLists(referenceDir);
  // Catalogues in the order of their files' names, as the shipped files were derived.
  const catalogs = [...trees.majors].sort(([, a], [, b]) => a.file.localeCompare(b.file)).map(([catalog, majors]) => ({ catalog, majors }));
  const inputs = join(referenceDir, 'crosswalks', 'inputs');
  const scopes = readScopeFile(join(inputs, 'occupation_family_scope.csv'), trees.occupation, trees.industry);
  const orientation = readOrientationFile(join(inputs, 'major_orientation.csv'), trees.majors, trees.occupation);
  const classScopes = readClassScopeFile(join(inputs, 'major_class_scope.csv'), trees.majors, trees.occupation);
  return {
    occupationIndustry: deriveOccupationIndustry(trees.occupation, trees.industry, scopes),
    majorOccupation: deriveMajorOccupation(catalogs, trees.occupation, { orientation, classScopes }),
  };
}

async function main(referenceDir: string, out: string): Promise<void> {
  const started = performance.now();
  const { occupationIndustry: occInd, majorOccupation: majOcc } = await deriveCrosswalks(referenceDir);
  const elapsed = performance.now() - started;
  writeCsv(join(out, 'occupation_industry.csv'), OCCUPATION_INDUSTRY_COLUMNS, occInd as never, { safe: false });
  writeCsv(join(out, 'major_occupation.csv'), MAJOR_OCCUPATION_COLUMNS, majOcc as never, { safe: false });
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
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [reference, out] = process.argv.slice(2);
  if (!reference) {
    console.error('usage: build-crosswalks.ts <reference dir> [<out dir>]');
    process.exitCode = 2;
  } else await main(reference, out ?? join(reference, 'crosswalks'));
}
