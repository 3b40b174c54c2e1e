import * as Plot from '@observablehq/plot';
import { plotWithAxisTitles } from './axes.js';
import { appendLegend } from './legend.js';
import { serializeChart } from './serialize.js';
import { CHART_FONT_FAMILY, HEADER_HEIGHT, maxTextWidth, seriesColor } from './theme.js';

/** One bar: a category, its series (for grouped or stacked bars) and its value (null when withheld). */
export interface BarRow {
  category: string;
  series?: string;
  value: number | null;
}

export interface BarOptions {
  id: string;
  title: string;
  orientation: 'horizontal' | 'vertical';
  /** With more than one series: side by side (`grouped`, default) or on top of each other. */
  layout?: 'grouped' | 'stacked';
  /** Axis label of the values, with its unit. */
  valueLabel?: string;
  /** Keep the rows' category order (a ranking); otherwise sort by total value, largest first. */
  keepOrder?: boolean;
  width?: number;
  /** Number format of the value labels printed at the bar ends. */
  format?: (v: number) => string;
}

const WITHHELD = '*';

/** Categories in drawing order, with each one's total (withheld values count as zero). */
function categoryOrder(rows: readonly BarRow[], keepOrder: boolean): { order: string[]; totals: Map<string, number> } {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.category, (totals.get(r.category) ?? 0) + (r.value ?? 0));
  const order = [...totals.keys()];
  if (!keepOrder) order.sort((a, b) => totals.get(b)! - totals.get(a)! || a.localeCompare(b, 'zh'));
  return { order, totals };
}

/**
 * Whole-number ticks for an axis of small counts (职业个数 up to 10): Plot's own would fall on
 * halves, which no count takes. Nothing otherwise (fractions, negatives, larger values), leaving
 * Plot's choice. `top` is the longest bar: a category's total when stacked, its largest value
 * otherwise.
 */
function countTicks(shown: readonly number[], top: number): { ticks?: number[]; tickFormat?: string } {
  if (!shown.every((v) => Number.isInteger(v) && v >= 0)) return {};
  if (top > 10) return {};
  return { ticks: Array.from({ length: Math.max(top, 1) + 1 }, (_, i) => i), tickFormat: 'd' };
}

/**
 * Bars. Horizontal bars suit rankings with long Chinese labels: the left margin grows to the
 * longest label, every bar carries its value, and a withheld value shows as “*” at zero instead
 * of a bar. Several series are grouped (one band per category, one bar per series) or stacked.
 */
export function barChart(rows: readonly BarRow[], options: BarOptions, document: Document): string {
  const fmt = options.format ?? ((v: number) => `${v}`);
  const { order, totals } = categoryOrder(rows, options.keepOrder ?? false);
  const seriesNames = [...new Set(rows.map((r) => r.series ?? ''))];
  const multi = seriesNames.length > 1;
  const stacked = multi && options.layout === 'stacked';
  const grouped = multi && !stacked;
  const colorOf = new Map(seriesNames.map((s, i) => [s, seriesColor(i)]));
  const data = rows.map((r) => ({ ...r, series: r.series ?? '', shown: r.value ?? 0, label: r.value === null ? WITHHELD : fmt(r.value) }));
  const width = options.width ?? 640;
  const shown = data.map((d) => d.shown);
  const valueTicks = countTicks(shown, Math.max(0, ...(stacked ? totals.values() : shown)));
  const style = { fontFamily: CHART_FONT_FAMILY, fontSize: '12px', background: 'white' };
  const valueTitle = options.valueLabel === undefined ? {} : { [options.orientation === 'horizontal' ? 'x' : 'y']: options.valueLabel };
  // Vertical bars title their value axis in the header row, which a legend shares; horizontal bars title theirs below the plot.
  const header = multi || (options.orientation === 'vertical' && options.valueLabel !== undefined);
  const marginTop = (options.orientation === 'vertical' ? 28 : 12) + (header ? HEADER_HEIGHT : 0);
  const color = { domain: seriesNames, range: seriesNames.map((s) => colorOf.get(s)!) };
  const fill = multi ? 'series' : seriesColor(0);
  let svg: Element;
  if (options.orientation === 'horizontal') {
    const band = grouped ? 14 * seriesNames.length + 8 : 22;
    const marginLeft = maxTextWidth(order) + 14;
    const marginBottom = 30;
    const height = marginTop + marginBottom + 10 + band * order.length;
    const valueMarks = stacked
      ? []
      : [
          Plot.text(data, {
            x: 'shown',
            y: grouped ? 'series' : 'category',
            fy: grouped ? 'category' : undefined,
            text: 'label',
            textAnchor: 'start',
            dx: 4,
          }),
        ];
    svg = plotWithAxisTitles(
      {
        document,
        width,
        height,
        marginTop,
        marginBottom,
        marginLeft,
        marginRight: 48,
        style,
        color,
        x: { grid: true, nice: true, ...valueTicks },
        y: grouped ? { axis: null, domain: seriesNames } : { label: null, domain: order },
        fy: grouped ? { label: null, domain: order, padding: 0.15 } : undefined,
        marks: [
          Plot.barX(data, { x: 'shown', y: grouped ? 'series' : 'category', fy: grouped ? 'category' : undefined, fill }),
          ...valueMarks,
          Plot.ruleX([0]),
        ],
      },
      valueTitle,
    );
  } else {
    const rotate = maxTextWidth(order) > (width - 60) / Math.max(1, order.length) - 6;
    const marginBottom = rotate ? Math.min(160, maxTextWidth(order) * 0.75 + 16) : 32;
    // A value wider than its bar's slot would run into its neighbour's: it then stands upright above the bar.
    const slot = (width - 60) / Math.max(1, order.length * (grouped ? seriesNames.length : 1));
    const labelWidth = maxTextWidth(data.map((d) => d.label));
    const upright = !stacked && labelWidth > slot - 4;
    const at = { x: grouped ? 'series' : 'category', fx: grouped ? 'category' : undefined, y: 'shown', text: 'label' };
    const valueMarks = stacked
      ? []
      : [upright ? Plot.text(data, { ...at, rotate: -90, textAnchor: 'start', dx: 4 }) : Plot.text(data, { ...at, dy: -6 })];
    svg = plotWithAxisTitles(
      {
        document,
        width,
        // A legend's header row comes out of the 320 px; a title's, where no legend makes one, is added to them.
        height: 320 + (header && !multi ? HEADER_HEIGHT : 0) + marginBottom + (upright ? labelWidth : 0),
        marginTop: marginTop + (upright ? labelWidth : 0),
        marginBottom,
        style,
        color,
        x: grouped ? { axis: null, domain: seriesNames } : { label: null, domain: order, tickRotate: rotate ? -40 : 0 },
        fx: grouped ? { label: null, domain: order, padding: 0.15, tickRotate: rotate ? -40 : 0, axis: 'bottom' } : undefined,
        y: { grid: true, nice: true, ...valueTicks },
        marks: [
          Plot.barY(data, { x: grouped ? 'series' : 'category', fx: grouped ? 'category' : undefined, y: 'shown', fill }),
          ...valueMarks,
          Plot.ruleY([0]),
        ],
      },
      valueTitle,
    );
  }
  if (multi) {
    appendLegend(
      document,
      svg,
      seriesNames.map((s) => ({ label: s, color: colorOf.get(s)!, shape: 'swatch' as const })),
    );
  }
  return serializeChart(svg, options.id, options.title);
}
