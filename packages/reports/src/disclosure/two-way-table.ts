import type { CountSystem } from './count-system.js';

/**
 * Adds a two-way table of one measure with its row, column and grand totals to a system, from
 * the interior counts (totals computed, so the table adds up by construction). Returns the keys.
 * Tables added for the same measure share their margins: two tables by city × industry and
 * city × education share the city totals and the grand total.
 */
export function addTwoWayTable(
  system: CountSystem,
  measure: string,
  rowDim: string,
  colDim: string,
  interior: Readonly<Record<string, Readonly<Record<string, number>>>>,
): void {
  const rows = new Map(Object.entries(interior).map(([r, cols]) => [r, new Map(Object.entries(cols))]));
  const colTotals = new Map<string, number>();
  let grand = 0;
  for (const [r, cols] of rows) {
    let rowTotal = 0;
    for (const [c, v] of cols) {
      system.add(measure, { [rowDim]: r, [colDim]: c }, v);
      rowTotal += v;
      colTotals.set(c, (colTotals.get(c) ?? 0) + v);
    }
    system.add(measure, { [rowDim]: r }, rowTotal);
    grand += rowTotal;
  }
  for (const [c, v] of colTotals) system.add(measure, { [colDim]: c }, v);
  system.add(measure, {}, grand);
}
