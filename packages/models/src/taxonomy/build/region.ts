import { join } from 'node:path';
import { regionLevelOf, regionParentOf, regionProvinceOf, type RegionLevel } from '../code-shapes.js';
import { cleanName, readCsv, type LevelTotal, type ReconciliationRow, type SourceRef } from './common.js';

/** A row of datasets/reference/region/gbt2260.csv. */
export interface RegionRow {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  province_code: string;
}

const MODOOD = {
  repo: 'modood/Administrative-divisions-of-China',
  commit: '57a0aa9cef47169a2eb74cf057b0245052a34e8c',
  licence: 'WTFPL',
};

export const REGION_SOURCES: SourceRef[] = [
  { ...MODOOD, path: 'dist/provinces.csv', copy: 'taxonomies/admin_divisions_gbt2260/stats2023_provinces_modood.csv' },
  { ...MODOOD, path: 'dist/cities.csv', copy: 'taxonomies/admin_divisions_gbt2260/stats2023_cities_modood.csv' },
  { ...MODOOD, path: 'dist/areas.csv', copy: 'taxonomies/admin_divisions_gbt2260/stats2023_areas_modood.csv' },
];

export const REGION_EDITION = 'GB/T 2260 codes as of 2023-06-30 (国家统计局 2023年统计用区划代码, county level and up)';

/** Provinces whose county-level divisions are loaded. */
export const COUNTY_PROVINCES = ['45', '52'] as const;

/**
 * Prefecture-level entries of GB/T 2260 that are not divisions but groupings: 市辖区 / 县 of the
 * four municipalities and the 省（自治区）直辖县级行政区划 headings. They hold no county we load
 * (counties are loaded for 45 and 52 only, which have none), so they are left out.
 */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** Divisions of GB/T 2260 the source (statistical codes, mainland only) does not carry. */
const NOT_IN_SOURCE: { code: string; name: string }[] = [
  { code: '710000', name: '台湾省' },
  { code: '810000', name: '香港特别行政区' },
  { code: '820000', name: '澳门特别行政区' },
];

/** Derives provinces and prefectures of all China, and counties of Guangxi and Guizhou. */
export function buildRegion(sharedDir: string): { rows: RegionRow[]; reconciliation: ReconciliationRow[]; totals: LevelTotal[] } {
  const [provinces, cities, areas] = REGION_SOURCES.map((s) => readCsv(join(sharedDir, s.copy)));
  const rows: RegionRow[] = [];
  const reconciliation: ReconciliationRow[] = [];
  const add = (code: string, rawName: string) => {
    const level = regionLevelOf(code);
    if (!level) throw new Error(`region: malformed code ${code}`);
    rows.push({ code, name: cleanName(rawName), level, parent_code: regionParentOf(code) ?? null, province_code: regionProvinceOf(code) });
  };
  for (const p of provinces!) add(`${p.code}0000`, p.name!);
  for (const c of cities!) {
    const code = `${c.code}00`;
    if (PLACEHOLDER_NAMES.has(c.name!)) {
      reconciliation.push({
        list_id: 'region',
        code,
        issue: `placeholder ${c.name} (not a division)`,
        resolution: 'not loaded',
        evidence: `GB/T 2260 and the statistical codes list ${code} ${c.name} as a grouping of the county-level units directly under ${c.provinceCode}0000; it is not one of the 333 prefecture-level divisions, and no county of Guangxi or Guizhou hangs under it`,
        level: '市',
        count_gap: 0,
      });
      continue;
    }
    add(code, c.name!);
  }
  for (const a of areas!) if ((COUNTY_PROVINCES as readonly string[]).includes(a.provinceCode!)) add(a.code!, a.name!);
  for (const m of NOT_IN_SOURCE)
    reconciliation.push({
      list_id: 'region',
      code: m.code,
      issue: 'missing code',
      resolution: 'not loaded (never invented)',
      evidence: `${m.name} is a province-level division of GB/T 2260 but the statistical-code copy (mainland only) does not carry it`,
      level: '省',
      count_gap: 1,
    });
  return {
    rows,
    reconciliation,
    totals: [
      { level: '省', official: 34, note: '34 province-level divisions, incl. 台湾, 香港, 澳门' },
      { level: '市', official: 333, note: '民政部: 333 地级 divisions (293 地级市, 7 地区, 30 自治州, 3 盟) in 2023' },
      { level: '县', official: 199, note: "Guangxi 111 + Guizhou 88 county-level divisions; other provinces' counties are not loaded" },
    ],
  };
}
