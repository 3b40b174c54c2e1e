import * as Plot from '@observablehq/plot';
import { plotWithAxisTitles } from './axes.js';
import { appendLegend } from './legend.js';
import { serializeChart } from './serialize.js';
import { CHART_FONT_FAMILY, HEADER_HEIGHT, seriesColor } from './theme.js';

/** One period of a series with its forecast fan; observed and forecast may both be set at the seam. */
export interface FanRow {
  x: number;
  observed?: number | null;
  forecast?: number | null;
  lower80?: number | null;
  upper80?: number | null;
  lower95?: number | null;
  upper95?: number | null;
}

export interface LineFanOptions {
  /** Chart id, unique in the page (ids inside the SVG derive from it). */
  id: string;
  /** Accessible name, e.g. the caption. */
  title: string;
  yLabel: string;
  width?: number;
  height?: number;
  color?: string;
  /** Legend label of the solid line: 实际值, or 估算值 where the past is modelled from observed data. */
  observedLabel?: string;
}

const num = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Observed values as a solid line with dots, the forecast dashed from the last observation on,
 * inside its 80% (darker) and 95% (lighter) intervals. The fan starts at the last observed point,
 * where its width is zero, so the eye follows one line.
 * @example lineFanChart([{ x: 2023, observed: 120 }, { x: 2024, forecast: 130, lower80: 120, upper80: 140, lower95: 112, upper95: 148 }], { id: 'c1', title: '需求', yLabel: '人' }, createChartDocument())
 */
export function lineFanChart(rows: readonly FanRow[], options: LineFanOptions, document: Document): string {
  const color = options.color ?? seriesColor(0);
  const sorted = [...rows].sort((a, b) => a.x - b.x);
  const observed = sorted.filter((r) => num(r.observed)).map((r) => ({ x: r.x, y: r.observed! }));
  const last = observed[observed.length - 1];
  const future = sorted.filter((r) => num(r.forecast) && (!last || r.x > last.x));
  const seam = last ? [{ x: last.x, y: last.y, lower80: last.y, upper80: last.y, lower95: last.y, upper95: last.y }] : [];
  const fan = [
    ...seam,
    ...future.map((r) => ({
      x: r.x,
      y: r.forecast!,
      lower80: r.lower80 ?? r.forecast!,
      upper80: r.upper80 ?? r.forecast!,
      lower95: r.lower95 ?? r.forecast!,
      upper95: r.upper95 ?? r.forecast!,
    })),
  ];
  const years = sorted.map((r) => r.x);
  const width = options.width ?? 640;
  const height = options.height ?? 300;
  const svg = plotWithAxisTitles(
    {
      document,
      width,
      height,
      marginTop: 20 + HEADER_HEIGHT,
      style: { fontFamily: CHART_FONT_FAMILY, fontSize: '12px', background: 'white' },
      x: { label: null, ticks: years, tickFormat: (d: number) => `${d}`, domain: [Math.min(...years), Math.max(...years)], inset: 12 },
      // Not from zero: a band of a few percent around a level of hundreds of thousands would be a line.
      y: { grid: true, nice: true },
      marks: [
        Plot.areaY(fan, { x: 'x', y1: 'lower95', y2: 'upper95', fill: color, fillOpacity: 0.15 }),
        Plot.areaY(fan, { x: 'x', y1: 'lower80', y2: 'upper80', fill: color, fillOpacity: 0.3 }),
        Plot.lineY(fan, { x: 'x', y: 'y', stroke: color, strokeWidth: 2, strokeDasharray: '6,4' }),
        Plot.lineY(observed, { x: 'x', y: 'y', stroke: color, strokeWidth: 2 }),
        Plot.dot(observed, { x: 'x', y: 'y', fill: color, r: 2.5 }),
      ],
    },
    { y: options.yLabel },
  );
  appendLegend(document, svg, [
    { label: options.observedLabel ?? '实际值', color, shape: 'line' },
    { label: '预测值', color, shape: 'dash' },
    { label: '80%预测区间', color, shape: 'swatch', opacity: 0.4 },
    { label: '95%预测区间', color, shape: 'swatch', opacity: 0.15 },
  ]);
  return serializeChart(svg, options.id, options.title);
}
