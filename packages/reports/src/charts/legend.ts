import { CHART_FONT_SIZE, HEADER_MIDDLE, textWidth } from './theme.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One legend entry: a line (solid or dashed), a filled swatch, or a band. */
export interface LegendItem {
  label: string;
  color: string;
  shape: 'line' | 'dash' | 'swatch';
  opacity?: number;
}

/** Width of a one-row legend. */
export function legendWidth(items: readonly LegendItem[]): number {
  return items.reduce((w, item) => w + 20 + textWidth(item.label) + 16, -16);
}

/**
 * Draws a one-row legend into `svg` at the right of the header row the chart reserved in its top
 * margin (the y-axis title takes the left). Plot's own legends are HTML beside the SVG;
 * drawing ours inside keeps each chart one self-contained `<svg>`.
 */
export function appendLegend(document: Document, svg: Element, items: readonly LegendItem[]): void {
  const width = Number(svg.getAttribute('width') ?? 640);
  const left = Math.max(8, width - 8 - legendWidth(items));
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('aria-label', 'legend');
  g.setAttribute('font-size', String(CHART_FONT_SIZE));
  g.setAttribute('text-anchor', 'start');
  let x = left;
  const y = HEADER_MIDDLE;
  for (const item of items) {
    if (item.shape === 'swatch') {
      const r = document.createElementNS(SVG_NS, 'rect');
      r.setAttribute('x', String(x));
      r.setAttribute('y', String(y - 6));
      r.setAttribute('width', '16');
      r.setAttribute('height', '12');
      r.setAttribute('fill', item.color);
      if (item.opacity !== undefined) r.setAttribute('fill-opacity', String(item.opacity));
      g.appendChild(r);
    } else {
      const l = document.createElementNS(SVG_NS, 'line');
      l.setAttribute('x1', String(x));
      l.setAttribute('x2', String(x + 16));
      l.setAttribute('y1', String(y));
      l.setAttribute('y2', String(y));
      l.setAttribute('stroke', item.color);
      l.setAttribute('stroke-width', '2');
      if (item.shape === 'dash') l.setAttribute('stroke-dasharray', '4,3');
      g.appendChild(l);
    }
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x + 20));
    t.setAttribute('y', String(y));
    t.setAttribute('dy', '0.35em');
    t.textContent = item.label;
    g.appendChild(t);
    x += 20 + textWidth(item.label) + 16;
  }
  svg.appendChild(g);
}
