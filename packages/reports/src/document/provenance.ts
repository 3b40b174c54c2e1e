import type { Provenance } from './types.js';

/**
 * The source line under a table or chart, naming the warehouse model and the run.
 * @example sourceLine({ model: 'marts.fct_skill_gap', runId: '20251203T0200' })
 * // '资料来源：数据仓库模型 marts.fct_skill_gap，运行编号 20251203T0200。'
 */
export function sourceLine(source: Provenance): string {
  const detail = source.detail ? `（${source.detail}）` : '';
  return `资料来源：数据仓库模型 ${source.model}${detail}，运行编号 ${source.runId}。`;
}
