import { barChart } from '../charts/bars.js';
import { heatmapChart } from '../charts/heatmap.js';
import { lineFanChart } from '../charts/line-fan.js';
import { smallMultiplesChart } from '../charts/small-multiples.js';
import { cellDetail, cellNumber, cellValue } from '../document/cells.js';
import { formatNumber } from '../document/format-number.js';
import type { ChartBlock, Column, Row, TableBlock } from '../document/types.js';

function column(table: TableBlock, key: string): Column {
  const c = table.columns.find((col) => col.key === key);
  if (!c) throw new Error(`table ${table.id} has no column ${key}`);
  return c;
}

const label = (row: Row, key: string) => String(cellValue(row.cells[key]) ?? row.key);
const isWithheld = (row: Row, key: string) => cellDetail(row.cells[key]).withheld !== undefined;
const isEmpty = (row: Row, key: string) => !isWithheld(row, key) && cellNumber(row.cells[key]) === null;
/**
 * A value axis's label: for one series the column's header and its unit (the column's, else the
 * table's); for several, whose names the legend gives, the unit alone (单位：人).
 */
export function unitLabel(columns: readonly Column[], table: TableBlock): string {
  const c = columns[0]!;
  const unit = c.unit ?? table.unit;
  if (columns.length > 1) return unit ? `单位：${unit}` : columns.map((x) => x.header).join('、');
  return unit ? `${c.header}（${unit}）` : c.header;
}

/**
 * Draws a chart block from its table: the chart sees exactly the cells the table publishes
 * (withheld cells arrive as null and are drawn as “*” or left out), and total rows are skipped.
 */
export function renderChartBlock(chart: ChartBlock, table: TableBlock, title: string, document: Document): string {
  // Totals and 其中 sub-rows would be drawn as if they were categories beside their parts.
  const rows = table.rows.filter((r) => !r.total && !r.level);
  const spec = chart.spec;
  switch (spec.type) {
    case 'line-fan':
      return lineFanChart(
        rows.map((r) => ({
          x: cellNumber(r.cells[spec.x]) ?? Number(r.key),
          observed: cellNumber(r.cells[spec.observed]),
          forecast: cellNumber(r.cells[spec.forecast]),
          lower80: cellNumber(r.cells[spec.lower80]),
          upper80: cellNumber(r.cells[spec.upper80]),
          lower95: cellNumber(r.cells[spec.lower95]),
          upper95: cellNumber(r.cells[spec.upper95]),
        })),
        { id: chart.id, title, yLabel: spec.yLabel, observedLabel: spec.observedLabel },
        document,
      );
    case 'bars': {
      const valueColumns = spec.values.map((k) => column(table, k));
      const first = valueColumns[0]!;
      return barChart(
        rows.flatMap((r) =>
          valueColumns
            .filter((c) => !isEmpty(r, c.key))
            .map((c) => ({
              category: label(r, spec.category),
              series: valueColumns.length > 1 ? c.header : undefined,
              value: cellNumber(r.cells[c.key]),
            })),
        ),
        {
          id: chart.id,
          title,
          orientation: spec.orientation,
          layout: spec.layout,
          keepOrder: spec.keepOrder,
          valueLabel: unitLabel(valueColumns, table),
          format: (v) => formatNumber(v, first.format),
        },
        document,
      );
    }
    case 'heatmap': {
      const cols = spec.columns.map((k) => column(table, k));
      return heatmapChart(
        rows.flatMap((r) =>
          cols
            .filter((c) => !isEmpty(r, c.key))
            .map((c) => ({ row: label(r, spec.rowLabel), column: c.header, value: cellNumber(r.cells[c.key]) })),
        ),
        {
          id: chart.id,
          title,
          legend: spec.legend,
          rows: rows.map((r) => label(r, spec.rowLabel)),
          columns: cols.map((c) => c.header),
          format: (v) => formatNumber(v, cols[0]!.format),
        },
        document,
      );
    }
    case 'small-multiples':
      return smallMultiplesChart(
        rows.flatMap((r) =>
          spec.series
            .filter((p) => !isEmpty(r, p.column))
            .map((p) => ({ group: label(r, spec.group), x: p.x, y: cellNumber(r.cells[p.column]), forecast: p.forecast ?? false })),
        ),
        { id: chart.id, title, yLabel: spec.yLabel, columns: spec.columns },
        document,
      );
  }
}
