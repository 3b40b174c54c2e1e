import { join } from 'node:path';

/** Folder names of an edition; every edition has exactly this layout. */
export const EDITION_FOLDERS = ['schools', 'enrollment', 'outcomes', 'shortage', 'postings', 'yearbook', 'truth'] as const;

/** The folder the pipeline must never read. */
export const TRUTH_FOLDER = 'truth';

export const ENROLLMENT_HEADER = [
  '学校名称',
  '学校代码',
  '办学层次',
  '专业代码',
  '专业名称',
  '年份',
  '招生数',
  '在校生数',
  '毕业生数',
] as const;

export function enrollmentFile(out: string, schoolCode: string): string {
  return join(out, 'enrollment', `school_${schoolCode}.csv`);
}

/** The statistical yearbook's employment tables, one workbook per year. */
export const YEARBOOK_FOLDER = 'yearbook';

export function yearbookFile(year: number): string {
  return `employment_${year}.xlsx`;
}

/** The yearbook's province table of all employed persons by sector (全社会就业人员), one workbook per year. */
export function yearbookAllFile(year: number): string {
  return `employment_all_${year}.xlsx`;
}

/** The edition's school list (in the columns of MOE's 全国普通高等学校名单), as of the latest year. */
export const SCHOOL_LIST_HEADER = ['学校名称', '学校标识码', '主管部门', '所在地', '办学层次', '备注'] as const;

export function schoolListFile(out: string, year: number): string {
  return join(out, 'schools', `school_list_${year}.csv`);
}
