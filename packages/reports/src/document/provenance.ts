import { RECORD_KINDS, kindDefinition } from '@talent/models';
import type { Provenance } from './types.js';

/** How readers are told that figures come from the platform's own projections. */
export const PROJECTION_SOURCE = '本平台人才供需预测';

// Readers know data by what it records, not by the warehouse table that holds it; the table stays
// traceable in the HTML's data-model attribute, the workbook's 说明 sheet and the 数据来源 section.
const KIND_SOURCES = new Map<string, string>(
  RECORD_KINDS.map((kind) => {
    const def = kindDefinition(kind);
    return [def.coreTable, `${def.label}数据`];
  }),
);

/** A model the platform's projection writes: its rows are a forecast vintage's, not loaded data. */
export function isProjectionModel(model: string): boolean {
  return model.startsWith('marts.') || model === 'meta.projection_runs';
}

/**
 * The data a warehouse model's rows stand for, in the words of a source line: a loaded kind's label,
 * or the platform's projection for the projection marts and their vintages.
 * @example sourceName('core.graduate_outcome') // '毕业去向数据'
 */
export function sourceName(model: string): string {
  const kind = KIND_SOURCES.get(model);
  if (kind) return kind;
  if (isProjectionModel(model)) return PROJECTION_SOURCE;
  return '本平台数据仓库';
}

/**
 * The source line under a table or chart, naming the data and the run.
 * @example sourceLine({ model: 'marts.fct_talent_gap', runId: '20251203T0200' })
 * // '资料来源：本平台人才供需预测，运行编号 20251203T0200。'
 */
export function sourceLine(source: Provenance): string {
  const detail = source.detail ? `（${source.detail}）` : '';
  return `资料来源：${sourceName(source.model)}${detail}，运行编号 ${source.runId}。`;
}
