import type { ChartBlock, Column, Row, TableBlock } from '../document/types.js';
import { FORMAT, persons, round, source, type PublicationContext } from './context.js';

export interface SupplyDemandRow {
  key: string;
  label: string;
  demand: number;
  supply: number;
  gap: number;
}

/** The 合计 row of rows that partition a total. */
export function totalRow(rows: readonly SupplyDemandRow[]): SupplyDemandRow {
  const sum = (key: 'demand' | 'supply' | 'gap') => rows.reduce((s, r) => s + r[key], 0);
  return { key: 'total', label: '合计', demand: sum('demand'), supply: sum('supply'), gap: sum('gap') };
}

/** Grouped demand and supply bars drawn from a {@link supplyDemandTable} (whose id is `table`). */
export function supplyDemandChart(id: string, caption: string, table: string, orientation: 'vertical' | 'horizontal'): ChartBlock {
  return {
    kind: 'chart',
    id,
    caption,
    table,
    spec: { type: 'bars', category: 'label', values: ['demand', 'supply'], layout: 'grouped', orientation, keepOrder: true },
  };
}

/** A 需求 / 供给 / 缺口 / 需求供给比 table of projected figures, with an optional total row. */
export function supplyDemandTable(
  ctx: PublicationContext,
  id: string,
  caption: string,
  labelHeader: string,
  rows: readonly SupplyDemandRow[],
  model: string,
  detail: string,
  total?: SupplyDemandRow,
): TableBlock {
  const cells = (r: SupplyDemandRow) => ({
    label: r.label,
    demand: persons(r.demand),
    supply: persons(r.supply),
    gap: persons(r.gap),
    ratio: r.supply > 0 ? round(r.demand / r.supply, 2) : null,
  });
  const out: Row[] = rows.map((r) => ({ key: r.key, cells: cells(r) }));
  if (total) out.push({ key: 'total', total: true, cells: cells(total) });
  const columns: Column[] = [
    { key: 'label', header: labelHeader, format: FORMAT.text, measure: 'other' },
    { key: 'demand', header: '岗位需求', format: FORMAT.int, measure: 'other' },
    { key: 'supply', header: '人才供给', format: FORMAT.int, measure: 'other' },
    { key: 'gap', header: '供需缺口', format: FORMAT.int, measure: 'other' },
    { key: 'ratio', header: '需求供给比', format: FORMAT.dec2, measure: 'other' },
  ];
  return { kind: 'table', id, caption, unit: '人', columns, rows: out, source: source(ctx, model, detail) };
}
