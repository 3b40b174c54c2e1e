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
  /** The best codes for a text, best first. */
  search(text: string, limit: number): CodeMatch[];
  /** A code's name stem. */
  stem(code: string): string;
}

const TAIL = /(工程技术人员|专业技术人员|专业人员|技术人员|服务人员|生产人员|制造人员|加工人员|操作人员|人员)$/;
/** Bigrams in more than this share of names or definitions say little (人员, 从事, 进行) and are not indexed. */
const COMMON_NAMES = 0.05;
const COMMON_DEFINITIONS = 0.02;
/** Candidates below these cosines are not returned. */
const MIN_NAME = 0.05;
const MIN_DEFINITION = 0.1;

const CJK_FROM = 0x4e00;
const CJK_SPAN = 0xa000 - CJK_FROM;

/**
 * The distinct bigrams of two adjacent CJK characters (U+4E00–U+9FFF) in a text, in order of first
 * appearance, each as one small integer (so that no string is built and keys stay small integers).
 */
function bigrams(text: string): number[] {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - CJK_FROM;
    const cjk = c >= 0 && c < CJK_SPAN;
    if (cjk && prev >= 0) {
      const gram = prev * CJK_SPAN + c;
      if (!out.includes(gram)) out.push(gram);
    }
    prev = cjk ? c : -1;
  }
  return out;
}

/** A field's bigram weights and its documents' postings before packing. */
interface RawField {
  idf: Map<number, number>;
  lists: Map<number, { doc: number; w: number }[]>;
  norm: Float64Array;
}

/**
 * A field packed by bigram id (the ids the two fields share): whether the bigram is indexed, its
 * idf, and the span `from`–`to` of `docs` and `weights` holding its documents.
 */
interface Field {
  indexed: Uint8Array;
  idf: Float64Array;
  from: Int32Array;
  to: Int32Array;
  docs: Int32Array;
  weights: Float64Array;
  norm: Float64Array;
}

function readField(texts: string[], commonShare: number): RawField {
  const df = new Map<number, number>();
  const grams = texts.map((t) => bigrams(t));
  for (const g of grams) for (const b of g) df.set(b, (df.get(b) ?? 0) + 1);
  const n = texts.length;
  const idf = new Map<number, number>();
  for (const [b, d] of df) {
    if (d / n > commonShare) continue;
    idf.set(b, Math.log((n + 1) / (d + 0.5)));
  }
  const lists = new Map<number, { doc: number; w: number }[]>();
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
  return { idf, lists, norm };
}

function packField(raw: RawField, ids: Map<number, number>): Field {
  const indexed = new Uint8Array(ids.size);
  const idf = new Float64Array(ids.size);
  const from = new Int32Array(ids.size);
  const to = new Int32Array(ids.size);
  let total = 0;
  for (const list of raw.lists.values()) total += list.length;
  const docs = new Int32Array(total);
  const weights = new Float64Array(total);
  let at = 0;
  for (const [b, w] of raw.idf) {
    const id = ids.get(b)!;
    indexed[id] = 1;
    idf[id] = w;
    from[id] = at;
    for (const p of raw.lists.get(b) ?? []) {
      docs[at] = p.doc;
      weights[at++] = p.w;
    }
    to[id] = at;
  }
  return { indexed, idf, from, to, docs, weights, norm: raw.norm };
}

/** Builds the index over every code of the tree. */
export function buildCodeIndex(tree: OccupationTree, codes: readonly string[]): CodeIndex {
  const stems = codes.map((c) => (tree.name(c) ?? '').replace(/[（(].*?[)）]/g, '').replace(TAIL, '') || (tree.name(c) ?? ''));
  const rawNames = readField(stems, COMMON_NAMES);
  const rawDefs = readField(
    codes.map((c) => tree.definition(c)),
    COMMON_DEFINITIONS,
  );
  // One id per bigram either field indexes: a query's bigrams are looked up once for both.
  const ids = new Map<number, number>();
  for (const raw of [rawNames, rawDefs]) for (const b of raw.idf.keys()) if (!ids.has(b)) ids.set(b, ids.size);
  const names = packField(rawNames, ids);
  const defs = packField(rawDefs, ids);
  const stemOf = new Map(codes.map((c, i) => [c, stems[i]!]));

  // Dot products accumulate in arrays reset through the list of touched documents.
  const nameDot = new Float64Array(codes.length);
  const defDot = new Float64Array(codes.length);
  function score(field: Field, grams: number[], dot: Float64Array, touched: number[]): number {
    let qn = 0;
    const { docs, weights } = field;
    for (const id of grams) {
      if (!field.indexed[id]) continue;
      const w = field.idf[id]!;
      qn += w * w;
      for (let i = field.from[id]!, end = field.to[id]!; i < end; i++) {
        const doc = docs[i]!;
        if (dot[doc] === 0) touched.push(doc);
        dot[doc] = dot[doc]! + w * weights[i]!;
      }
    }
    return Math.sqrt(qn);
  }

  // Role segments recur across titles (销售代表, java开发工程师): results are kept per text and limit,
  // packed four numbers a match (document, name cosine, definition cosine, contained) since a coder
  // keeps thousands.
  let cache = new Map<string, number[]>();
  const unpack = (packed: number[]): CodeMatch[] => {
    const out: CodeMatch[] = [];
    for (let i = 0; i < packed.length; i += 4)
      out.push({ code: codes[packed[i]!]!, name: packed[i + 1]!, definition: packed[i + 2]!, contained: packed[i + 3] === 1 });
    return out;
  };
  return {
    stem: (code) => stemOf.get(code) ?? '',
    search(text, limit) {
      const key = `${limit}\u0001${text}`;
      const hit = cache.get(key);
      if (hit) return unpack(hit);
      if (cache.size >= 50_000) cache = new Map();
      const found = searchUncached(text, limit);
      cache.set(key, found);
      return unpack(found);
    },
  };

  function searchUncached(text: string, limit: number): number[] {
    const grams: number[] = [];
    for (const b of bigrams(text)) {
      const id = ids.get(b);
      if (id !== undefined) grams.push(id);
    }
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
    const out: number[] = [];
    for (const doc of bestDoc) {
      const named = nameDot[doc]! > 0;
      const stem = stems[doc]!;
      const contained = named && (stem.length >= 3 ? text.includes(stem) : stem.length === 2 && text === stem);
      out.push(doc, named ? nameCos(doc) : 0, defCos(doc), contained ? 1 : 0);
    }
    for (const doc of nameDocs) nameDot[doc] = 0;
    for (const doc of defDocs) defDot[doc] = 0;
    return out;
  }
}
