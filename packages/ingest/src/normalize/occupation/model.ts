/**
 * The learned part of the coder: a log-linear model over candidate codes. A candidate's score is
 * the sum of its class-specific lexical weights (n-gram → code) and of shared weights on the
 * evidence that proposed it (alias tier, composition, 大典 retrieval), on the title's head class ×
 * the code's 大类, on the code's level and on its prior. Probabilities are a softmax over the
 * candidates; the decision goes down the code tree along the most probable 大类, 中类 and 小类 and
 * states the finest of them it is sure of, and the stated
 * confidence is the probability mapped through a calibration per stated level (Platt scaling) fitted
 * on cross-validated training predictions. The weights are data
 * (`datasets/dictionaries/occupation_model.json`), the calibration too
 * (`datasets/dictionaries/occupation_calibration.json`).
 */
import { NONE, WORD_KINDS, type Evidence, type FeatureSink, type TitleAnalysis } from './features.js';
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

/** The coder's calibration as stored: one map per level the coder states, then one step map. */
export interface OccupationCalibration {
  format: 1;
  /** How it was fitted (data, folds, cross-fitted reliability on the train split). */
  about: Record<string, unknown>;
  levels: Record<OccupationLevel, PlattMap>;
  /**
   * Applied to what a level's map states. The level maps are fitted on models of fewer titles than
   * the coder's, and a model fitted on more titles states higher probabilities than its accuracy
   * warrants by the maps of the smaller ones. The step map is fitted on the nested cross-validation
   * (maps of models of 3/5 of the titles meeting models of 4/5), the same step up that the stored
   * maps take to the model of all titles. Kept only where it states the nested points more closely
   * on folds it was not fitted to (`chooseStep`). Absent: the identity.
   */
  step?: StepMap;
  /**
   * Applied last. Cross-validation on the train split states what the coder promises on titles like
   * those its rules and dictionary words were written from; on titles drawn and labelled after they
   * were written (the calibration set, `CALIBRATION_SET` of training-set.ts) the coder is right less often at the
   * same confidence. A Platt map fitted on the calibration set's stated confidences carries that
   * last step, kept where it states the set more closely on folds it was not fitted to
   * (`chooseFresh`); `n` is the titles it was fitted on. Absent: the identity.
   */
  fresh?: PlattMap;
}

/** A line through which stated confidences pass, kept within [0, 1]. */
export interface StepMap {
  slope: number;
  intercept: number;
  /** Nested cross-validation points it was fitted on. */
  n: number;
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
  for (const k of e.keys()) if (k.startsWith('comp:')) return true;
  return false;
}

/** What candidates and their shared features are read from: a title's evidence, parse and head. */
export type ScoredTitle = Pick<TitleAnalysis, 'evidence' | 'none' | 'headClass'> & { parse: Pick<TitleAnalysis['parse'], 'setAside'> };

/**
 * The candidate codes of a title: the no-occupation class, every code with evidence and the given
 * lexical codes. A title whose domain names a non-IT field (整车测试工程师, 电力运维工程师) gets no
 * IT occupation on the strength of its words alone, only through a composition.
 */
export function candidateCodes(analysis: ScoredTitle, lexicalCodes: Iterable<string>, tree: OccupationTree): string[] {
  const out: string[] = [NONE];
  const setAside = analysis.parse.setAside;
  const offer = (code: string) => {
    if (code === NONE || out.includes(code) || !tree.has(code)) return;
    if (setAside?.has(code)) {
      const e = analysis.evidence.get(code);
      if (!(e && hasComposition(e))) return;
    }
    out.push(code);
  };
  for (const code of analysis.evidence.keys()) offer(code);
  for (const code of lexicalCodes) offer(code);
  return out;
}

/**
 * The shared features of one candidate, passed to `add`: its evidence, head class × 大类, level and
 * prior (value 1; the scorer multiplies it by the code's prior). `names` caches the title's
 * `hm:` feature names by 大类.
 */
export function sharedFeatures(
  analysis: ScoredTitle,
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
  if (e) for (const [k, v] of e) add(k, v);
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
 * path: no feature lists are built); equal to {@link candidateProbabilities} of {@link candidateFeatures},
 * term for term in the same order.
 */
