import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDUSTRY_LEVELS, industryLevelOf } from '../code-shapes.js';
import { cleanName, type ReconciliationRow } from './common.js';
import { defaultBuildDir } from './data-file.js';
import { readDecisions, type DecisionColumns, type DecisionFileSpec } from './decisions.js';
import { readListData, type ListData } from './list-data.js';

interface TreeNode {
  code: string;
  name: string;
  children?: TreeNode[];
}

/** A row of datasets/reference/industry/gbt4754_2017.csv. */
export interface IndustryRow {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  section_code: string;
}

/**
 * Repairs of names a PDF parse damaged in the copy (industry_decisions.csv); codes are never
 * changed. The copy cuts long names at the width of the PDF's name column, so the cut falls
 * anywhere in the last word (制, 设, 专用, 设备 …).
 */
export const INDUSTRY_DECISION_FILE = {
  listId: 'industry',
  file: 'industry_decisions.csv',
  columns: {
    /** The name as the copy reads it (white space removed): the repair holds for that reading only. */
    copied: 'text',
    /** The name loaded instead. */
    name: 'text',
  },
  levels: INDUSTRY_LEVELS,
  isCode: (code: string) => industryLevelOf(code) !== undefined,
} as const satisfies DecisionFileSpec<DecisionColumns>;

/** Derives the industry list from the ramwin tree. */
export function buildIndustry(
  sharedDir: string,
  buildDir = defaultBuildDir(),
): { rows: IndustryRow[]; reconciliation: ReconciliationRow[]; list: ListData } {
  const list = readListData(buildDir, 'industry');
  const decisions = readDecisions(buildDir, INDUSTRY_DECISION_FILE);
  const tree = JSON.parse(readFileSync(join(sharedDir, list.copy('ramwin')), 'utf8')) as TreeNode[];
  const rows: IndustryRow[] = [];
  const reconciliation: ReconciliationRow[] = [];
  const walk = (node: TreeNode, parent: string | null, section: string): void => {
    const level = industryLevelOf(node.code);
    if (!level) throw new Error(`industry: unexpected code ${node.code}`);
    const raw = node.name;
    let name = cleanName(raw);
    const decision = decisions.take(node.code);
    if (decision) {
      const { copied, name: repaired } = decision.set;
      if (copied !== undefined && copied !== name)
        throw decisions.refusal(
          decision,
          `${node.code} reads ${JSON.stringify(name)} in the copy, the decision expects ${JSON.stringify(copied)}`,
        );
      reconciliation.push(decision.record);
      name = repaired ?? name;
    } else if (name !== raw) {
      reconciliation.push({
        list_id: 'industry',
        code: node.code,
        issue: 'stray whitespace in name',
        resolution: `loaded as ${name}`,
        evidence: `ramwin copy reads ${JSON.stringify(raw)}`,
        level,
        count_gap: 0,
      });
    }
    rows.push({ code: node.code, name, level, parent_code: parent, section_code: section });
    for (const child of node.children ?? []) walk(child, node.code, section);
  };
  for (const section of tree) walk(section, null, section.code);
  // Rows about the list as a whole (a residual between a total and the codes) follow the codes.
  for (const d of decisions.wholeList) reconciliation.push(d.record);
  for (const d of decisions.untaken()) throw decisions.refusal(d, `decision for ${d.code}, which the copy does not have`);
  return { rows, reconciliation, list };
}
