import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvRecords } from './read-csv.js';
import type { Catalog, City, IndustryDivision, ListedSchool, Major, Occupation, ReferenceData, Region } from './reference-data.js';
import { CATALOGS } from './reference-data.js';

/** Where to read code lists from. */
export interface ReferenceLocation {
  /** `datasets/reference/` of the repository (preferred). */
  referenceDir: string;
  /** Raw official lists (`taxonomies/` of the shared reference folder), used only for lists not yet in `referenceDir`. */
  fallbackTaxonomiesDir?: string;
  /** Province whose cities make up the synthetic world (6-digit GB/T 2260 code). */
  provinceCode: string;
}

const TRUE_VALUES = new Set(['1', 'true', 'TRUE', 'True', '是', 'Y', 'y']);
const OCCUPATION_LEAF = /^\d-\d{2}-\d{2}-\d{2}$/;

/** The MOE list of Guangxi's regular HEIs (2017), shipped with the generator. */
function loadListedSchools(): ListedSchool[] {
  const path = fileURLToPath(new URL('../../data/gx_listed_schools_moe2017.csv', import.meta.url));
  return readCsvRecords(path).map((r) => ({
    name: r['学校名称']!,
    code: r['学校标识码']!,
    cityName: r['所在地']!,
    level: r['办学层次'] === '本科' ? '本科' : '专科',
    isPrivate: r['备注'] === '民办',
  }));
}

function regionsFromRepo(dir: string, province: string) {
  const rows = readCsvRecords(join(dir, 'region', 'gbt2260.csv'));
  const byParent = new Map<string, Region[]>();
  for (const r of rows) {
    const list = byParent.get(r.parent_code ?? '') ?? [];
    list.push({ code: r.code!, name: r.name! });
    byParent.set(r.parent_code ?? '', list);
  }
  const provinceRow = rows.find((r) => r.code === province);
  if (!provinceRow) throw new Error(`province ${province} not in gbt2260.csv`);
  const cities: City[] = rows
    .filter((r) => r.level === '市' && r.parent_code === province)
    .map((r) => ({ code: r.code!, name: r.name!, counties: byParent.get(r.code!) ?? [] }));
  const otherProvinces = rows.filter((r) => r.level === '省' && r.code !== province).map((r) => ({ code: r.code!, name: r.name! }));
  return { province: { code: province, name: provinceRow.name! }, cities, otherProvinces };
}

function regionsFromFallback(dir: string, province: string) {
  const base = join(dir, 'admin_divisions_gbt2260');
  const p2 = province.slice(0, 2);
  const provinces = readCsvRecords(join(base, 'stats2023_provinces_modood.csv'));
  const cityRows = readCsvRecords(join(base, 'stats2023_cities_modood.csv')).filter((r) => r.provinceCode === p2);
  const areas = readCsvRecords(join(base, 'stats2023_areas_modood.csv')).filter((r) => r.provinceCode === p2);
  const cities: City[] = cityRows.map((c) => ({
    code: `${c.code}00`,
    name: c.name!,
    counties: areas.filter((a) => a.cityCode === c.code).map((a) => ({ code: a.code!, name: a.name! })),
  }));
  const me = provinces.find((r) => r.code === p2);
  if (!me) throw new Error(`province ${province} not in fallback list`);
  const otherProvinces = provinces.filter((r) => r.code !== p2).map((r) => ({ code: `${r.code}0000`, name: r.name! }));
  return { province: { code: province, name: me.name! }, cities, otherProvinces };
}

function industriesFrom(rows: Record<string, string>[]) {
  const sections: Region[] = [];
  const divisions: IndustryDivision[] = [];
  for (const r of rows) {
    const code = r.code!;
    if (/^[A-Z]$/.test(code)) sections.push({ code, name: r.name! });
    else if (/^\d{2}$/.test(code)) divisions.push({ code, name: r.name!, section: r.section_code! });
  }
  return { sections, divisions };
}

function occupationsFromRepo(dir: string): Occupation[] {
  const rows = readCsvRecords(join(dir, 'occupation', 'csco_2022.csv'));
  const parents = new Set(rows.map((r) => r.parent_code));
  // The list flags occupations itself (some 小类 without 细类 are occupations too); else take the leaves.
  const isOccupation = (r: Record<string, string>) =>
    r.is_occupation !== undefined
      ? TRUE_VALUES.has(r.is_occupation)
      : OCCUPATION_LEAF.test(r.code!) && !r.code!.endsWith('-00') && !parents.has(r.code);
  return rows.filter(isOccupation).map((r) => ({
    code: r.code!,
    name: r.occupation_name || r.name!,
    isDigital: TRUE_VALUES.has(r.is_digital ?? ''),
    isGreen: TRUE_VALUES.has(r.is_green ?? ''),
  }));
}

