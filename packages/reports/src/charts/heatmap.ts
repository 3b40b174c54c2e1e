import * as Plot from '@observablehq/plot';
import { serializeChart } from './serialize.js';
import { CHART_FONT_FAMILY, maxTextWidth, WITHHELD_FILL } from './theme.js';

/** One cell of a heat map (null when withheld). */
export interface HeatmapRow {
  row: string;
  column: string;
  value: number | null;
}

export interface HeatmapOptions {
  id: string;
  title: string;
  /** Legend title with its unit. */
  legend: string;
  /** Row and column orders (default: as they first appear). */
  rows?: readonly string[];
  columns?: readonly string[];
  width?: number;
  format?: (v: number) => string;
}

const CLASSES = 5;

/**
 * A heat map (e.g. occupation × city): five colour classes of equal width from 0 to the largest
 * value, each cell labelled with its value; withheld cells grey with “*”. Column labels on top,
 * turned when they do not fit.
 */
export function heatmapChart(rows: readonly HeatmapRow[], options: HeatmapOptions, document: Document): string {
  const fmt = options.format ?? ((v: number) => `${v}`);
  const rowOrder = options.rows ?? [...new Set(rows.map((r) => r.row))];
  const colOrder = options.columns ?? [...new Set(rows.map((r) => r.column))];
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0));
  const step = max / CLASSES;
  const width = options.width ?? 680;
  const marginLeft = maxTextWidth(rowOrder) + 12;
  const cellWidth = (width - marginLeft - 8) / Math.max(1, colOrder.length);
  const turn = maxTextWidth(colOrder) > cellWidth - 4;
  const marginTop = 46 + (turn ? Math.ceil(maxTextWidth(colOrder) * 0.72) : 18);
  const height = marginTop + 24 * rowOrder.length + 8;
  const shown = rows.filter((r) => r.value !== null);
  const withheld = rows.filter((r) => r.value === null);
  const classOf = (v: number) => Math.min(CLASSES - 1, Math.floor(v / step));
  const scheme = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];
  const data = shown.map((r) => ({ ...r, cls: classOf(r.value!), label: fmt(r.value!) }));
  const legendItems = scheme.map((c, i) => ({ i, c, label: `${fmt(Math.round(i * step))}–${fmt(Math.round((i + 1) * step))}` }));
  const svg = Plot.plot({
    document,
    width,
    height,
    marginTop,
    marginLeft,
    marginRight: 8,
    marginBottom: 8,
    style: { fontFamily: CHART_FONT_FAMILY, fontSize: '12px', background: 'white' },
    x: { axis: 'top', label: null, domain: colOrder, tickRotate: turn ? -45 : 0, padding: 0.04 },
    y: { label: null, domain: rowOrder, padding: 0.04 },
    color: { type: 'ordinal', domain: scheme.map((_, i) => i), range: scheme },
    marks: [
      Plot.cell(data, { x: 'column', y: 'row', fill: 'cls' }),
      Plot.cell(withheld, { x: 'column', y: 'row', fill: WITHHELD_FILL }),
      Plot.text(data, { x: 'column', y: 'row', text: 'label', fill: (d: { cls: number }) => (d.cls >= 3 ? 'white' : 'black') }),
      Plot.text(withheld, { x: 'column', y: 'row', text: () => '*' }),
    ],
  });
  // Class legend at the top-left: one swatch per class with its value range.
  const ns = 'http://www.w3.org/2000/svg';
  const g = document.createElementNS(ns, 'g');
  g.setAttribute('aria-label', 'legend');
  g.setAttribute('text-anchor', 'start');
  const title = document.createElementNS(ns, 'text');
  title.setAttribute('x', '8');
  title.setAttribute('y', '14');
  title.textContent = options.legend;
  g.appendChild(title);
  let x = 8 + maxTextWidth([options.legend]) + 10;
  for (const item of legendItems) {
    const r = document.createElementNS(ns, 'rect');
    for (const [k, v] of Object.entries({ x: x, y: 6, width: 14, height: 12, fill: item.c, stroke: '#999' })) r.setAttribute(k, String(v));
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', String(x + 18));
    t.setAttribute('y', '14');
    t.textContent = item.label;
    g.appendChild(r);
    g.appendChild(t);
    x += 18 + maxTextWidth([item.label]) + 12;
  }
  svg.appendChild(g);
  return serializeChart(svg, options.id, options.title);
}
