/**
 * Retrieval over the 大典 itself: every code's name (without the generic 人员/工程技术人员 tail) and
 * definition as character bigrams weighted by inverse document frequency. A title is compared with
 * names (and, more weakly, definitions) by cosine, and a title that contains a whole name is noted.
 */
import type { OccupationTree } from './tree.js';

/** One retrieved code. */
export interface CodeMatch {
  code: string;
  /** Cosine of the title's bigrams and the name's, 0–1. */
  name: number;
  /** Cosine with the definition, 0–1. */
  definition: number;
  /** The title contains the name's stem whole (at least three characters, or the whole title). */
  contained: boolean;
}

/** A built index. */
export interface CodeIndex {
  /** The best codes for a text, best first (shared arrays: not to be changed). */
  search(text: string, limit: number): CodeMatch[];
  /** A code's name stem. */
  stem(code: string): string;
}

const TAIL = /(工程技术人员|专业技术人员|专业人员|技术人员|服务人员|生产人员|制造人员|加工人员|操作人员|人员)$/;
const NOT_CJK = /[^\u4e00-\u9fff]/g;
/** Bigrams in more than this share of names or definitions say little (人员, 从事, 进行) and are not indexed. */
const COMMON_NAMES = 0.05;
const COMMON_DEFINITIONS = 0.02;
/** Candidates below these cosines are not returned. */
const MIN_NAME = 0.05;
const MIN_DEFINITION = 0.1;

function bigrams(text: string): string[] {
  const t = text.replace(NOT_CJK, ' ');
  const out: string[] = [];
  for (let i = 0; i + 1 < t.length; i++) {
    if (t[i] !== ' ' && t[i + 1] !== ' ') out.push(t.slice(i, i + 2));
  }
  return out;
}

interface Field {
  /** Bigram → its documents and weights, as parallel arrays. */
  postings: Map<string, { docs: Int32Array; weights: Float64Array }>;
  idf: Map<string, number>;
  norm: Float64Array;
}

function buildField(texts: string[], commonShare: number): Field {
  const df = new Map<string, number>();
  const grams = texts.map((t) => [...new Set(bigrams(t))]);
  for (const g of grams) for (const b of g) df.set(b, (df.get(b) ?? 0) + 1);
  const n = texts.length;
  const idf = new Map<string, number>();
  for (const [b, d] of df) {
    if (d / n > commonShare) continue;
    idf.set(b, Math.log((n + 1) / (d + 0.5)));
  }
  const lists = new Map<string, { doc: number; w: number }[]>();
  const norm = new Float64Array(n);
  grams.forEach((g, doc) => {
    let s = 0;
    for (const b of g) {
      const w = idf.get(b);
      if (w === undefined) continue;
      s += w * w;
      const list = lists.get(b);
      if (list) list.push({ doc, w });
      else lists.set(b, [{ doc, w }]);
    }
    norm[doc] = Math.sqrt(s);
  });
  const postings = new Map<string, { docs: Int32Array; weights: Float64Array }>();
  for (const [b, list] of lists)
    postings.set(b, { docs: Int32Array.from(list, (p) => p.doc), weights: Float64Array.from(list, (p) => p.w) });
  return { postings, idf, norm };
}

/** Builds the index over every code of the tree. */
export function buildCodeIndex(tree: OccupationTree, codes: readonly string[]): CodeIndex {
  const stems = codes.map((c) => (tree.name(c) ?? '').replace(/[（(].*?[)）]/g, '').replace(TAIL, '') || (tree.name(c) ?? ''));
  const names = buildField(stems, COMMON_NAMES);
  const defs = buildField(
    codes.map((c) => tree.definition(c)),
    COMMON_DEFINITIONS,
  );
  const stemOf = new Map(codes.map((c, i) => [c, stems[i]!]));

  // Dot products accumulate in arrays reset through the list of touched documents.
  const nameDot = new Float64Array(codes.length);
  const defDot = new Float64Array(codes.length);
  function score(field: Field, grams: string[], dot: Float64Array, touched: number[]): number {
    let qn = 0;
    for (const b of grams) {
      const w = field.idf.get(b);
      if (w === undefined) continue;
      qn += w * w;
      const list = field.postings.get(b);
      if (!list) continue;
      const { docs, weights } = list;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i]!;
        if (dot[doc] === 0) touched.push(doc);
        dot[doc] = dot[doc]! + w * weights[i]!;
      }
    }
    return Math.sqrt(qn);
  }

  // Role segments recur across titles (销售代表, java开发工程师): results are kept per text and limit.
  let cache = new Map<string, CodeMatch[]>();
  return {
    stem: (code) => stemOf.get(code) ?? '',
    search(text, limit) {
      const key = `${limit}\u0001${text}`;
      const hit = cache.get(key);
      if (hit) return hit;
      if (cache.size >= 50_000) cache = new Map();
      const found = searchUncached(text, limit);
      cache.set(key, found);
      return found;
    },
  };

  function searchUncached(text: string, limit: number): CodeMatch[] {
    const grams = [...new Set(bigrams(text))];
    if (grams.length === 0) return [];
    const nameDocs: number[] = [];
    const defDocs: number[] = [];
    const qn = score(names, grams, nameDot, nameDocs);
    const qd = score(defs, grams, defDot, defDocs);
    // The best `limit` documents by name cosine plus 0.3 × definition cosine, kept in order.
    const bestDoc: number[] = [];
    const bestScore: number[] = [];
    const nameCos = (doc: number) => nameDot[doc]! / (qn * names.norm[doc]!);
    const defCos = (doc: number) => (qd > 0 && defs.norm[doc]! > 0 ? defDot[doc]! / (qd * defs.norm[doc]!) : 0);
    const offer = (doc: number, value: number) => {
      if (bestDoc.length === limit && value <= bestScore[limit - 1]!) return;
      let i = bestDoc.length === limit ? limit - 1 : bestDoc.length;
      while (i > 0 && bestScore[i - 1]! < value) {
        bestDoc[i] = bestDoc[i - 1]!;
        bestScore[i] = bestScore[i - 1]!;
        i--;
      }
      bestDoc[i] = doc;
      bestScore[i] = value;
    };
    for (const doc of nameDocs) {
      const n = nameCos(doc);
      if (n >= MIN_NAME) offer(doc, n + 0.3 * defCos(doc));
    }
    for (const doc of defDocs) {
      if (nameDot[doc]! > 0) continue;
      const d = defCos(doc);
      if (d >= MIN_DEFINITION) offer(doc, 0.3 * d);
    }
    const out: CodeMatch[] = bestDoc.map((doc) => {
      const named = nameDot[doc]! > 0;
      const stem = stems[doc]!;
      return {
        code: codes[doc]!,
        name: named ? nameCos(doc) : 0,
        definition: defCos(doc),
        contained: named && (stem.length >= 3 ? text.includes(stem) : stem.length === 2 && text === stem),
      };
    });
    for (const doc of nameDocs) nameDot[doc] = 0;
    for (const doc of defDocs) defDot[doc] = 0;
    return out;
  }
}
