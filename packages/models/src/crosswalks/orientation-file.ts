import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CodeTree } from '../taxonomy/code-tree.js';

/** One occupation a major's 职业面向 names, as resolved to a 大典 2022 code (an occupation or a group). */
export interface NamedOccupation {
  /** The name as the 专业简介 writes it. */
  named: string;
  code: string;
}

/** The key of a major in an orientation map. */
export const majorKey = (catalog: string, majorCode: string) => `${catalog}|${majorCode}`;

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
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  const out = new Map<string, NamedOccupation[]>();
  for (const { record, info } of rows) {
    const where = `${file}:${info.lines}`;
    const catalog = record.catalog ?? '';
    const tree = majors.get(catalog);
    if (!tree) throw new Error(`${where}: unknown catalog ${catalog}`);
    const major = tree.get(record.major_code ?? '');
    if (major?.level !== '专业') throw new Error(`${where}: ${record.major_code} is no major (专业) of ${catalog}`);
    if (record.resolution === 'none') continue;
    const code = record.occupation_code ?? '';
    if (!occupation.get(code)) throw new Error(`${where}: unknown 大典 code ${code} for ${record.named}`);
    const key = majorKey(catalog, major.code);
    out.set(key, [...(out.get(key) ?? []), { named: record.named ?? '', code }]);
  }
  return out;
}
