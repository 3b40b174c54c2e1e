/**
 * The learned part of the coder: a log-linear model over candidate codes. A candidate's score is
 * the sum of its class-specific lexical weights (n-gram → code) and of shared weights on the
 * evidence that proposed it (alias tier, composition, 大典 retrieval), on the title's head class ×
 * the code's 大类, on the code's level and on its prior. Probabilities are a softmax over the
 * candidates; the decision backs off to the coarsest level it is sure of, and the stated
 * confidence is the probability mapped through a calibration per stated level (Platt scaling) fitted
 * on cross-validated training predictions. The weights are data
 * (`datasets/dictionaries/occupation_model.json`), the calibration too
 * (`datasets/dictionaries/occupation_calibration.json`).
 */
import { NONE, type Evidence, type TitleAnalysis } from './features.js';
import { isItCode } from './lexicon.js';
import { levelDepth, truncateCode, type OccupationLevel, type OccupationTree } from './tree.js';

/** The model as stored. */
export interface OccupationModelData {
  format: 1;
  /** How the weights were made (data, folds, settings, cross-validated figures). */
  about: Record<string, unknown>;
  /** Class codes; `none` is the class of titles that decide nothing. */
  classes: string[];
  /** Lexical feature → flat pairs `[classIndex, weight × 1000, …]`. */
  lexical: Record<string, number[]>;
  /** Shared feature → weight. */
  shared: Record<string, number>;
  /** log(1 + training count) by class index. */
  prior: number[];
  /** Back-off thresholds: state a code at a level only if its probability reaches the threshold. */
  decision: DecisionThresholds;
}

/** Platt scaling: confidence = σ(a · logit(p) + b) of the decided probability p. */
export interface PlattMap {
  a: number;
  b: number;
  /** Held-out titles stated at the level that the map was fitted on (0: the pooled map is used). */
  n: number;
}

/** The coder's calibration as stored: one map per level the coder states. */
export interface OccupationCalibration {
  format: 1;
  /** How it was fitted (data, folds, cross-fitted reliability on the train split). */
  about: Record<string, unknown>;
  levels: Record<OccupationLevel, PlattMap>;
}

/** When a code is stated at 细类, at a coarser level, or not at all. */
export interface DecisionThresholds {
  /** Minimum probability of a code to state it at its own (finest) level. */
  exact: number;
  /** Minimum probability of a 小类 (the mass of the codes below it) to state it. */
  minor: number;
  /** Minimum probability of a 中类 to state it; below it the 大类 is stated. */
  middle: number;
  /** The no-occupation class wins when it is the most probable and at least this probable. */
  none: number;
}

/** A title's lexical score per class code (0 for a code its words do not touch). */
export interface LexicalScores {
  get(code: string): number;
  /** The `k` codes with the highest scores (ties: the first touched). */
  top(k: number): string[];
}

/** Weights as the scorer reads them (the stored model or the trainer's working copy). */
export interface WeightSource {
  /** Sums the lexical weights of a title's features per class code. */
  lexical(features: readonly string[]): LexicalScores;
  shared(name: string): number;
  prior(code: string): number;
}

/** The `k` highest of `(code, score)` pairs in the order given; an earlier pair wins a tie. */
export function topScored(pairs: Iterable<[string, number]>, k: number): string[] {
  const codes: string[] = [];
  const scores: number[] = [];
  for (const [code, score] of pairs) {
    if (codes.length === k && score <= scores[k - 1]!) continue;
    let i = codes.length === k ? k - 1 : codes.length;
    while (i > 0 && scores[i - 1]! < score) {
      codes[i] = codes[i - 1]!;
      scores[i] = scores[i - 1]!;
      i--;
    }
    codes[i] = code;
    scores[i] = score;
  }
  return codes;
}

/** Candidates of one title with the shared features of each. */
export interface Candidates {
  codes: string[];
  /** Per candidate: shared feature names and values. */
  shared: [string, number][][];
}

/** Lexical candidates kept per title: the codes with the highest lexical scores. */
export const LEXICAL_CANDIDATES = 10;

/** The codes with the highest lexical scores. */
export function topLexical(lexical: LexicalScores, k = LEXICAL_CANDIDATES): string[] {
  return lexical.top(k);
}

const LEVEL_FEATURE: Record<OccupationLevel, string> = { 大类: 'lv:大类', 中类: 'lv:中类', 小类: 'lv:小类', 细类: 'lv:细类' };

function hasComposition(e: Evidence): boolean {
  for (const k in e) if (k.startsWith('comp:')) return true;
  return false;
}

/**
 * The candidate codes of a title: the no-occupation class, every code with evidence and the given
 * lexical codes. A title whose domain names a non-IT field (整车测试工程师, 电力运维工程师) gets no
 * IT occupation on the strength of its words alone, only through a composition.
 */
