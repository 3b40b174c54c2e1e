import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OCCUPATION_LEVELS, occupationLevelOf, occupationParentOf, type OccupationLevel } from '../code-shapes.js';
import { cleanName, readCsv, type ReconciliationRow } from './common.js';
import { defaultBuildDir } from './data-file.js';
import { readDecisions, type DecisionColumns, type DecisionFileSpec } from './decisions.js';
import { readListData, type ListData } from './list-data.js';

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
 * Per-code decisions taken after cross-checking the two copies (occupation_decisions.csv); each
 * is also written to the reconciliation file. Codes are four-part codes.
 */
export const OCCUPATION_DECISION_FILE = {
  listId: 'occupation',
  file: 'occupation_decisions.csv',
  columns: {
    /** Leave the code out of ref (it stays documented). */
    exclude: 'flag',
    /** Take the row's name (or the occupation name) from the OCR tree instead of the primary copy. */
    tree_name: 'flag',
    tree_occupation_name: 'flag',
    /** Override whether the code is an occupation in its own right. */
    is_occupation: 'yes-no',
    /** Take the definition from another code of the primary copy (a renumbered occupation). */
    definition_from: 'code',
  },
  levels: OCCUPATION_LEVELS,
  isCode: (code: string) => occupationLevelOf(code) !== undefined,
} as const satisfies DecisionFileSpec<DecisionColumns>;

/** Derives the occupation list from both copies; the primary copy wins unless a decision says otherwise. */
export function buildOccupation(
  sharedDir: string,
  buildDir = defaultBuildDir(),
): {
  rows: OccupationRow[];
  reconciliation: ReconciliationRow[];
  list: ListData;
  diagnostics: string[];
} {
  const list = readListData(buildDir, 'occupation');
  const decisions = readDecisions(buildDir, OCCUPATION_DECISION_FILE);
  const reconciliation: ReconciliationRow[] = [];
  const diagnostics: string[] = [];
  const reco = (code: string, level: string, issue: string, resolution: string, evidence: string, countGap = 0) =>
    reconciliation.push({ list_id: 'occupation', code, issue, resolution, evidence, level, count_gap: countGap });

  // Primary copy, deduplicated.
  const primary = new Map<string, CopyRow[]>();
  readCsv(join(sharedDir, list.copy('anthonyliantao'))).forEach((r, i) => {
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
  const treeJson = JSON.parse(readFileSync(join(sharedDir, list.copy('solisamicus')), 'utf8')) as { data: TreeNode[] };
  for (const n of treeJson.data) walk(n);
  // The OCR copy writes ASCII parentheses; the book (and the primary copy) use full-width ones.
  const treeName = (n: TreeNode) => cleanName(n.name).replace(/\(/g, '（').replace(/\)/g, '）');
  const LEVEL_COLUMN: Record<OccupationLevel, string> = { 大类: '1', 中类: '2', 小类: '3', 细类: '4' };

  const codes = new Set<string>([...primary.keys(), ...tree.keys()]);
  const rows: OccupationRow[] = [];
  for (const code of codes) {
    const level = occupationLevelOf(code);
    if (!level) throw new Error(`occupation: malformed code ${code}`);
    const decision = decisions.take(code);
    const set = decision?.set;
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
    let name = set?.tree_name && tName ? tName : (pName ?? tName);
    if (!name && level === '小类' && pOcc && !tOwn) name = pOcc.name; // primary copy only, no 小类 row
    if (pName && tName && pName !== tName && !set?.tree_name)
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
      occupationName = (set?.tree_occupation_name ? ton : (pon ?? ton)) ?? null;
      if (pon && ton && pon !== ton && !set?.tree_occupation_name)
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
    if (set?.is_occupation !== undefined) isOccupation = set.is_occupation;
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

    if (decision) reconciliation.push(decision.record);
    if (set?.exclude) continue;
    const definitionRows = set?.definition_from ? primary.get(set.definition_from) : p;
    if (!definitionRows) throw decisions.refusal(decision!, `definition_from ${set!.definition_from}: the primary copy has no such code`);
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
  // Rows about the list as a whole (a residual between a total and the codes) follow the codes.
  for (const d of decisions.wholeList) reconciliation.push(d.record);
  for (const d of decisions.untaken()) throw decisions.refusal(d, `decision for ${d.code}, which neither copy has`);

  const order = (c: string) => c;
  rows.sort((a, b) => (order(a.code) < order(b.code) ? -1 : 1));
  for (const l of OCCUPATION_LEVELS) diagnostics.push(`count ${l}: ${rows.filter((r) => r.level === l).length}`);
  diagnostics.push(`count occupations: ${rows.filter((r) => r.is_occupation).length}`);
  return {
    rows,
    reconciliation,
    diagnostics,
    list,
  };
}
