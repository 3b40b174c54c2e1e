import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { majorLevelOf, majorParentOf, splitMajorCode, type MajorCatalog, type MajorLevel } from '../code-shapes.js';
import { cleanName, readCsv, type LevelTotal, type ReconciliationRow, type SourceRef } from './common.js';

/** A row of datasets/reference/major/*.csv. */
export interface MajorRow {
  code: string;
  name: string;
  catalog: MajorCatalog;
  level: MajorLevel;
  parent_code: string | null;
  is_national_control: boolean;
  is_special: boolean;
}

export const MAJOR_SOURCES = {
  p180j: {
    repo: 'p180j/gk-job-helper',
    commit: 'dab79c85574d539608e34052a6441be33ca47e2f',
    path: 'src/main/resources/major-catalog/vocational-2021.csv',
    licence: 'none stated (MOE public catalogue)',
    copy: 'taxonomies/majors/vocational_catalog_2021_p180j.csv',
    note: 'DERIVED re-serialisation in ../shared (see SOURCES.md)',
  },
  uryuwr: {
    repo: 'uryuwr/voced-position-kg-demo',
    commit: '5ad71c0ba2ff888bd855d8a8fe46570dc36aba81',
    path: 'data/baseline/kg_baseline_20260820.jsonl.gz',
    licence: 'none stated',
    copy: 'taxonomies/majors/moe_majors_partial_uryuwr_kg.csv',
    note: 'cross-check only (partial)',
  },
  sweetorangee: {
    repo: 'SweetOrangee/major-catalog-2026',
    commit: 'af298be5b8c40cdab1268930911c4461d7081a9d',
    path: 'data/majors-mini.json',
    licence: 'none stated',
    copy: 'taxonomies/majors/undergrad_catalog_2026_sweetorangee.json',
  },
} satisfies Record<string, SourceRef>;

/** One major list: a catalogue of one edition. */
export interface MajorList {
  listId: 'major_zhongzhi' | 'major_gaozhi' | 'major_zhiben' | 'major_benke';
  catalog: MajorCatalog;
  file: string;
  edition: string;
  sources: SourceRef[];
  rows: MajorRow[];
  totals: LevelTotal[];
}

const VOCATIONAL = [
  {
    listId: 'major_zhongzhi',
    catalog: '中职',
    sourceLevel: 'VOCATIONAL_SECONDARY',
    uryuwr: 'voc_secondary',
    file: 'major/zhongzhi_2021.csv',
    classes: 88,
    majors: 358,
  },
  {
    listId: 'major_gaozhi',
    catalog: '高职专科',
    sourceLevel: 'VOCATIONAL_ASSOCIATE',
    uryuwr: 'voc_associate',
    file: 'major/gaozhi_2021.csv',
    classes: 97,
    majors: 744,
  },
  {
    listId: 'major_zhiben',
    catalog: '职业本科',
    sourceLevel: 'VOCATIONAL_BACHELOR',
    uryuwr: 'voc_bachelor',
    file: 'major/zhiben_2021.csv',
    classes: 90,
    majors: 247,
  },
] as const;

const ITEM_LEVEL: Record<string, MajorLevel> = { CATEGORY: '专业大类', CLASS: '专业类', MAJOR: '专业' };