export function candidateCodes(analysis: TitleAnalysis, lexicalCodes: Iterable<string>, tree: OccupationTree): string[] {
  const codes = new Set<string>([NONE, ...analysis.evidence.keys()]);
  for (const c of lexicalCodes) codes.add(c);
  const out: string[] = [];
  for (const code of codes) {
    if (code !== NONE) {
      if (!tree.has(code)) continue;
      const e = analysis.evidence.get(code);
      if (analysis.parse.itSuppressed && isItCode(code) && !(e && hasComposition(e))) continue;
    }
    out.push(code);
  }
  return out;
}

/**
 * The shared features of one candidate, passed to `add`: its evidence, head class × 大类, level and
 * prior (value 1; the scorer multiplies it by the code's prior). `names` caches the title's
 * `hm:` feature names by 大类.
 */
export function sharedFeatures(
  analysis: TitleAnalysis,
  code: string,
  tree: OccupationTree,
  add: (name: string, value: number) => void,
  names: string[] = [],
): void {
  if (code === NONE) {
    for (const n of analysis.none) add(n, 1);
    return;
  }
  const e = analysis.evidence.get(code);
  if (e) for (const k in e) add(k, e[k]!);
  const major = Number(code[0]);
  add((names[major] ??= `hm:${analysis.headClass}:${code[0]}`), 1);
  add(LEVEL_FEATURE[tree.level(code)], 1);
  add('prior', 1);
}

/** The candidates of a title with the shared features of each (what the trainer updates). */
export function candidateFeatures(analysis: TitleAnalysis, lexicalCodes: Iterable<string>, tree: OccupationTree): Candidates {
  const codes = candidateCodes(analysis, lexicalCodes, tree);
  const names: string[] = [];
  const shared = codes.map((code) => {
    const feats: [string, number][] = [];
    sharedFeatures(analysis, code, tree, (n, v) => feats.push([n, v]), names);
    return feats;
  });
  return { codes, shared };
}

/**
 * Softmax probabilities of a title's candidates scored straight from the weights (the coder's
 * path: no feature lists are built); equal to {@link candidateProbabilities} of {@link candidateFeatures}.
 */
export function scoreCandidates(
  analysis: TitleAnalysis,
  codes: readonly string[],
  lexical: LexicalScores,
  weights: WeightSource,
  tree: OccupationTree,
  sharedScores?: Map<string, number>,
): Float64Array {
  const z = new Float64Array(codes.length);
  const names: string[] = [];
  let code = '';
  let s = 0;
  const add = (name: string, v: number) => {
    s += weights.shared(name) * (name === 'prior' ? weights.prior(code) : v);
  };
  for (let i = 0; i < codes.length; i++) {
    code = codes[i]!;
    // The shared part depends on the title's evidence only: a caller that reads the same evidence
    // again (the same title in another context) passes the scores already summed.
    let shared = sharedScores?.get(code);
    if (shared === undefined) {
      s = 0;
      sharedFeatures(analysis, code, tree, add, names);
      shared = s;
      sharedScores?.set(code, s);
    }
    z[i] = lexical.get(code) + shared;
  }
  return softmax(z);
}

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i]! > max) max = z[i]!;
  let sum = 0;
  for (let i = 0; i < z.length; i++) sum += z[i] = Math.exp(z[i]! - max);
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}

/** Lexical score per class code for a title's features. */
export function lexicalScores(features: readonly string[], weights: WeightSource): LexicalScores {
  return weights.lexical(features);
}

/** Softmax probabilities of the candidates. */
export function candidateProbabilities(cands: Candidates, lexical: LexicalScores, weights: WeightSource): Float64Array {
  const z = new Float64Array(cands.codes.length);
  for (let i = 0; i < z.length; i++) {
    const code = cands.codes[i]!;
    let s = 0;
    for (const [name, v] of cands.shared[i]!) s += weights.shared(name) * (name === 'prior' ? weights.prior(code) : v);
    z[i] = lexical.get(code) + s;
  }
  return softmax(z);
}

/** A decided code with the probability that it is right at the level it states. */
export interface Decided {
  code: string | null;
  level: OccupationLevel | null;
  probability: number;
}

const BY_DEPTH: OccupationLevel[] = ['大类', '中类', '小类', '细类'];

/**
 * Chooses what to state: the most probable code at its own level if it is probable enough, else
 * the most probable prefix at the finest coarser level that is (summing the codes below it); the
 * no-occupation class when it leads.
 */
