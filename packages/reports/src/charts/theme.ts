/**
 * Fonts, colours and text metrics shared by every chart. Fonts are named, never embedded: the
 * HTML and the PDF printer use the CJK fonts installed with Chromium (Debian's fonts-noto-cjk).
 */

/** CSS font stack for chart text: Noto first (what the PDF printer has), then common CJK fonts. */
export const CHART_FONT_FAMILY = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';

export const CHART_FONT_SIZE = 12;

/**
 * A line of chart text spans this far above and below its baseline, in em: Noto Sans CJK's ascent
 * and descent, the box a browser gives the text. Text laid out by these boxes cannot touch.
 */
export const TEXT_ASCENT = 1.16;
export const TEXT_DESCENT = 0.29;

/** Height of the row above the plot that holds the legend (at the right) and the y-axis title (at the left). */
export const HEADER_HEIGHT = 24;
/** Middle of that row, where the legend and the y-axis title are set. */
export const HEADER_MIDDLE = 12;

/** Colours: the first for single series; forecast fans reuse the first with lower opacity. */
export const PALETTE = ['#1f5fa8', '#d9822b', '#2e8b57', '#a23b72', '#6b6b6b', '#c9a227', '#3aa0c8', '#8c564b'] as const;

/** Colour of the i-th series. */
export function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

/** Fill of withheld cells in heat maps. */
export const WITHHELD_FILL = '#e6e6e6';

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/**
 * Estimated width of a label in pixels: CJK and full-width characters take one em, others about
 * 0.6 em. Layout on the server cannot measure text, and these fonts are close to that rule.
 */
export function textWidth(text: string, fontSize = CHART_FONT_SIZE): number {
  let em = 0;
  for (const ch of text) em += WIDE.test(ch) ? 1 : 0.6;
  return Math.ceil(em * fontSize);
}

/** Widest label among `labels`. */
export function maxTextWidth(labels: Iterable<string>, fontSize = CHART_FONT_SIZE): number {
  let w = 0;
  for (const l of labels) w = Math.max(w, textWidth(l, fontSize));
  return w;
}
