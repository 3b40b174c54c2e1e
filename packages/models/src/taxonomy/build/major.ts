import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { majorLevelOf, majorParentOf, splitMajorCode, type MajorCatalog, type MajorLevel } from '../code-shapes.js';
import { cleanName, readCsv, type LevelTotal, type ReconciliationRow, type SourceRef } from './common.js';
import { defaultBuildDir } from './data-file.js';
import { readListData } from './list-data.js';

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
  },
  {
    listId: 'major_gaozhi',
    catalog: '高职专科',
    sourceLevel: 'VOCATIONAL_ASSOCIATE',
    uryuwr: 'voc_associate',
    file: 'major/gaozhi_2021.csv',
  },
  {
    listId: 'major_zhiben',
    catalog: '职业本科',
    sourceLevel: 'VOCATIONAL_BACHELOR',
    uryuwr: 'voc_bachelor',
    file: 'major/zhiben_2021.csv',
  },
] as const;

const ITEM_LEVEL: Record<string, MajorLevel> = { CATEGORY: '专业大类', CLASS: '专业类', MAJOR: '专业' };

/** Derives the four major catalogues and cross-checks them against the partial uryuwr parse. */
export function buildMajors(sharedDir: string, buildDir = defaultBuildDir()): { lists: MajorList[]; reconciliation: ReconciliationRow[] } {
  const reconciliation: ReconciliationRow[] = [];
  // The vocational lists share their copies: each is read once.
  const copies = new Map<string, Record<string, string>[]>();
  const readCopy = (file: string) => {
    let rows = copies.get(file);
    if (!rows) copies.set(file, (rows = readCsv(join(sharedDir, file))));
    return rows;
  };
  const lists: MajorList[] = [];

  for (const v of VOCATIONAL) {
    const list = readListData(buildDir, v.listId);
    const vocational = readCopy(list.copy('p180j'));
    const uryuwr = readCopy(list.copy('uryuwr'));
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
      const supplement = u.catalog !== list.edition;
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
      edition: list.edition,
      sources: list.sources,
      rows,
      totals: list.totals,
    });
  }

  // 本科: majors carry their class and category names only; their codes are the major code's
  // first four and two digits (the catalogue's own numbering).
  const benkeList = readListData(buildDir, 'major_benke');
  const uryuwr = readCopy(benkeList.copy('uryuwr'));
  const benke = JSON.parse(readFileSync(join(sharedDir, benkeList.copy('sweetorangee')), 'utf8')) as {
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
    edition: benkeList.edition,
    sources: benkeList.sources,
    rows,
    totals: benkeList.totals,
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