export function decide(codes: readonly string[], probs: ArrayLike<number>, tree: OccupationTree, t: DecisionThresholds): Decided {
  let pNone = 0;
  let exact = { code: '', p: -1 };
  const depthOf = new Int8Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === NONE) {
      pNone = probs[i]!;
      continue;
    }
    depthOf[i] = levelDepth(tree.level(codes[i]!));
    if (probs[i]! > exact.p) exact = { code: codes[i]!, p: probs[i]! };
  }
  if (exact.p < 0 || (pNone >= t.none && pNone >= exact.p)) return { code: null, level: null, probability: pNone };
  if (exact.p >= t.exact) return { code: exact.code, level: tree.level(exact.code), probability: exact.p };
  let fallback: Decided = { code: exact.code, level: tree.level(exact.code), probability: exact.p };
  for (let depth = 3; depth >= 1; depth--) {
    const mass = new Map<string, number>();
    for (let i = 0; i < codes.length; i++) {
      if (depthOf[i]! < depth) continue;
      const key = truncateCode(codes[i]!, depth);
      mass.set(key, (mass.get(key) ?? 0) + probs[i]!);
    }
    let top = { code: '', p: -1 };
    for (const [code, p] of mass) if (p > top.p) top = { code, p };
    if (top.p < 0) continue;
    // A prefix that is itself an occupation (2-06-03-00) is stated as one.
    const own = tree.level(top.code);
    const decided: Decided = { code: top.code, level: levelDepth(own) < depth ? BY_DEPTH[depth - 1]! : own, probability: top.p };
    if (top.p >= (depth === 3 ? t.minor : t.middle)) return decided;
    fallback = decided;
  }
  return fallback;
}

/** The log-odds of a probability, kept finite. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
}

/** The stated confidence of a decided probability at the level stated. */
export function calibrate(cal: OccupationCalibration, level: OccupationLevel, p: number): number {
  const m = cal.levels[level];
  return 1 / (1 + Math.exp(-(m.a * logit(p) + m.b)));
}

/** Lexical sums of some of a title's features, kept to add the rest to later. */
export interface PartialLexical {
  index: Int32Array;
  sum: Float64Array;
}

/** The stored model compiled for the coder. */
export interface CompiledModel extends WeightSource {
  /** The lexical sums of some features (a title's own, read once per cleaned title). */
  partial(features: readonly string[]): PartialLexical;
  /** The lexical scores of a partial sum and further features (the context's). */
  lexicalFrom(base: PartialLexical, features: readonly string[]): LexicalScores;
}

export function compileModel(data: OccupationModelData): CompiledModel {
  const classes = data.classes;
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const rows = new Map<string, { index: Int32Array; weight: Float32Array }>();
  for (const f in data.lexical) {
    const flat = data.lexical[f]!;
    const index = new Int32Array(flat.length / 2);
    const weight = new Float32Array(flat.length / 2);
    for (let i = 0; i < flat.length; i += 2) {
      index[i / 2] = flat[i]!;
      weight[i / 2] = flat[i + 1]! / 1000;
    }
    rows.set(f, { index, weight });
  }
  const sums = new Float64Array(classes.length);
  const touched: number[] = [];
  const isTouched = new Uint8Array(classes.length);
  const scores: LexicalScores = {
    get(code) {
      const i = classIndex.get(code);
      return i === undefined ? 0 : sums[i]!;
    },
    top(k) {
      const best: number[] = [];
      for (const i of touched) {
        const score = sums[i]!;
        if (best.length === k && score <= sums[best[k - 1]!]!) continue;
        let j = best.length === k ? k - 1 : best.length;
        while (j > 0 && sums[best[j - 1]!]! < score) {
          best[j] = best[j - 1]!;
          j--;
        }
        best[j] = i;
      }
      return best.map((i) => classes[i]!);
    },
  };
  const shared = new Map(Object.entries(data.shared));
  const prior = new Map(classes.map((c, i) => [c, data.prior[i] ?? 0]));
  const reset = () => {
    for (const i of touched) {
      sums[i] = 0;
      isTouched[i] = 0;
    }
    touched.length = 0;
  };
  const add = (features: readonly string[]) => {
    for (const f of features) {
      const row = rows.get(f);
      if (!row) continue;
      for (let j = 0; j < row.index.length; j++) {
        const i = row.index[j]!;
        if (!isTouched[i]) {
          isTouched[i] = 1;
          touched.push(i);
        }
        sums[i] = sums[i]! + row.weight[j]!;
      }
    }
  };
  return {
    lexical(features) {
      reset();
      add(features);
      return scores;
    },
    partial(features) {
      reset();
      add(features);
      const index = new Int32Array(touched.length);
      const sum = new Float64Array(touched.length);
      for (let j = 0; j < touched.length; j++) sum[j] = sums[(index[j] = touched[j]!)]!;
      return { index, sum };
    },
    lexicalFrom(base, features) {
      reset();
      for (let j = 0; j < base.index.length; j++) {
        const i = base.index[j]!;
        isTouched[i] = 1;
        touched.push(i);
        sums[i] = base.sum[j]!;
      }
      add(features);
      return scores;
    },
    shared: (n) => shared.get(n) ?? 0,
    prior: (c) => prior.get(c) ?? 0,
  };
}
