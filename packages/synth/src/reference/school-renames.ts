import { fileURLToPath } from 'node:url';
import { readCsvRecords } from './read-csv.js';
import type { ListedSchool, SchoolRename } from './reference-data.js';

const RENAMES_FILE = '../../data/listed_school_renames.csv';

/**
 * The renames of the province's listed schools. Every row must name a school of the 2017 list by code and 2017 name:
 * a row that no longer matches would otherwise leave the old name in the lists without a word.
 */
export function loadSchoolRenames(province: string, schools: readonly ListedSchool[]): Map<string, SchoolRename> {
  const path = fileURLToPath(new URL(RENAMES_FILE, import.meta.url));
  const byCode = new Map(schools.map((s) => [s.code, s]));
  const out = new Map<string, SchoolRename>();
  for (const r of readCsvRecords(path)) {
    if (r['province_code'] !== province) continue;
    const code = r['school_code']!;
    const listed = byCode.get(code);
    if (!listed || listed.name !== r['name_2017'])
      throw new Error(
        `${path}: ${code} ${r['name_2017']} is not a school of the province's 2017 list (it holds ${listed?.name ?? 'no such code'})`,
      );
    if (out.has(code)) throw new Error(`${path}: ${code} is renamed twice`);
    const level = r['level_current'] || null;
    if (level !== null && level !== '本科' && level !== '专科') throw new Error(`${path}: ${code} has 办学层次 ${level}`);
    const year = Number(r['year']);
    if (!Number.isInteger(year)) throw new Error(`${path}: ${code} has year ${r['year']}`);
    out.set(code, { code, name: r['name_current']!, year, level });
  }
  return out;
}

/** The rename a school list of `year` shows for a school code, if the change came that year or before. */
export function renameAsOf(renames: ReadonlyMap<string, SchoolRename>, code: string, year: number): SchoolRename | undefined {
  const rename = renames.get(code);
  return rename && rename.year <= year ? rename : undefined;
}
