import { existsSync, readFileSync } from 'node:fs';
import {
  readCodeLists,
  readCrosswalks,
  type CodeTree,
  type CodeTrees,
  type MajorOccupationRecord,
  type OccupationIndustryRecord,
} from '@talent/models';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvRecords } from './read-csv.js';
import { loadSchoolRenames } from './school-renames.js';
import type {
  Catalog,
  City,
  Crosswalks,
  IndustryDivision,
  ListedSchool,
  Major,
  Occupation,
  ReferenceData,
  Region,
} from './reference-data.js';
import { CATALOGS } from './reference-data.js';

/** Where to read code lists from. */
export interface ReferenceLocation {
  /** The configured reference folder (its code-lists.json manifest names every list). */
  referenceDir: string;
  /** Province whose cities make up the synthetic world (6-digit GB/T 2260 code). */
  provinceCode: string;
}

/** The province's regular HEIs of MOE's 2017 list, shipped with the generator (`data/listed_schools_moe2017/<code>.csv`). */
function loadListedSchools(province: string): ListedSchool[] {
  const path = fileURLToPath(new URL(`../../data/listed_schools_moe2017/${province}.csv`, import.meta.url));
  if (!existsSync(path))
    throw new Error(
      `no school list for province ${province}: add ${path} with the province's rows of MOE's list (datasets/README.md says how the others were made)`,
    );
  return readCsvRecords(path).map((r) => ({
    name: r['学校名称']!,
    code: r['学校标识码']!,
    cityName: r['所在地']!,
    authority: r['主管部门']!,
    level: r['办学层次'] === '本科' ? '本科' : '专科',
    isPrivate: r['备注'] === '民办',
  }));
}

/**
 * The regional words the invented 职业本科 schools are named by (`data/vocational_university_words.csv`): parts of the
 * province as its own universities name them (桂中, 黔南…), so that no edition names its schools after another province.
 */
function loadVocationalUniversityWords(province: string): string[] {
  const path = fileURLToPath(new URL('../../data/vocational_university_words.csv', import.meta.url));
  const words = readCsvRecords(path)
    .filter((r) => r['province_code'] === province)
    .map((r) => r['word']!);
  if (words.length === 0) throw new Error(`no 职业本科 school words for province ${province}: add its rows to ${path}`);
  return words;
}

function regionsOf(tree: CodeTree, province: string) {
  const rows = [...tree.entries.values()];
  const byParent = new Map<string, Region[]>();
  for (const r of rows) {
    const list = byParent.get(r.parentCode ?? '') ?? [];
    list.push({ code: r.code, name: r.name });
    byParent.set(r.parentCode ?? '', list);
  }
  const provinceRow = tree.get(province);
  if (!provinceRow) throw new Error(`province ${province} is not in the region list`);
  const cities: City[] = rows
    .filter((r) => r.level === '市' && r.parentCode === province)
    .map((r) => ({ code: r.code, name: r.name, counties: byParent.get(r.code) ?? [] }));
  const otherProvinces = rows.filter((r) => r.level === '省' && r.code !== province).map((r) => ({ code: r.code, name: r.name }));
  const shortName = provinceRow.name.replace(/(壮族|回族|维吾尔)?自治区$|[省市]$/, '');
  return { province: { code: province, name: provinceRow.name, shortName }, cities, otherProvinces };
}

function industriesOf(tree: CodeTree) {
  const sections: Region[] = [];
  const divisions: IndustryDivision[] = [];
  for (const r of tree.entries.values()) {
    if (r.level === '门类') sections.push({ code: r.code, name: r.name });
    else if (r.level === '大类') divisions.push({ code: r.code, name: r.name, section: r.row.section_code! });
  }
  return { sections, divisions };
}

/** Occupations as the 大典 counts them: every row the list flags `is_occupation` (some 小类 are occupations too). */
function occupationsOf(tree: CodeTree): Occupation[] {
  return [...tree.entries.values()]
    .filter((r) => r.row.is_occupation === 'true')
    .map((r) => ({
      code: r.code,
      name: r.row.occupation_name || r.name,
      isDigital: r.row.is_digital === 'true',
      isGreen: r.row.is_green === 'true',
    }));
}

/** Leaf majors (level 专业) of every catalogue, catalogues in the order of their files' names. */
function majorsOf(majors: ReadonlyMap<string, CodeTree>): Major[] {
  const out: Major[] = [];
  for (const [catalog, tree] of [...majors].sort(([, a], [, b]) => a.file.localeCompare(b.file))) {
    if (!CATALOGS.includes(catalog as Catalog)) continue;
    const parents = new Set([...tree.entries.values()].map((r) => r.parentCode));
    for (const r of tree.entries.values()) {
      if (parents.has(r.code) || r.code.length < 6) continue;
      out.push({ code: r.code, name: r.name, catalog: catalog as Catalog, group: r.code.slice(0, 2) });
    }
  }
  return out;
}

/** The crosswalks as the platform reads them (same checks); overrides in `crosswalks/overrides/` apply as they do there. */
function crosswalksOf(referenceDir: string, trees: CodeTrees): Crosswalks {
  const dir = join(referenceDir, 'crosswalks');
  const [majorOccupation, occupationIndustry] = readCrosswalks(dir, join(dir, 'overrides'), trees);
  // Rows as the crosswalk schemas parsed them (weights and shares numbers), with their origin beside.
  return {
    occupationIndustry: occupationIndustry!.rows as unknown as OccupationIndustryRecord[],
    majorOccupation: majorOccupation!.rows as unknown as MajorOccupationRecord[],
  };
}

/** Reads every code list the generator needs from the reference folder, through the platform's one code-list reader. */
export async function loadReference(loc: ReferenceLocation): Promise<ReferenceData> {
  const { trees } = await readCodeLists(loc.referenceDir);
  const schools = loadListedSchools(loc.provinceCode);
  return {
    source: 'region:reference,industry:reference,occupation:reference,major:reference',
    ...regionsOf(trees.region, loc.provinceCode),
    ...industriesOf(trees.industry),
    occupations: occupationsOf(trees.occupation),
    occupationGroups: [...trees.occupation.entries.values()].filter((r) => r.level === '大类').map((r) => ({ code: r.code, name: r.name })),
    majors: majorsOf(trees.majors),
    schools,
    schoolRenames: loadSchoolRenames(loc.provinceCode, schools),
    vocationalUniversityWords: loadVocationalUniversityWords(loc.provinceCode),
    crosswalks: crosswalksOf(loc.referenceDir, trees),
  };
}

/** Industry codes of a policy framework group, read from `datasets/reference/frameworks/<framework>.json`. */
export function frameworkGroupCodes(referenceDir: string, framework: string, group: string): string[] | null {
  const path = join(referenceDir, 'frameworks', `${framework}.json`);
  if (!existsSync(path)) return null;
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { groups?: { group_code: string; industry_codes: string[] }[] };
  return doc.groups?.find((g) => g.group_code === group)?.industry_codes ?? null;
}
