import * as Plot from '@observablehq/plot';
import { plotWithAxisTitles } from './axes.js';
import { appendLegend } from './legend.js';
import { serializeChart } from './serialize.js';
import { CHART_FONT_FAMILY, HEADER_HEIGHT, seriesColor } from './theme.js';

/** One point of one panel. */
export interface PanelRow {
  group: string;
  x: number;
  y: number | null;
  /** True for forecast points (drawn dashed, joined to the last observed point). */
  forecast?: boolean;
}

export interface SmallMultiplesOptions {
  id: string;
  title: string;
  yLabel: string;
  /** Panels per row (default 3). */
  columns?: number;
  width?: number;
  /** Panel order (default: as the groups first appear). */
  groups?: readonly string[];
}

/**
 * One small line chart per group on a shared y scale, so panels compare by eye; forecasts dashed.
 * Panels wrap into rows of `columns`, each titled with its group name.
 */
export function smallMultiplesChart(rows: readonly PanelRow[], options: SmallMultiplesOptions, document: Document): string {
  const groups = options.groups ?? [...new Set(rows.map((r) => r.group))];
  const cols = Math.max(1, options.columns ?? 3);
  const pos = new Map(groups.map((g, i) => [g, { fx: i % cols, fy: Math.floor(i / cols) }]));
  const color = seriesColor(0);
  const observed: (PanelRow & { fx: number; fy: number })[] = [];
  const forecast: (PanelRow & { fx: number; fy: number })[] = [];
  for (const g of groups) {
    const p = pos.get(g)!;
    const points = rows.filter((r) => r.group === g).sort((a, b) => a.x - b.x);
    const obs = points.filter((r) => !r.forecast);
    const lastObs = [...obs].reverse().find((r) => r.y !== null);
    observed.push(...obs.map((r) => ({ ...r, ...p })));
    const fut = points.filter((r) => r.forecast);
    if (fut.length > 0) forecast.push(...(lastObs ? [{ ...lastObs, ...p }] : []), ...fut.map((r) => ({ ...r, ...p })));
  }
  const years = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const ticks = years.length > 4 ? [years[0]!, years[Math.floor(years.length / 2)]!, years[years.length - 1]!] : years;
  const nRows = Math.ceil(groups.length / cols);
  const width = options.width ?? 680;
  const panelHeight = 130;
  const titles = groups.map((g) => ({ group: g, ...pos.get(g)! }));
  const svg = plotWithAxisTitles(
    {
      document,
      width,
      height: 20 + HEADER_HEIGHT + nRows * (panelHeight + 22) + 30,
      marginTop: 20 + HEADER_HEIGHT + 18,
      marginBottom: 30,
      style: { fontFamily: CHART_FONT_FAMILY, fontSize: '12px', background: 'white' },
      fx: { axis: null, padding: 0.12 },
      fy: { axis: null, padding: 0.18 },
      x: { label: null, ticks, tickFormat: (d: number) => `${d}`, domain: [years[0]!, years[years.length - 1]!], inset: 6 },
      y: { grid: true, zero: true, nice: true, ticks: 4 },
      marks: [
        Plot.frame({ stroke: '#ccc' }),
        Plot.lineY(observed, { x: 'x', y: 'y', fx: 'fx', fy: 'fy', stroke: color, strokeWidth: 1.8 }),
        Plot.lineY(forecast, { x: 'x', y: 'y', fx: 'fx', fy: 'fy', stroke: color, strokeWidth: 1.8, strokeDasharray: '5,3' }),
        Plot.text(titles, { fx: 'fx', fy: 'fy', text: 'group', frameAnchor: 'top-left', dy: -14, fontWeight: 'bold' }),
      ],
    },
    { y: options.yLabel },
  );
  appendLegend(document, svg, [
    { label: '实际值', color, shape: 'line' },
    { label: '预测值', color, shape: 'dash' },
  ]);
  return serializeChart(svg, options.id, options.title);
}
