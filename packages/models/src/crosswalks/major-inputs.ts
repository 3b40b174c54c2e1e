import type { CodeEntry, CodeTree } from '../taxonomy/code-tree.js';
import { readInputRows } from './input-rows.js';

/** One occupation a major's 职业面向 names, as resolved to a 大典 2022 code (an occupation or a group). */
export interface NamedOccupation {
  /** The name as the 专业简介 writes it. */
  named: string;
  code: string;
}

/** The key of a major or a 专业类 of one catalog in the maps the crosswalk inputs are read into. */
export const majorKey = (catalog: string, code: string) => `${catalog}|${code}`;

/**
 * Reads `crosswalks/inputs/major_orientation.csv` (catalog, major_code, major_name, named, position,
 * occupation_code, resolution, note): the occupations each vocational major's 职业面向 names in the
 * 《职业教育专业简介（2022年修订）》, in the order written. Rows resolved `none` name nothing the 大典
 * holds and are left out.
 * @throws on an unknown catalog, a code that is no major of its catalog, or an unknown 大典 code, naming file and line.
 */
export function readOrientationFile(
  file: string,
  majors: ReadonlyMap<string, CodeTree>,
  occupation: CodeTree,
): Map<string, NamedOccupation[]> {
  const out = new Map<string, NamedOccupation[]>();
  for (const { record, where } of readInputRows(file)) {
    const major = catalogEntry(majors, record.catalog, record.major_code, '专业', where);
    if (record.resolution === 'none') continue;
    const code = record.occupation_code ?? '';
    if (!occupation.get(code)) throw new Error(`${where}: unknown 大典 code ${code} for ${record.named}`);
    const key = majorKey(record.catalog!, major.code);
    out.set(key, [...(out.get(key) ?? []), { named: record.named ?? '', code }]);
  }
  return out;
}

/**
 * Reads `crosswalks/inputs/major_class_scope.csv` (catalog, class_code, class_name, occupation_codes,
 * note): for each 专业类, the space-separated 大典 codes (中类 or 小类 mostly) its graduates can work in,
 * keyed by {@link majorKey}. Name matching stays inside them.
 * @throws on an unknown catalog, a code that is no 专业类 of its catalog, an unknown 大典 code or an empty scope, naming file and line.
 */
export function readClassScopeFile(file: string, majors: ReadonlyMap<string, CodeTree>, occupation: CodeTree): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { record, where } of readInputRows(file)) {
    const cls = catalogEntry(majors, record.catalog, record.class_code, '专业类', where);
    const codes = (record.occupation_codes ?? '').split(/\s+/).filter(Boolean);
    if (!codes.length) throw new Error(`${where}: no occupation codes for ${cls.code} ${cls.name}`);
    for (const c of codes) if (!occupation.get(c)) throw new Error(`${where}: unknown 大典 code ${c} for ${cls.code} ${cls.name}`);
    out.set(majorKey(record.catalog!, cls.code), codes);
  }
  return out;
}

/** The entry of a catalog a row names at the level it must have; throws naming the row otherwise. */
function catalogEntry(
  majors: ReadonlyMap<string, CodeTree>,
  catalog: string | undefined,
  code: string | undefined,
  level: '专业' | '专业类',
  where: string,
): CodeEntry {
  const tree = majors.get(catalog ?? '');
  if (!tree) throw new Error(`${where}: unknown catalog ${catalog ?? ''}`);
  const entry = tree.get(code ?? '');
  if (entry?.level !== level)
    throw new Error(`${where}: ${code ?? ''} is no ${level === '专业' ? 'major (专业)' : '专业类'} of ${catalog}`);
  return entry;
}
