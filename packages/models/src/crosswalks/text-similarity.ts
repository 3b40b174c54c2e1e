/**
 * Name similarity for Chinese catalog names by terms (see word-terms.ts) weighted with inverse
 * document frequency: terms every name shares (制造, 技术, 服务) weigh little, distinctive ones
 * (汽车, 糖料, 护理) a lot.
 */
import type { BagOfTerms } from './word-terms.js';

/** A document of an index: a code and its weighted terms. */
export interface IndexedDoc {
  code: string;
  bag: BagOfTerms;
}

/** A match of a query against an indexed document. */
export interface Match {
  code: string;
  score: number;
  /** Terms the query and the document share, most informative first. */
  shared: string[];
}

/**
 * Documents indexed for IDF-weighted cosine similarity. Query terms that no document contains
 * are ignored, so words such as 人员 in occupation names do not dilute the score.
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

  /** Inverse document frequency of a term (0 when no document has it). */
  idfOf(term: string): number {
    return this.idf.get(term) ?? 0;
  }

  /** Fraction of the documents that contain a term (0 for an unknown one). */
  commonness(term: string): number {
    return (this.df.get(term) ?? 0) / Math.max(1, this.docs.length);
  }

  /**
   * Documents sharing at least one term with `query`, best first; ties keep index order so the
   * result is reproducible. `filter` restricts the candidates (e.g. to one industry division).
   */
  search(query: BagOfTerms, filter?: (code: string) => boolean): Match[] {
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

/**
 * Fraction of the given names (as bags of terms) that contain each term, for judging how
 * distinctive a term is on the side of the names being matched.
 */
export function commonnessAmong(bags: readonly BagOfTerms[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const bag of bags) for (const t of bag.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return (term) => (df.get(term) ?? 0) / Math.max(1, bags.length);
}
