import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import type { Catalog } from '../reference/reference-data.js';
import { renameAsOf } from '../reference/school-renames.js';
import type { World } from '../world/build-world.js';
import { SCHOOL_LIST_HEADER, schoolListFile } from './layout.js';

/** 办学层次 as MOE's list writes it (本科 / 专科); 中职 schools, which that list does not hold, as 中职. */
const LIST_LEVEL: Record<Catalog, string> = { 本科: '本科', 职业本科: '本科', 高职专科: '专科', 中职: '中职' };

/**
 * The edition's school list as of the latest year (UTF-8 with BOM, LF), in the columns of MOE's
 * 全国普通高等学校名单: every school of the world with its city (所在地), so that the pipeline can
 * place the schools of the outcome files. Listed HEIs keep MOE's 主管部门 and 备注 and carry the name and
 * 办学层次 of that year (`data/listed_school_renames.csv`); invented schools have no 主管部门 or 备注.
 */
export function writeSchoolList(world: World, out: string): { rows: number } {
  const year = world.axis.latest;
  const sink = new TextSink(schoolListFile(out, year), { encoding: 'utf8', bom: true });
  sink.line(csvLine(SCHOOL_LIST_HEADER));
  const schools = [...world.schools].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const s of schools) {
    const renamed = renameAsOf(world.ref.schoolRenames, s.code, year);
    const level = renamed?.level ?? LIST_LEVEL[s.catalog];
    sink.line(csvLine([renamed?.name ?? s.name, s.code, s.authority, world.ref.cities[s.city]!.name, level, s.private ? '民办' : '']));
  }
  const rows = sink.lines - 1;
  sink.close();
  return { rows };
}