function occupationsFromFallback(dir: string): Occupation[] {
  const rows = readCsvRecords(join(dir, 'occupation_csco_2022', 'csco22_occupations_anthonyliantao.csv'));
  return rows
    .filter((r) => OCCUPATION_LEAF.test(r.code!) && !r.code!.endsWith('-00'))
    .map((r) => {
      const raw = r.name!;
      const marker = /[SL]+$/.exec(raw)?.[0] ?? '';
      return {
        code: r.code!,
        name: raw.slice(0, raw.length - marker.length),
        isDigital: marker.includes('S'),
        isGreen: marker.includes('L'),
      };
    });
}

function majorsFromRepo(dir: string): Major[] {
  const majorDir = join(dir, 'major');
  const out: Major[] = [];
  for (const file of readdirSync(majorDir)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const rows = readCsvRecords(join(majorDir, file));
    const parents = new Set(rows.map((r) => `${r.catalog}|${r.parent_code}`));
    for (const r of rows) {
      const catalog = r.catalog as Catalog;
      if (!CATALOGS.includes(catalog) || parents.has(`${catalog}|${r.code}`) || r.code!.length < 6) continue;
      out.push({ code: r.code!, name: r.name!, catalog, group: r.code!.slice(0, 2) });
    }
  }
  return out;
}

function majorsFromFallback(dir: string): Major[] {
  const catalogOf: Record<string, Catalog> = { 中等职业教育: '中职', 高等职业教育专科: '高职专科', 高等职业教育本科: '职业本科' };
  const out: Major[] = readCsvRecords(join(dir, 'majors', 'vocational_catalog_2021_p180j.csv'))
    .filter((r) => r.item_level === 'MAJOR' && catalogOf[r.level_zh!])
    .map((r) => ({ code: r.code!, name: r.name!, catalog: catalogOf[r.level_zh!]!, group: r.code!.slice(0, 2) }));
  const ug = JSON.parse(readFileSync(join(dir, 'majors', 'undergrad_catalog_2026_sweetorangee.json'), 'utf8')) as {
    code: string;
    name: string;
  }[];
  for (const m of ug) out.push({ code: m.code, name: m.name, catalog: '本科', group: m.code.slice(0, 2) });
  return out;
}

/**
 * Reads every code list the generator needs. Each list comes from `datasets/reference/` when its file
 * exists there, otherwise from the raw official lists; `source` says which.
 */
export function loadReference(loc: ReferenceLocation): ReferenceData {
  const dir = loc.referenceDir;
  const fb = loc.fallbackTaxonomiesDir;
  const used: string[] = [];
  const need = (what: string, repoPath: string): boolean => {
    if (existsSync(join(dir, repoPath))) {
      used.push(`${what}:reference`);
      return true;
    }
    if (!fb) throw new Error(`missing ${join(dir, repoPath)} and no fallback given`);
    used.push(`${what}:fallback`);
    return false;
  };
  const regions = need('region', 'region/gbt2260.csv')
    ? regionsFromRepo(dir, loc.provinceCode)
    : regionsFromFallback(fb!, loc.provinceCode);
  const industries = need('industry', 'industry/gbt4754_2017.csv')
    ? industriesFrom(readCsvRecords(join(dir, 'industry', 'gbt4754_2017.csv')))
    : industriesFrom(readCsvRecords(join(fb!, 'industry_gbt4754_2017', 'gbt4754_2017_flat_derived.csv')));
  const occupations = need('occupation', 'occupation/csco_2022.csv') ? occupationsFromRepo(dir) : occupationsFromFallback(fb!);
  const majors = need('major', 'major') ? majorsFromRepo(dir) : majorsFromFallback(fb!);
  return { source: used.join(','), ...regions, ...industries, occupations, majors, schools: loadListedSchools() };
}

/** Industry codes of a policy framework group, read from `datasets/reference/frameworks/<framework>.json`. */
export function frameworkGroupCodes(referenceDir: string, framework: string, group: string): string[] | null {
  const path = join(referenceDir, 'frameworks', `${framework}.json`);
  if (!existsSync(path)) return null;
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { groups?: { group_code: string; industry_codes: string[] }[] };
  return doc.groups?.find((g) => g.group_code === group)?.industry_codes ?? null;
}
