/**
 * Name similarity for Chinese catalog names by character bigrams weighted with inverse document
 * frequency: words every name shares (制造, 技术, 服务) weigh little, distinctive ones (汽车, 糖,
 * 护理) a lot. Bigrams need no dictionary, so the result does not depend on a segmenter's version.
 */

/** Weighted bigrams of a text; punctuation and spaces break bigrams. */
export type BagOfBigrams = Map<string, number>;

const SEPARATORS = /[\s、，,。．.；;：:（）()“”"'《》/·\-—_0-9A-Za-z]+/u;

/** Bigrams of `text`, each with `weight` (repeats add up). */
export function bigrams(text: string, weight = 1, into: BagOfBigrams = new Map()): BagOfBigrams {
  for (const part of text.split(SEPARATORS)) {
    const chars = [...part];
    if (chars.length === 1) into.set(chars[0]!, (into.get(chars[0]!) ?? 0) + weight);
    for (let i = 0; i + 1 < chars.length; i++) {
      const b = chars[i]! + chars[i + 1]!;
      into.set(b, (into.get(b) ?? 0) + weight);
    }
  }
  return into;
}

/** A document of an index: a code and its weighted bigrams. */
export interface IndexedDoc {
  code: string;
  bag: BagOfBigrams;
}

/** A match of a query against an indexed document. */
export interface Match {
  code: string;
  score: number;
  /** Bigrams the query and the document share, most informative first. */
  shared: string[];
}

/**
 * Documents indexed for IDF-weighted cosine similarity. Query bigrams that no document contains
 * are ignored, so suffixes like 人员 or 工 in occupation names do not dilute the score.
 */
export class SimilarityIndex {
  private readonly idf = new Map<string, number>();
  private readonly norms = new Map<string, number>();
  private readonly df = new Map<string, number>();

  constructor(readonly docs: IndexedDoc[]) {
    const df = this.df;
    for (const d of docs) for (const b of d.bag.keys()) df.set(b, (df.get(b) ?? 0) + 1);
    for (const [b, n] of df) this.idf.set(b, Math.log(1 + docs.length / n));
    for (const d of docs) {
      let s = 0;
      for (const [b, w] of d.bag) s += (w * this.idf.get(b)!) ** 2;
      this.norms.set(d.code, Math.sqrt(s));
    }
  }

  /** Inverse document frequency of a bigram (0 when no document has it). */
  idfOf(bigram: string): number {
    return this.idf.get(bigram) ?? 0;
  }

  /** Fraction of the documents that contain a bigram (0 for an unknown one). */
  commonness(bigram: string): number {
    return (this.df.get(bigram) ?? 0) / Math.max(1, this.docs.length);
  }

  /**
   * Documents sharing at least one bigram with `query`, best first; ties keep index order so the
   * result is reproducible. `filter` restricts the candidates (e.g. to one industry division).
   */
  search(query: BagOfBigrams, filter?: (code: string) => boolean): Match[] {
    let qn = 0;
    for (const [b, w] of query) qn += (w * this.idfOf(b)) ** 2;
    if (qn === 0) return [];
    qn = Math.sqrt(qn);
    const out: Match[] = [];
    for (const d of this.docs) {
      if (filter && !filter(d.code)) continue;
      let dot = 0;
      const shared: [string, number][] = [];
      for (const [b, w] of query) {
        const dw = d.bag.get(b);
        if (dw === undefined) continue;
        const idf = this.idfOf(b);
        dot += w * dw * idf * idf;
        shared.push([b, idf]);
      }
      if (dot === 0) continue;
      out.push({ code: d.code, score: dot / (qn * this.norms.get(d.code)!), shared: shared.sort((a, b) => b[1] - a[1]).map(([b]) => b) });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}
