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
 * Independent public copy the names and the 小类 codes were checked against: a JS list of the
 * 2017 classification with its 说明 text (one object per code: class1..class4, name, remark).
 */
const CHECK_COPY = 'zmshe/capital @ 0b8f1ae480aadd9f35aca2fd0efb934e9a7101e8, src/utils/category.js';

/** A name repair: the name loaded instead of the copy's, and why. */
interface NameRepair {
  name: string;
  issue: string;
  evidence: string;
  /** The name as the copy reads it, when the repair only holds for that reading. */
  copied?: string;
}

/**
 * Names in the copy that a PDF parse damaged, with the name used instead. Each is recorded in
 * the reconciliation file; codes are never changed here. The copy cuts long names at the width
 * of the PDF's name column, so the cut falls anywhere in the last word (制, 设, 专用, 设备 …).
 */
const NAME_REPAIRS: Record<string, NameRepair> = {
  '3531': {
    name: '食品、酒、饮料及茶生产专用设备制造',
    issue: 'name damaged in copy',
    evidence: `ramwin copy reads "食品、酒、饮料及茶生产专用设备制     指主要用于食品、酒、饮料生产及茶制品加": the name is cut at 制 and the 说明 column bled in (PDF column merge); the flattened DERIVED copy repeats it. ${CHECK_COPY} reads 食品、酒、饮料及茶生产专用设备制造 (class4 3531)`,
  },
  ...truncated('306', '玻璃纤维和玻璃纤维增强塑料制品制', '玻璃纤维和玻璃纤维增强塑料制品制造'),
  ...truncated('354', '印刷、制药、日化及日用品生产专用设', '印刷、制药、日化及日用品生产专用设备制造'),
  ...truncated('3546', '玻璃、陶瓷和搪瓷制品生产专用设备', '玻璃、陶瓷和搪瓷制品生产专用设备制造'),
  ...truncated('3552', '皮革、毛皮及其制品加工专用设备制', '皮革、毛皮及其制品加工专用设备制造'),
  ...truncated('3583', '医疗实验室及医用消毒设备和器具', '医疗实验室及医用消毒设备和器具制造'),
  ...truncated('359', '环保、邮政、社会公共服务及其他专用', '环保、邮政、社会公共服务及其他专用设备制造'),
  ...truncated('37', '铁路、船舶、航空航天和其他运输设备制', '铁路、船舶、航空航天和其他运输设备制造业'),
  ...truncated('3939', '应用电视设备及其他广播电视设备', '应用电视设备及其他广播电视设备制造'),
  ...truncated('4023', '导航、测绘、气象及海洋专用仪器制', '导航、测绘、气象及海洋专用仪器制造'),
};

/** A repair for a name the copy cut off; `copied` is checked against the copy at build time. */
function truncated(code: string, copied: string, name: string): Record<string, NameRepair> {
  return {
    [code]: {
      name,
      copied,
      issue: 'name truncated in source copy',
      evidence: `ramwin copy reads "${copied}" (cut at the PDF name-column width); ${CHECK_COPY} reads ${name} (${code.length === 2 ? 'class2' : code.length === 3 ? 'class3' : 'class4'} ${code})`,
    },
  };
}

/**
 * Edition loaded: the 2017 text of the standard. The copy's source is a text dump of the 2017
 * PDF (ramwin's parser dates from 2018-01, before 第1号修改单 of 2019), and the amended edition
 * could only be claimed by naming both 小类 the amendment added, which no reachable source does.
 */
export const INDUSTRY_EDITION = 'GB/T 4754-2017 国民经济行业分类（2017年文本）';

/**
 * The copy has 1381 小类, the 2017 text counts 1380. Recorded as a residual: an independent copy
 * holds the same 1381 codes, so no code of the copy can be named as the extra one.
 */
const SMALL_CLASS_RESIDUAL: ReconciliationRow = {
  list_id: 'industry',
  code: '*',
  issue: 'one 小类 more than the edition counts; code not identified',
  resolution: 'all 1381 小类 of the copy loaded; none dropped (none can be named), none added',
  evidence:
    'ramwin (and the flattened DERIVED copy) hold 1381 小类 against the 1380 of the 2017 text (1382 after 第1号修改单, 2019). ' +
    `Compared code by code with ${CHECK_COPY}: the two copies hold the same 小类 codes under every 中类 (that copy keys 3741 飞机制造 by mistake as a second 374 row with an empty class4, so a count of its level-4 rows gives 1380, but the code is there), so neither copy shows which code the published count leaves out. ` +
    'Every 小类 of the copy is structurally sound (nests under its 中类, numbering 1..n then 9, no duplicate names). ' +
    'No copy with 1380 小类 and no text of 第1号修改单 was found (code, pages and docs corpora searched for the amendment, 按第1号修改单修订, 新增小类), so the code is not named',
  level: '小类',
  count_gap: -1,
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
      if (repair.copied !== undefined && repair.copied !== name)
        throw new Error(
          `industry: ${node.code} reads ${JSON.stringify(name)} in the copy, the repair expects ${JSON.stringify(repair.copied)}`,
        );
      reconciliation.push({
        list_id: 'industry',
        code: node.code,
        issue: repair.issue,
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
      { level: '小类', official: 1380, note: '1380 in the 2017 text, the edition loaded; 1382 after 第1号修改单 (2019)' },
    ],
  };
}