/** Derives the four major catalogues and cross-checks them against the partial uryuwr parse. */
export function buildMajors(sharedDir: string): { lists: MajorList[]; reconciliation: ReconciliationRow[] } {
  const reconciliation: ReconciliationRow[] = [];
  const vocational = readCsv(join(sharedDir, MAJOR_SOURCES.p180j.copy));
  const uryuwr = readCsv(join(sharedDir, MAJOR_SOURCES.uryuwr.copy));
  const lists: MajorList[] = [];

  for (const v of VOCATIONAL) {
    const rows: MajorRow[] = vocational
      .filter((r) => r.level === v.sourceLevel)
      .map((r) => {
        const { code, isNationalControl } = splitMajorCode(r.code!);
        if ((r.national_control_K === 'Y') !== isNationalControl) throw new Error(`major: K flag and suffix disagree for ${r.code}`);
        const level = ITEM_LEVEL[r.item_level!];
        if (!level || majorLevelOf(code) !== level) throw new Error(`major: ${r.code} is not a ${r.item_level}`);
        return {
          code,
          name: cleanName(r.name!),
          catalog: v.catalog,
          level,
          parent_code: majorParentOf(code) ?? null,
          is_national_control: isNationalControl,
          is_special: false,
        };
      });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const u of uryuwr.filter((x) => x.level === v.uryuwr)) {
      const { code } = splitMajorCode(u.code!);
      const mine = byCode.get(code);
      const supplement = u.catalog !== '职业教育专业目录（2021年）';
      if (!mine)
        reconciliation.push({
          list_id: v.listId,
          code,
          issue: supplement ? 'code in one copy only (later supplement)' : 'code in one copy only',
          resolution: 'not loaded: not part of the 2021 edition loaded',
          evidence: `uryuwr lists ${u.code} ${cleanName(u.name!)} from ${u.catalog}; the 2021 edition (p180j, whose totals equal the official ones) does not have it`,
          level: '专业',
          count_gap: 0,
        });
      else if (cleanName(u.name!) !== mine.name)
        reconciliation.push({
          list_id: v.listId,
          code,
          issue: 'name mismatch',
          resolution: `loaded as ${mine.name} (p180j)`,
          evidence: `uryuwr reads ${cleanName(u.name!)}`,
          level: '专业',
          count_gap: 0,
        });
    }
    lists.push({
      listId: v.listId,
      catalog: v.catalog,
      file: v.file,
      edition: '职业教育专业目录（2021年）',
      sources: [MAJOR_SOURCES.p180j, MAJOR_SOURCES.uryuwr],
      rows,
      totals: [
        { level: '专业大类', official: 19 },
        {
          level: '专业类',
          official: v.catalog === '高职专科' ? 97 : null,
          note: v.catalog === '高职专科' ? undefined : 'the catalogue publishes 97 专业类 for all three levels together, not per level',
        },
        { level: '专业', official: v.majors },
      ],
    });
  }

  // 本科: majors carry their class and category names only; their codes are the major code's
  // first four and two digits (the catalogue's own numbering).
  const benke = JSON.parse(readFileSync(join(sharedDir, MAJOR_SOURCES.sweetorangee.copy), 'utf8')) as {
    code: string;
    name: string;
    className: string;
    categoryName: string;
  }[];
  const rows: MajorRow[] = [];
  const seen = new Map<string, string>();
  const addGroup = (code: string, name: string, level: MajorLevel) => {
    const known = seen.get(code);
    if (known !== undefined) {
      if (known !== name) throw new Error(`major_benke: ${code} named both ${known} and ${name}`);
      return;
    }
    seen.set(code, name);
    rows.push({
      code,
      name,
      catalog: '本科',
      level,
      parent_code: majorParentOf(code) ?? null,
      is_national_control: false,
      is_special: false,
    });
  };
  for (const m of benke) {
    const { code, isNationalControl, isSpecial } = splitMajorCode(m.code);
    addGroup(code.slice(0, 2), cleanName(m.categoryName), '专业大类');
    addGroup(code.slice(0, 4), cleanName(m.className), '专业类');
    if (seen.has(code)) throw new Error(`major_benke: duplicate ${code}`);
    seen.set(code, m.name);
    rows.push({
      code,
      name: cleanName(m.name),
      catalog: '本科',
      level: '专业',
      parent_code: majorParentOf(code) ?? null,
      is_national_control: isNationalControl,
      is_special: isSpecial,
    });
  }
  const benkeByCode = new Map(benke.map((m) => [m.code, m]));
  for (const u of uryuwr.filter((x) => x.level === 'ug_bachelor')) {
    const mine = benkeByCode.get(u.code!);
    const { code } = splitMajorCode(u.code!);
    if (!mine)
      reconciliation.push({
        list_id: 'major_benke',
        code,
        issue: 'code in one copy only',
        resolution: 'not loaded',
        evidence: `uryuwr lists ${u.code} ${u.name}; sweetorangee does not`,
        level: '专业',
        count_gap: 0,
      });
    else if (cleanName(u.name!) !== cleanName(mine.name))
      reconciliation.push({
        list_id: 'major_benke',
        code,
        issue: 'name mismatch',
        resolution: `loaded as ${cleanName(mine.name)} (sweetorangee)`,
        evidence: `uryuwr reads ${JSON.stringify(u.name)}: its PDF parse split the 交叉学科 notes (原专业代码…授予…学位) into separate rows and shifted the names below them by one or two`,
        level: '专业',
        count_gap: 0,
      });
  }
  // Class and category codes are derived, but checked against the uryuwr parse where it has them.
  for (const u of uryuwr.filter((x) => x.level === 'ug_bachelor')) {
    const m = /^(\d{4})\s*(\S+)$/.exec(cleanName(u.category_raw ?? ''));
    if (m && seen.get(m[1]!) !== m[2])
      reconciliation.push({
        list_id: 'major_benke',
        code: m[1]!,
        issue: 'name mismatch',
        resolution: `loaded as ${seen.get(m[1]!)}`,
        evidence: `uryuwr category_raw reads ${m[2]}`,
        level: '专业类',
        count_gap: 0,
      });
  }
  lists.push({
    listId: 'major_benke',
    catalog: '本科',
    file: 'major/benke_2026.csv',
    edition: '普通高等学校本科专业目录（2026年）',
    sources: [MAJOR_SOURCES.sweetorangee, MAJOR_SOURCES.uryuwr],
    rows,
    totals: [
      {
        level: '专业大类',
        official: null,
        note: '学科门类; 13 in the 2026 catalogue (交叉学科 14 new in 2026; no 11 军事学 at 本科 level); no published total found',
      },
      { level: '专业类', official: null, note: 'no published total for 2026 found' },
      {
        level: '专业',
        official: null,
        note: 'no published 2026 total found; 845 in the 2025 catalogue + 38 new majors announced for 2026 = 883 (derived, not published)',
      },
    ],
  });
  return { lists, reconciliation: dedupe(reconciliation) };
}

function dedupe(rows: ReconciliationRow[]): ReconciliationRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.list_id}|${r.code}|${r.issue}|${r.evidence}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
