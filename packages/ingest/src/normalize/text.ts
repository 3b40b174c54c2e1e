/**
 * Shared text helpers for the normalisers: width folding and a bounded memo.
 * Postings repeat the same salary, place and requirement strings thousands of times, so every
 * normaliser caches by its distinct input string.
 */

const FULLWIDTH_OFFSET = 0xfee0;

/**
 * Folds full-width ASCII (`ＡＢＣ１２３（）`) and the ideographic space to half width, and maps the
 * dash and tilde look-alikes that platforms use in ranges (`～ — – 至 到` are handled by callers).
 * @example toHalfWidth('１５－２５Ｋ') // '15-25K'
 */
export function toHalfWidth(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - FULLWIDTH_OFFSET);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else out += text[i];
  }
  return changed ? out : text;
}

/**
 * Strips a Python list literal wrapper (`['1-1.5万/月']`, `[]`) that one 51job scrape put around
 * every cell; several list items are joined with a space.
 */
export function unwrapListLiteral(text: string): string {
  const t = text.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return t;
  const inner = t.slice(1, -1).trim();
  if (inner === '') return '';
  const items = inner.match(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g);
  if (!items) return inner;
  return items.map((s) => s.slice(1, -1).trim()).join(' ');
}

/** A memo over one-string functions that forgets everything once it holds `max` keys. */
export function memoize<T>(fn: (key: string) => T, max = 200_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key: string) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as T;
    const value = fn(key);
    // Clearing wholesale keeps the hot path to one Map lookup; the working set refills quickly.
    if (cache.size >= max) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
