import type { Column } from '../document/types.js';
import { FORMAT } from './context.js';

/**
 * Columns of the occupation tables several publications print (the 最缺工 column set of
 * ../shared/PUBLICATIONS.md and the supply–demand indicators behind a shortage level), each defined once so
 * that the same figure has the same header and unit wherever it is printed.
 */
export const OCCUPATION_COLUMNS = {
  rank: { key: 'rank', header: '序号', format: FORMAT.text, measure: 'other' },
  name: { key: 'name', header: '职业名称', format: FORMAT.text, measure: 'other' },
  code: { key: 'code', header: '职业代码', format: FORMAT.text, measure: 'other' },
  level: { key: 'level', header: '紧缺程度', format: FORMAT.text, measure: 'other' },
  previous: { key: 'previous', header: '上期排位', format: FORMAT.text, measure: 'other' },
  demand: { key: 'demand', header: '岗位需求', unit: '人', format: FORMAT.int, measure: 'other' },
  supply: { key: 'supply', header: '人才供给', unit: '人', format: FORMAT.int, measure: 'other' },
  gap: { key: 'gap', header: '供需缺口', unit: '人', format: FORMAT.int, measure: 'other' },
  ratio: { key: 'ratio', header: '需求供给比', format: FORMAT.dec2, measure: 'other' },
} as const satisfies Record<string, Column>;
