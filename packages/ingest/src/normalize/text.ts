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
  // Most text has nothing to fold: one regex test, no copy.
  return WIDE.test(text)
    ? text.replace(WIDE_ALL, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - FULLWIDTH_OFFSET)))
    : text;
}
const WIDE = /[\uff01-\uff5e\u3000]/;
const WIDE_ALL = /[\uff01-\uff5e\u3000]/g;

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
