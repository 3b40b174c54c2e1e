import type { MajorOccupationRecord, OccupationIndustryRecord } from '@talent/models';
/** One region of GB/T 2260 as the generator uses it (6-digit code). */
export interface Region {
  code: string;
  name: string;
}

/** A prefecture city of the province, with its counties and districts. */
export interface City extends Region {
  counties: Region[];
}

/** A GB/T 4754-2017 division (大类) with its section (门类) letter. */
export interface IndustryDivision {
  code: string;
  name: string;
  section: string;
}

/** A 职业分类大典 2022 细类 occupation. */
export interface Occupation {
  code: string;
  name: string;
  isDigital: boolean;
  isGreen: boolean;
}

/** Programme catalogue a major belongs to; also the school's 办学层次. */
export type Catalog = '中职' | '高职专科' | '职业本科' | '本科';

export const CATALOGS: readonly Catalog[] = ['中职', '高职专科', '职业本科', '本科'];

/** A leaf major of one catalogue. */
export interface Major {
  code: string;
  name: string;
  catalog: Catalog;
  /** The 专业大类 / 学科门类 code (first two characters), to group related majors. */
  group: string;
}

/** A listed school of the province (names and codes from MOE's list). */
export interface ListedSchool {
  name: string;
  code: string;
  cityName: string;
  /** 主管部门 as MOE's list writes it. */
  authority: string;
  level: '本科' | '专科';
  isPrivate: boolean;
}

/**
 * A listed school renamed since MOE's 2017 list while keeping its 学校标识码 (更名, 独立学院转设, 高职升格为职业本科),
 * from `data/listed_school_renames.csv`.
 */
export interface SchoolRename {
  code: string;
  /** The name of the school lists from `year` on. */
  name: string;
  /** The first year whose school list carries the new name. */
  year: number;
  /** 办学层次 from `year` on when the change raised it (专科 → 本科); null when it stayed. */
  level: '本科' | '专科' | null;
}

/** Everything the generator reads from the reference data. */
export interface ReferenceData {
  /** Where the codes were read from (recorded in the truth manifest). */
  source: string;
  /** The province, with the short name titles and place texts use (广西 for 广西壮族自治区, 贵州 for 贵州省). */
  province: Region & { shortName: string };
  cities: City[];
  /** Other provinces (6-digit codes), as graduate destinations. */
  otherProvinces: Region[];
  sections: Region[];
  divisions: IndustryDivision[];
  occupations: Occupation[];
  /** The 大典's 大类 (X-00-00-00), the rows of the employment services' tables by occupation group. */
  occupationGroups: Region[];
  majors: Major[];
  schools: ListedSchool[];
  /**
   * Listed schools renamed since the 2017 list, applied only where the school lists are written: the world is built
   * from the 2017 names (their majors are drawn by name), so a rename changes no other file.
   */
  /** By 学校标识码. */
  schoolRenames: ReadonlyMap<string, SchoolRename>;
  /** Regional words naming the invented 职业本科 schools (桂中职业技术大学). */
  vocationalUniversityWords: string[];
  /** The crosswalks of the reference folder (`crosswalks/`): the structure the world's staffing and major links follow. */
  crosswalks: Crosswalks;
}

/** The rows of the shipped crosswalks the world reads (`datasets/reference/crosswalks/README.md` says how each was made). */
export interface Crosswalks {
  occupationIndustry: OccupationIndustryRecord[];
  majorOccupation: MajorOccupationRecord[];
}
