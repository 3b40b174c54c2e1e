import * as Plot from '@observablehq/plot';
import { CHART_FONT_SIZE, HEADER_MIDDLE, maxTextWidth, TEXT_ASCENT, TEXT_DESCENT } from './theme.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** From the axis line to its tick labels: Plot's tick length (6) and tick padding (3). */
const TICK_OFFSET = 9;
/** Where Plot sets a tick label's baseline, in em from its anchor: below a bottom tick, beside a left one. */
const BOTTOM_TICK_SHIFT = 0.71;
const LEFT_TICK_SHIFT = 0.32;
/** Clear space between an axis title and the tick labels. */
const GAP = 4;
/** Clear space between text and the chart's edge. */
const EDGE = 3;

/**
 * Axis titles the chart draws instead of Plot. Only the placements the charts use: the x axis
 * at the bottom, the y axis at the left.
 */
export interface AxisTitles {
  /** Title of the bottom x axis: right-aligned, in its own row below the tick labels. */
  x?: string;
  /** Title of the left y axis: in the header row, above the tick labels, from the left edge. */
  y?: string;
}

interface Margins {
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
}

const ascent = TEXT_ASCENT * CHART_FONT_SIZE;
const descent = TEXT_DESCENT * CHART_FONT_SIZE;

/** Text of the tick labels Plot drew for an axis (every facet's). */
function tickLabels(svg: Element, axis: 'x' | 'y'): string[] {
  return Array.from(svg.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`)).map((t) => t.textContent ?? '');
}

/** How far below the axis line level tick labels reach: one line of text, whatever it says. */
const LEVEL_TICK_DEPTH = TICK_OFFSET + (BOTTOM_TICK_SHIFT + TEXT_DESCENT) * CHART_FONT_SIZE;

/** How far below the axis line the tick labels reach, turned by `rotate` degrees or level. */
function bottomTickDepth(labels: readonly string[], rotate: number): number {
  if (labels.length === 0) return 0;
  if (rotate === 0) return LEVEL_TICK_DEPTH;
  const turn = (Math.abs(rotate) * Math.PI) / 180;
  return TICK_OFFSET + maxTextWidth(labels) * Math.sin(turn) + (ascent + descent) * Math.cos(turn);
}

/** Baseline of the y title: the legend's, so the two read as one header row. */
const Y_TITLE_BASELINE = HEADER_MIDDLE + 0.35 * CHART_FONT_SIZE;

/** Top margin under a y title: the top tick label, centred on the plot's top edge, starts below the title's row. */
const Y_TITLE_MARGIN_TOP = Math.ceil(Y_TITLE_BASELINE + descent + GAP + ascent - LEFT_TICK_SHIFT * CHART_FONT_SIZE);

/** Bottom margin that holds an x title set `baseline` below the plot. */
const marginUnder = (baseline: number) => Math.ceil(baseline + descent);

/**
 * Margins known before Plot draws: the y title's row and, below level tick labels, the x title's
 * row take the same room whatever the labels say. An x axis Plot is told not to draw keeps its
 * margin, as it has no tick labels to clear.
 */
function marginsBeforeDrawing(options: Plot.PlotOptions, titles: AxisTitles, given: Margins): Margins {
  const margins = { ...given };
  if (titles.y !== undefined) margins.marginTop = Math.max(margins.marginTop, Y_TITLE_MARGIN_TOP);
  if (titles.x !== undefined && (options.x?.tickRotate ?? 0) === 0 && options.x?.axis !== null) {
    margins.marginBottom = Math.max(margins.marginBottom, marginUnder(LEVEL_TICK_DEPTH + GAP + ascent));
  }
  return margins;
}

/** Margins that hold the tick labels Plot drew in `svg` and the titles beside them. */
function neededMargins(svg: Element, options: Plot.PlotOptions, titles: AxisTitles, current: Margins): Margins {
  const next = { ...current };
  if (titles.y !== undefined) {
    // Tick labels end TICK_OFFSET left of the axis: their widest must not run off the chart.
    next.marginLeft = Math.max(next.marginLeft, Math.ceil(TICK_OFFSET + maxTextWidth(tickLabels(svg, 'y')) + EDGE));
    next.marginTop = Math.max(next.marginTop, Y_TITLE_MARGIN_TOP);
  }
  if (titles.x !== undefined) next.marginBottom = Math.max(next.marginBottom, marginUnder(xTitleBaseline(svg, options)));
  return next;
}

const sameMargins = (a: Margins, b: Margins) =>
  a.marginTop === b.marginTop && a.marginBottom === b.marginBottom && a.marginLeft === b.marginLeft;

/** Baseline of the x title below the plot's bottom edge: a gap below the lowest tick label. */
function xTitleBaseline(svg: Element, options: Plot.PlotOptions): number {
  return bottomTickDepth(tickLabels(svg, 'x'), options.x?.tickRotate ?? 0) + GAP + ascent;
}

function titleText(document: Document, axis: 'x' | 'y', text: string, x: number, y: number, anchor: 'start' | 'end'): Element {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('aria-label', `${axis}-axis label`);
  g.setAttribute('text-anchor', anchor);
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.textContent = text;
  g.appendChild(t);
  return g;
}

/**
 * `Plot.plot` with axis titles set clear of the tick labels. Plot puts a title a fixed distance
 * from its axis whatever the tick labels take: an x title meets the last tick label, and y tick
 * labels of six digits pass the chart's left edge. Here the title rows are set aside before
 * drawing where their room is known; then the tick labels Plot chose are measured (estimated
 * widths) and, where they need more room, the chart is drawn again with the margins grown to hold
 * them. The plot area keeps its height: the chart grows by what the top and bottom margins gain;
 * the left margin is taken from the plot's width.
 */
export function plotWithAxisTitles(options: Plot.PlotOptions & { document: Document }, titles: AxisTitles): Element {
  const given: Margins = {
    marginTop: options.marginTop ?? 20,
    marginBottom: options.marginBottom ?? 30,
    // Room for four-digit tick labels: charts of small figures keep one left edge.
    marginLeft: options.marginLeft ?? 48,
  };
  const plotHeight = (options.height ?? 400) - given.marginTop - given.marginBottom;
  const draw = (m: Margins) =>
    Plot.plot({
      ...options,
      ...m,
      height: plotHeight + m.marginTop + m.marginBottom,
      // The titles are drawn below, where these margins leave room for them.
      x: options.x && { ...options.x, label: null },
      y: options.y && { ...options.y, label: null },
    });
  let margins = marginsBeforeDrawing(options, titles, given);
  let svg: Element = draw(margins);
  // Measured from the given margins: an x axis drawn without tick labels needs less than was set aside.
  const needed = neededMargins(svg, options, titles, given);
  if (!sameMargins(needed, margins)) {
    margins = needed;
    svg = draw(margins);
    // Turned tick labels reach as deep as their text is wide, and a continuous x axis picks its
    // ticks by the plot's width, which the left margin has just changed.
    if (titles.x !== undefined && (options.x?.tickRotate ?? 0) !== 0) {
      const deeper = neededMargins(svg, options, titles, margins);
      if (!sameMargins(deeper, margins)) {
        margins = deeper;
        svg = draw(margins);
      }
    }
  }
  const width = options.width ?? 640;
  if (titles.y !== undefined) svg.appendChild(titleText(options.document, 'y', `↑ ${titles.y}`, EDGE, Y_TITLE_BASELINE, 'start'));
  if (titles.x !== undefined) {
    const baseline = margins.marginTop + plotHeight + xTitleBaseline(svg, options);
    svg.appendChild(titleText(options.document, 'x', `${titles.x} →`, width - EDGE, baseline, 'end'));
  }
  return svg;
}