export function scoreCandidates(
  analysis: ScoredTitle,
  codes: readonly string[],
  lexical: LexicalScores,
  weights: WeightSource,
  tree: OccupationTree,
  sharedScores?: Map<string, number>,
): number[] {
  // A plain array: allocating a typed array costs more than scoring a title's few candidates.
  const z: number[] = [];
  const hm: number[] = [];
  const priorWeight = weights.shared('prior');
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    // The shared part depends on the title's evidence only: a caller that reads the same evidence
    // again (the same title in another context) passes the scores already summed.
    let s = sharedScores?.get(code);
    if (s === undefined) {
      s = 0;
      if (code === NONE) {
        for (const n of analysis.none) s += weights.shared(n) * (n === 'prior' ? weights.prior(code) : 1);
      } else {
        const e = analysis.evidence.get(code);
        if (e) for (const [k, v] of e) s += weights.shared(k) * (k === 'prior' ? weights.prior(code) : v);
        const major = Number(code[0]);
        s += (hm[major] ??= weights.shared(`hm:${analysis.headClass}:${code[0]}`)) * 1;
        s += weights.shared(LEVEL_FEATURE[tree.level(code)]) * 1;
        s += priorWeight * weights.prior(code);
      }
      sharedScores?.set(code, s);
    }
    z.push(lexical.get(code) + s);
  }
  return softmax(z);
}

function softmax<T extends number[] | Float64Array>(z: T): T {
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
 * Chooses what to state. Down the code tree from the 大类 holding the most probability: at each
 * level the code of most probability (the sum of the candidates below it) under the one chosen
 * above, so that a finer code never leaves the 大类 or 中类 that the candidates as a whole favour;
 * the finest of these that is probable enough is stated (the 大类 always). The no-occupation class
 * wins when it leads every code.
 */
export function decide(codes: readonly string[], probs: ArrayLike<number>, tree: OccupationTree, t: DecisionThresholds): Decided {
  let pNone = 0;
  let leading = -1;
  // Depth of each candidate's level (0 for the no-occupation class); a plain array, cheaper to
  // make than a typed one for a title's few candidates.
  const depthOf: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === NONE) {
      pNone = probs[i]!;
      depthOf.push(0);
      continue;
    }
    depthOf.push(levelDepth(tree.level(codes[i]!)));
    leading = Math.max(leading, probs[i]!);
  }
  if (leading < 0 || (pNone >= t.none && pNone >= leading)) return { code: null, level: null, probability: pNone };
  const needed = [0, 0, t.middle, t.minor, t.exact];
  let stated: Decided | null = null;
  let prefix = '';
  for (let depth = 1; depth <= 4; depth++) {
    const mass = new Map<string, number>();
    for (let i = 0; i < codes.length; i++) {
      if (depthOf[i]! < depth || (depth > 1 && truncateCode(codes[i]!, depth - 1) !== prefix)) continue;
      const key = truncateCode(codes[i]!, depth);
      mass.set(key, (mass.get(key) ?? 0) + probs[i]!);
    }
    let top = { code: '', p: -1 };
    for (const [code, p] of mass) if (p > top.p) top = { code, p };
    if (top.p < 0) break;
    prefix = top.code;
    if (stated && top.p < needed[depth]!) continue;
    // A prefix that is itself an occupation (2-06-03-00) is stated as one.
    const own = tree.level(top.code);
    stated = { code: top.code, level: levelDepth(own) < depth ? BY_DEPTH[depth - 1]! : own, probability: top.p };
  }
  return stated!;
}

/** The log-odds of a probability, kept finite. */
export function logit(p: number): number {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
}

/** The stated confidence of a decided probability at the level stated. */
export function calibrate(cal: OccupationCalibration, level: OccupationLevel, p: number): number {
  const m = cal.levels[level];
  const c = applyPlatt(m, p);
  const stepped = cal.step ? applyStep(cal.step, c) : c;
  return cal.fresh ? applyPlatt(cal.fresh, stepped) : stepped;
}

/** A probability through a Platt map (logistic in its log-odds). */
export function applyPlatt(m: { a: number; b: number }, p: number): number {
  return 1 / (1 + Math.exp(-(m.a * logit(p) + m.b)));
}

/** A confidence through a step map. */
export function applyStep(m: StepMap, c: number): number {
  return Math.min(1, Math.max(0, m.slope * c + m.intercept));
}

/**
 * Lexical sums of some of a title's features, kept to add the rest to later: class indices and
 * their sums (plain arrays: a coder keeps one per distinct title, and typed arrays weigh more).
 */
export interface PartialLexical {
  index: number[];
  sum: number[];
}

/** The stored model compiled for the coder. */
export interface CompiledModel extends WeightSource {
  /** The lexical sums of the features `read` passes to its sink (a title's own, read once per cleaned title). */
  partial(read: (sink: FeatureSink) => void): PartialLexical;
  /** The rows of the model's features that `read` passes to its sink, in order (-1: a feature the model lacks). */
  rows(read: (sink: FeatureSink) => void): number[];
  /** The lexical scores of a partial sum and further feature rows (the context's). */
  lexicalFrom(base: PartialLexical, rows: readonly number[]): LexicalScores;
}

