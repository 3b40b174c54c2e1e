/**
 * The terms a catalog name is compared by: the words of the name as jieba segments it (its bundled
 * dictionary, plus {@link EXTRA_WORDS}; its HMM joins runs the dictionary lacks, such as 代驾员),
 * broken down into the smallest parts that still mean the same thing. Two names can then only
 * share a term that is a word, or a part of a word, in both: 计算 (calculation) in 计算语言学 never
 * meets 计算机 (computer), and 验技 across 试验/技术 never meets 检验技师, while 汽车 in
 * 汽车制造与试验技术 meets 汽车 in 汽车装调工.
 *
 * A word is broken down when it is
 * - a compound of dictionary words of two or more characters (临床医学 → 临床 医学, 技术人员 →
 *   技术 人员), taking the split into the fewest parts;
 * - a stem plus one of {@link SUFFIXES}, which name the person, field, place or kind of the stem
 *   without changing its subject (护理员 → 护理, 语言学 → 语言, 检察院 → 检察), when the stem is a
 *   dictionary word or the whole word is not (代驾员 → 代驾).
 * Any other word stays whole and matches only itself: 计算机, 机器人 and 化妆品 name something
 * the stem does not. Single characters (与, 及, 工, 茶) are no terms.
 *
 * jieba is pinned (`@node-rs/jieba` 2.0.3) so that the terms, and the crosswalks derived from them,
 * are reproducible; it is loaded on first use because its dictionary is large and most users of
 * this package never derive crosswalks.
 */
import { createRequire } from 'node:module';
import type * as JiebaModule from '@node-rs/jieba';
import type * as JiebaDict from '@node-rs/jieba/dict.js';

/**
 * Final characters that leave a stem's subject unchanged: persons (员 工 师 家 者 士 匠 手 官 长),
 * fields and groupings (学 科 类 业), places and bodies (院 馆 站 厂 店 所 局 社 室: 检察院 is
 * where 检察 is done) and -ization/-ness (化 性). Characters that make a new thing (机 器 车 品 网
 * 人 …) are not among them.
 */
export const SUFFIXES: ReadonlySet<string> = new Set([...'员工师家者士匠手官长学科类业院馆站厂店所局社室化性']);

/**
 * Words the catalogs use on both sides that jieba's dictionary lacks, or rates too low to win:
 * without them 云计算 is cut 云/计算, so that 计算 alone would tie 计算语言学 to
 * 云计算工程技术人员, 大/数据 would tie every 数据 name to 大数据, and 中西面点 is cut 中/西面/点.
 */
export const EXTRA_WORDS: readonly string[] = ['大数据', '云计算', '物联网', '区块链', '新媒体', '全媒体', '智能网联', '面点'];

/** Punctuation, digits and Latin letters end a word: they never join two parts of a name. */
const SEPARATORS = /[\s、，,。．.；;：:（）()“”"'《》/·\-—_0-9A-Za-z]+/u;

interface Segmenter {
  cut: (text: string) => string[];
  isWord: (word: string) => boolean;
}

let segmenter: Segmenter | undefined;

function loadSegmenter(): Segmenter {
  if (segmenter) return segmenter;
  // A CommonJS native module: required synchronously so that the derivation stays synchronous.
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as typeof JiebaModule;
  const { dict } = require('@node-rs/jieba/dict.js') as typeof JiebaDict;
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(EXTRA_WORDS.map((w) => `${w} 1000 n`).join('\n')));
  const words = new Set<string>(EXTRA_WORDS);
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const end = line.indexOf(' ');
    if (end >= 2) words.add(line.slice(0, end));
  }
  segmenter = { cut: (text) => jieba.cut(text, true), isWord: (w) => words.has(w) };
  return segmenter;
}

/**
 * The fewest dictionary words of at least two characters that spell `chars` (at least two of
 * them), or null. Among splits into as many parts, the one with the longest first part wins, so
 * the result does not depend on search order.
 */
function compoundParts(chars: string[], isWord: (w: string) => boolean): string[] | null {
  const n = chars.length;
  // best[i]: fewest parts spelling chars[i..n), with the first part's end.
  const best: ({ parts: number; end: number } | null)[] = new Array<{ parts: number; end: number } | null>(n + 1).fill(null);
  best[n] = { parts: 0, end: n };
  for (let i = n - 2; i >= 0; i--) {
    for (let end = n; end >= i + 2; end--) {
      if (i === 0 && end === n) continue;
      const rest = best[end];
      if (!rest || !isWord(chars.slice(i, end).join(''))) continue;
      if (!best[i] || rest.parts + 1 < best[i]!.parts) best[i] = { parts: rest.parts + 1, end };
    }
  }
  if (!best[0]) return null;
  const parts: string[] = [];
  for (let i = 0; i < n; i = best[i]!.end) parts.push(chars.slice(i, best[i]!.end).join(''));
  return parts;
}

const partsCache = new Map<string, string[]>();

/** The terms of one word (see the module comment). */
export function wordParts(word: string): string[] {
  const cached = partsCache.get(word);
  if (cached) return cached;
  const { isWord } = loadSegmenter();
  const chars = [...word];
  let parts: string[];
  if (chars.length < 2) parts = [];
  else if (chars.length === 2) parts = [word];
  else {
    const compound = compoundParts(chars, isWord);
    const stem = chars.slice(0, -1).join('');
    if (compound) parts = compound.flatMap(wordParts);
    else if (SUFFIXES.has(chars[chars.length - 1]!) && (!isWord(word) || isWord(stem) || compoundParts(chars.slice(0, -1), isWord)))
      parts = wordParts(stem);
    else parts = [word];
  }
  partsCache.set(word, parts);
  return parts;
}

/** What a name is compared by (see the module comment). */
export interface NameTerms {
  /** The parts of its words, in order, repeats kept. */
  words: string[];
  /**
   * Every two parts that follow each other with nothing between them (智能制造 in
   * 智能/制造/工程), in order: the evidence of a phrase, two words that may each be common but
   * rarely meet. A single character such as 与 or a punctuation mark between two parts breaks
   * the pair.
   */
  phrases: string[];
}

/** The words and phrases of a name. */
export function nameTerms(text: string): NameTerms {
  const { cut } = loadSegmenter();
  const out: NameTerms = { words: [], phrases: [] };
  for (const segment of text.split(SEPARATORS)) {
    let previous: string | undefined;
    for (const word of segment ? cut(segment) : []) {
      const parts = wordParts(word);
      if (!parts.length) previous = undefined;
      for (const part of parts) {
        out.words.push(part);
        if (previous !== undefined) out.phrases.push(previous + part);
        previous = part;
      }
    }
  }
  return out;
}

/** Weighted terms of a text; see {@link terms}. */
export type BagOfTerms = Map<string, number>;

/**
 * Adds the words of `text` to `into`, each with `weight` (repeats add up), and its phrases with
 * weight 0: a phrase never moves a similarity score, which the words already make, but a shared
 * phrase is evidence that two names are related.
 */
export function terms(text: string, weight = 1, into: BagOfTerms = new Map()): BagOfTerms {
  const { words, phrases } = nameTerms(text);
  for (const w of words) into.set(w, (into.get(w) ?? 0) + weight);
  for (const p of phrases) into.set(p, into.get(p) ?? 0);
  return into;
}
