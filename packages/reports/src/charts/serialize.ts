import { CHART_FONT_FAMILY, CHART_FONT_SIZE } from './theme.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const DECIMAL = /-?\d+\.\d+(?:e-?\d+)?/g;
const NUMERIC_ATTRIBUTES = new Set([
  'd',
  'points',
  'transform',
  'x',
  'y',
  'x1',
  'x2',
  'y1',
  'y2',
  'cx',
  'cy',
  'r',
  'width',
  'height',
  'viewBox',
  'dx',
  'dy',
  'stroke-width',
  'fill-opacity',
  'stroke-opacity',
]);

/** Rounds every decimal in `text` to 2 places (sub-pixel digits only make golden files brittle). */
export function roundNumbers(text: string): string {
  return text.replace(DECIMAL, (m) => {
    const r = Math.round(Number(m) * 100) / 100;
    return String(Object.is(r, -0) ? 0 : r);
  });
}

/**
 * The chart as a standalone SVG string: `xmlns` added (Plot leaves it out), the font named,
 * Plot's counter-based ids (`plot-clip-N`) and its class renamed after the chart id so that
 * two charts in one page never collide and the output does not depend on what was drawn
 * before, and coordinates rounded.
 */
export function serializeChart(root: Element, chartId: string, ariaLabel: string): string {
  const svg = root.tagName.toLowerCase() === 'svg' ? root : root.querySelector('svg');
  if (!svg) throw new Error(`chart ${chartId}: Plot returned no <svg>`);
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('font-family', CHART_FONT_FAMILY);
  svg.setAttribute('font-size', String(CHART_FONT_SIZE));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', ariaLabel);
  svg.setAttribute('id', chartId);
  const ids = new Map<string, string>();
  for (const el of Array.from(svg.querySelectorAll('[id]'))) {
    const old = el.getAttribute('id')!;
    const fresh = `${chartId}-${ids.size + 1}`;
    ids.set(old, fresh);
    el.setAttribute('id', fresh);
  }
  for (const el of [svg, ...Array.from(svg.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) {
      let v = attr.value;
      if (NUMERIC_ATTRIBUTES.has(attr.name)) v = roundNumbers(v);
      if (v.includes('#')) v = v.replace(/#(plot-clip-\d+)/g, (m, id: string) => (ids.has(id) ? `#${ids.get(id)}` : m));
      if (v !== attr.value) el.setAttribute(attr.name, v);
    }
  }
  let out = svg.outerHTML;
  const cls = svg.getAttribute('class');
  if (cls && /^plot-[0-9a-f]+$/.test(cls)) out = out.split(cls).join(`chart-${chartId}`);
  return out;
}
