import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { industryLevelOf } from '../code-shapes.js';
import { cleanName, type LevelTotal, type ReconciliationRow, type SourceRef } from './common.js';

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

export const INDUSTRY_SOURCE: SourceRef = {
  repo: 'ramwin/china-public-data',
  commit: '558effa78547d3e212d95be4f3e1c43bf85422ec',
  path: '国民经济行业分类/国民经济行业分类_2017.json',
  licence: 'GPL-3.0',
  copy: 'taxonomies/industry_gbt4754_2017/gbt4754_2017_tree_ramwin.json',
};

/**
 * Names in the copy that a PDF parse damaged, with the name used instead. Each is recorded in
 * the reconciliation file; codes are never changed here.
 */
const NAME_REPAIRS: Record<string, { name: string; evidence: string }> = {
  '3531': {
    name: '食品、酒、饮料及茶生产专用设备制造',
    evidence:
      'ramwin copy reads "食品、酒、饮料及茶生产专用设备制     指主要用于食品、酒、饮料生产及茶制品加": the name is cut at 制 and the 说明 column bled in (PDF column merge). The flattened DERIVED copy repeats it. Name completed as in the standard\'s table (其他 public copies, e.g. the 2019 修改单 consolidated text, read 食品、酒、饮料及茶生产专用设备制造).',
  },
};

/**
 * Edition loaded: the 2017 standard as amended by 第1号修改单 (in force since 2019-03-29; the
 * edition NBS requires for statistics and publishes as 按第1号修改单修订).
 */
export const INDUSTRY_EDITION = 'GB/T 4754-2017 国民经济行业分类（按第1号修改单修订, 2019）';

/**
 * The copy has 1381 小类: one more than the 2017 text (1380), one fewer than the amended edition
 * (1382). Recorded as a residual because the code concerned could not be identified.
 */
const SMALL_CLASS_RESIDUAL: ReconciliationRow = {
  list_id: 'industry',
  code: '*',
  issue: 'one 小类 of the edition not identified in the copy',
  resolution: 'all 1381 小类 of the copy loaded; none added (never invented), none dropped',
  evidence:
    'ramwin (and the flattened DERIVED copy) hold 1381 小类; the 2017 text counts 1380 and the text amended by 第1号修改单 (2019) 1382, so the copy is either the 2017 text plus one amendment 小类 or the amended text missing one. ' +
    'Every 小类 of the copy is structurally sound (nests under its 中类, numbering 1..n then 9 within each 中类, no duplicate names), so no code is evidently spurious. ' +
    'The amendment text was not found in any copy reachable here (searched pages/docs/code corpora for 第1号修改单 contents), so the 小类 concerned is not named. ' +
    'Loaded under the amended edition (current since 2019), so every loaded code is taken to be valid; the gap of one 小类 is this row',
  level: '小类',
  count_gap: 1,
};

/** Derives the industry list from the ramwin tree. */
export function buildIndustry(sharedDir: string): { rows: IndustryRow[]; reconciliation: ReconciliationRow[]; totals: LevelTotal[] } {
  const tree = JSON.parse(readFileSync(join(sharedDir, INDUSTRY_SOURCE.copy), 'utf8')) as TreeNode[];
  const rows: IndustryRow[] = [];
  const reconciliation: ReconciliationRow[] = [];
  const walk = (node: TreeNode, parent: string | null, section: string): void => {
    const level = industryLevelOf(node.code);
    if (!level) throw new Error(`industry: unexpected code ${node.code}`);
    const raw = node.name;
    let name = cleanName(raw);
    const repair = NAME_REPAIRS[node.code];
    if (repair) {
      reconciliation.push({
        list_id: 'industry',
        code: node.code,
        issue: 'name damaged in copy',
        resolution: `loaded as ${repair.name}`,
        evidence: repair.evidence,
        level,
        count_gap: 0,
      });
      name = repair.name;
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
  reconciliation.push(SMALL_CLASS_RESIDUAL);
  return {
    rows,
    reconciliation,
    totals: [
      { level: '门类', official: 20 },
      { level: '大类', official: 97 },
      { level: '中类', official: 473 },
      { level: '小类', official: 1382, note: '1382 after 第1号修改单 (2019), the edition loaded; 1380 in the 2017 text' },
    ],
  };
}
