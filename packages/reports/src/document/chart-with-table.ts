import type { Block, ChartSpec, TableBlock } from './types.js';

/**
 * A chart and the table it is drawn from, printed beside it: `<id>-chart` and `<id>-table`. The
 * table takes the chart's caption unless it names its own (a table that prints more columns than
 * the chart draws).
 */
export function chartWithTable(
  id: string,
  caption: string,
  spec: ChartSpec,
  table: Omit<TableBlock, 'kind' | 'id' | 'caption'> & { caption?: string },
): Block[] {
  return [
    { kind: 'chart', id: `${id}-chart`, caption, table: `${id}-table`, spec },
    { kind: 'table', id: `${id}-table`, caption, ...table },
  ];
}
