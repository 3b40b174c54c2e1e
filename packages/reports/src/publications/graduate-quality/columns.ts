import type { Column } from '../../document/types.js';
import { FORMAT } from '../context.js';

/** A share or rate printed with one decimal. */
export const PERCENT = { kind: 'percent', digits: 1 } as const;

/**
 * Columns the graduate reports (the region's and each school's) print in several tables, each
 * defined once so that the same figure has the same header and unit wherever it is printed.
 */
export const GRADUATE_COLUMNS = {
  level: { key: 'level', header: '办学层次', format: FORMAT.text, measure: 'other' },
  major: { key: 'major', header: '专业名称', format: FORMAT.text, measure: 'other' },
  majorCode: { key: 'code', header: '专业代码', format: FORMAT.text, measure: 'other' },
  graduates: { key: 'graduates', header: '毕业生数', unit: '人', format: FORMAT.int, measure: 'count' },
  /** The rate as a short column header beside its counts (毕业生数, 待就业人数). */
  rate: { key: 'rate', header: '落实率', unit: '%', format: PERCENT, measure: 'share' },
  placementRate: { key: 'rate', header: '毕业去向落实率', unit: '%', format: PERCENT, measure: 'share' },
  salary: { key: 'salary', header: '月均收入', unit: '元', format: FORMAT.int, measure: 'mean' },
  relevance: { key: 'relevance', header: '专业相关度', unit: '%', format: PERCENT, measure: 'mean' },
  satisfaction: { key: 'satisfaction', header: '就业满意度', unit: '%', format: PERCENT, measure: 'mean' },
  n: { key: 'n', header: '人数', unit: '人', format: FORMAT.int, measure: 'count' },
  share: { key: 'share', header: '比例', unit: '%', format: PERCENT, measure: 'share' },
} as const satisfies Record<string, Column>;