/**
 * The model's lexical features interned once: feature `kind:text` → row, found from the kind and a
 * span of any string by open addressing on a hash of its UTF-16 code units, so that looking a title's
 * n-grams up builds no string. Rows hold their classes and weights in flat typed arrays.
 */
interface FeatureTable {
  /** The row of `${kind}:${text.slice(start, end)}`, or -1. */
  find(kind: string, text: string, start: number, end: number): number;
  /** Row r's entries are `start[r]` to `start[r + 1]` of `cls` and `weight`. */
  start: Int32Array;
  cls: Int32Array;
  weight: Float32Array;
}

function spanHash(kind: number, text: string, start: number, end: number): number {
  let h = Math.imul(kind + 1, 0x9e3779b1);
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

function buildFeatureTable(lexical: Record<string, number[]>): FeatureTable {
  const names = Object.keys(lexical);
  const kinds = new Map<string, number>();
  const rowKind = new Int32Array(names.length);
  const rowText: string[] = [];
  let size = 16;
  while (size < 2 * names.length) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  const start = new Int32Array(names.length + 1);
  let entries = 0;
  for (const name of names) entries += lexical[name]!.length / 2;
  const cls = new Int32Array(entries);
  const weight = new Float32Array(entries);
  let at = 0;
  names.forEach((name, r) => {
    const colon = name.indexOf(':');
    const kindName = name.slice(0, colon);
    let kind = kinds.get(kindName);
    if (kind === undefined) kinds.set(kindName, (kind = kinds.size));
    rowKind[r] = kind;
    const text = name.slice(colon + 1);
    rowText.push(text);
    let slot = spanHash(kind, text, 0, text.length) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = r;
    const flat = lexical[name]!;
    start[r] = at;
    for (let i = 0; i < flat.length; i += 2, at++) {
      cls[at] = flat[i]!;
      weight[at] = flat[i + 1]! / 1000;
    }
  });
  start[names.length] = at;
  const find = (kindName: string, text: string, from: number, to: number): number => {
    const kind = kinds.get(kindName);
    if (kind === undefined) return -1;
    const length = to - from;
    for (let slot = spanHash(kind, text, from, to) & mask; ; slot = (slot + 1) & mask) {
      const r = slots[slot]!;
      if (r === -1) return -1;
      if (rowKind[r] !== kind) continue;
      const known = rowText[r]!;
      if (known.length !== length) continue;
      let i = 0;
      while (i < length && known.charCodeAt(i) === text.charCodeAt(from + i)) i++;
      if (i === length) return r;
    }
  };
  return { find, start, cls, weight };
}

export function compileModel(data: OccupationModelData): CompiledModel {
  const classes = data.classes;
  const classIndex = new Map(classes.map((c, i) => [c, i]));
  const table = buildFeatureTable(data.lexical);
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
  const addRow = (r: number) => {
    if (r < 0) return;
    for (let j = table.start[r]!, end = table.start[r + 1]!; j < end; j++) {
      const i = table.cls[j]!;
      if (!isTouched[i]) {
        isTouched[i] = 1;
        touched.push(i);
      }
      sums[i] = sums[i]! + table.weight[j]!;
    }
  };
  // Dictionary words recur in every title that holds them: their rows are kept per kind and word.
  const whole = new Map<string, Map<string, number>>();
  const find = (kind: string, text: string, start: number, end: number): number => {
    if (!WORD_KINDS.has(kind)) return table.find(kind, text, start, end);
    let byText = whole.get(kind);
    if (!byText) whole.set(kind, (byText = new Map<string, number>()));
    let r = byText.get(text);
    if (r === undefined) {
      if (byText.size >= 50_000) byText.clear();
      byText.set(text, (r = table.find(kind, text, start, end)));
    }
    return r;
  };
  const sink: FeatureSink = (kind, text, start, end) => addRow(find(kind, text, start, end));
  return {
    lexical(features) {
      reset();
      for (const f of features) {
        const colon = f.indexOf(':');
        addRow(table.find(f.slice(0, colon), f, colon + 1, f.length));
      }
      return scores;
    },
    partial(read) {
      reset();
      read(sink);
      const index = touched.slice();
      const sum = index.map((i) => sums[i]!);
      return { index, sum };
    },
    rows(read) {
      const out: number[] = [];
      read((kind, text, start, end) => out.push(find(kind, text, start, end)));
      return out;
    },
    lexicalFrom(base, rows) {
      reset();
      for (let j = 0; j < base.index.length; j++) {
        const i = base.index[j]!;
        isTouched[i] = 1;
        touched.push(i);
        sums[i] = base.sum[j]!;
      }
      for (let j = 0; j < rows.length; j++) addRow(rows[j]!);
      return scores;
    },
    shared: (n) => shared.get(n) ?? 0,
    prior: (c) => prior.get(c) ?? 0,
  };
}
