/**
 * Fits the coder's log-linear model: stochastic gradient descent on the softmax over each title's
 * candidates (lexical weights per n-gram and code, shared weights by AdaGrad), then the back-off
 * thresholds and the calibration per stated level (Platt scaling) on cross-validated predictions.
 * Deterministic for a seed.
 * Used by `scripts/train-occupation-model.ts` and by the calibration test; not by the pipeline.
 */
import { reliability, rightAt, rightAtStatedLevel } from './evaluate.js';
import { NONE, type TitleAnalysis } from './features.js';
import {
  applyPlatt,
  applyStep,
  calibrate,
  logit,
  candidateFeatures,
  candidateProbabilities,
  decide,
  lexicalScores,
  topLexical,
  topScored,
  type DecisionThresholds,
  type LexicalScores,
  type OccupationCalibration,
  type OccupationModelData,
  type PlattMap,
  type StepMap,
  type WeightSource,
} from './model.js';
import { LEVELS, type OccupationLevel, type OccupationTree } from './tree.js';

/** One training title: its analysis, its label (a code or `none`) and its weight. */
export interface TrainingExample {
  analysis: TitleAnalysis;
  label: string;
  weight: number;
  /** Counted in the class prior (real labels, not dictionary or 大典 name examples). */
  real: boolean;
}

/** Optimiser settings. */
export interface TrainOptions {
  epochs: number;
  /** Lexical learning rate (decays as rate / (1 + epoch)). */
  rate: number;
  /** AdaGrad rate of the shared weights. */
  sharedRate: number;
  /** Multiplicative shrink of every lexical weight after each epoch. */
  shrink: number;
  /** Lexical weights smaller than this are dropped from the stored model. */
  prune: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 10, rate: 0.25, sharedRate: 0.3, shrink: 0.02, prune: 0.1, seed: 20260101 };

const LEXICAL_MIN_GRADIENT = 0.02;

/** The trainer's weights, readable by the scorer. */
export class WorkingWeights implements WeightSource {
  readonly lex = new Map<string, Map<string, number>>();
  readonly sh = new Map<string, number>();
  readonly shG2 = new Map<string, number>();
  readonly pri = new Map<string, number>();

  lexical(features: readonly string[]): LexicalScores {
    const acc = new Map<string, number>();
    for (const f of features) {
      const row = this.lex.get(f);
      if (row) for (const [c, v] of row) acc.set(c, (acc.get(c) ?? 0) + v);
    }
    return { get: (code) => acc.get(code) ?? 0, top: (k) => topScored(acc, k) };
  }
  shared(name: string): number {
    return this.sh.get(name) ?? 0;
  }
  prior(code: string): number {
    return this.pri.get(code) ?? 0;
  }
}

/** A seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Candidates and probabilities of one title. */
export interface Prediction {
  codes: string[];
  probs: Float64Array;
}

/** Scores one analysed title with the given weights (the label, when given, joins the candidates). */
export function predict(analysis: TitleAnalysis, weights: WeightSource, tree: OccupationTree, label?: string): Prediction {
  const lex = lexicalScores(analysis.lexical, weights);
  const extra = label && label !== NONE ? [label] : [];
  const cands = candidateFeatures(analysis, [...topLexical(lex), ...extra], tree);
  return { codes: cands.codes, probs: candidateProbabilities(cands, lex, weights) };
}

/** Fits the weights on the examples. */
export function trainWeights(
  examples: readonly TrainingExample[],
  tree: OccupationTree,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): WorkingWeights {
  const w = new WorkingWeights();
  const counts = new Map<string, number>();
  for (const e of examples) if (e.real) counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
  for (const [c, n] of counts) w.pri.set(c, Math.log(1 + n));
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.rate / (1 + epoch);
    for (const k of order) {
      const ex = examples[k]!;
      const lex = lexicalScores(ex.analysis.lexical, w);
      const extra = ex.label !== NONE ? [ex.label] : [];
      const cands = candidateFeatures(ex.analysis, [...topLexical(lex), ...extra], tree);
      if (!cands.codes.includes(ex.label)) continue;
      const probs = candidateProbabilities(cands, lex, w);
      const grad = new Map<string, number>();
      for (let i = 0; i < cands.codes.length; i++) {
        const code = cands.codes[i]!;
        const g = (probs[i]! - (code === ex.label ? 1 : 0)) * ex.weight;
        if (Math.abs(g) < 1e-3) continue;
        // Dictionary and 大典-name examples teach words, not how much evidence weighs: a 大典 name
        // always retrieves itself, which would teach retrieval to outweigh everything else.
        if (ex.real)
          for (const [name, v] of cands.shared[i]!) {
            const x = name === 'prior' ? w.prior(code) : v;
            grad.set(name, (grad.get(name) ?? 0) + g * x);
          }
        // Small gradients would only spread tiny lexical weights over many codes.
        if (Math.abs(g) < LEXICAL_MIN_GRADIENT) continue;
        for (const f of ex.analysis.lexical) {
          let row = w.lex.get(f);
          if (!row) w.lex.set(f, (row = new Map<string, number>()));
          row.set(code, (row.get(code) ?? 0) - rate * g);
        }
      }
      for (const [name, g] of grad) {
        const g2 = (w.shG2.get(name) ?? 0) + g * g;
        w.shG2.set(name, g2);
        w.sh.set(name, (w.sh.get(name) ?? 0) - (options.sharedRate * g) / Math.sqrt(g2 + 1e-8));
      }
    }
    const keep = 1 - options.shrink;
    for (const row of w.lex.values())
      for (const [c, v] of row) {
        if (Math.abs(v) < options.prune / 2) row.delete(c);
        else row.set(c, v * keep);
      }
  }
  for (const [f, row] of w.lex) {
    for (const [c, v] of row) if (Math.abs(v) < options.prune) row.delete(c);
    if (row.size === 0) w.lex.delete(f);
  }
  return w;
}

/** A held-out prediction with its label, for tuning and calibration. */
export interface HeldOut extends Prediction {
  label: string | null;
}

/**
 * Platt scaling fitted by Newton's method: the logistic regression of outcomes on logit(x), with a
 * weak pull towards the identity map (a = 1, b = 0) worth `prior` titles, so that a level stated
 * for few titles keeps close to the model's own probabilities.
 */
export function plattFit(points: readonly { x: number; y: number }[], prior = 2): { a: number; b: number } {
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    // Gradient and Hessian of the penalised negative log-likelihood.
    let ga = prior * (a - 1);
    let gb = prior * b;
    let haa = prior;
    let hab = 0;
    let hbb = prior;
    for (const p of points) {
      const l = logit(p.x);
      const q = 1 / (1 + Math.exp(-(a * l + b)));
      const r = q - p.y;
      const w = Math.max(q * (1 - q), 1e-9);
      ga += r * l;
      gb += r;
      haa += w * l * l;
      hab += w * l;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b };
}

/** Fewest held-out titles stated at a level for the level to get a map of its own. */
export const CALIBRATION_MIN_LEVEL = 50;

/** Mean accuracy over the four levels of the decided codes. */
export function meanAccuracy(held: readonly HeldOut[], tree: OccupationTree, t: DecisionThresholds): number {
  let s = 0;
  for (const h of held) {
    const d = decide(h.codes, h.probs, tree, t);
    for (let depth = 1; depth <= 4; depth++) if (rightAt(h.label, d, depth, tree)) s++;
  }
  return s / (4 * held.length);
}

/**
 * A 细类 is stated only when it is more likely right than wrong (the honest back-off asked of the
 * coder); the 小类, 中类 and no-occupation thresholds are chosen to maximise the mean accuracy over
 * the four levels.
 */
export const EXACT_THRESHOLD = 0.5;

/** Chooses the back-off thresholds (see {@link EXACT_THRESHOLD}). */
export function tuneDecision(held: readonly HeldOut[], tree: OccupationTree): DecisionThresholds {
  let best: DecisionThresholds = { exact: EXACT_THRESHOLD, minor: 0.5, middle: 0.5, none: 0.5 };
  let score = -1;
  const grid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
  for (const minor of grid)
    for (const middle of grid)
      for (const none of [0.3, 0.4, 0.5, 0.6]) {
        const t = { exact: EXACT_THRESHOLD, minor, middle, none };
        const s = meanAccuracy(held, tree, t);
        if (s > score + 1e-9) {
          score = s;
          best = t;
        }
      }
  return best;
}

/**
 * Fits the calibration of decided probabilities on held-out predictions: one Platt map per level
 * the coder states, fitted on the titles stated at that level; a level stated for fewer than
 * {@link CALIBRATION_MIN_LEVEL} titles uses the map of all levels together (its `n` is 0).
 */
export function fitCalibration(
  held: readonly HeldOut[],
  tree: OccupationTree,
  t: DecisionThresholds,
  about: Record<string, unknown> = {},
): OccupationCalibration {
  const byLevel = new Map<OccupationLevel, { x: number; y: number }[]>(LEVELS.map((l) => [l, []]));
  const all: { x: number; y: number }[] = [];
  for (const h of held) {
    const d = decide(h.codes, h.probs, tree, t);
    if (d.code === null) continue;
    const point = { x: d.probability, y: rightAtStatedLevel(h.label, d, tree) ? 1 : 0 };
    byLevel.get(d.level!)!.push(point);
    all.push(point);
  }
  const pooled = plattFit(all);
  const levels = {} as Record<OccupationLevel, PlattMap>;
  for (const [level, points] of byLevel) {
    const own = points.length >= CALIBRATION_MIN_LEVEL;
    const fit = own ? plattFit(points) : pooled;
    levels[level] = { a: round(fit.a, 4), b: round(fit.b, 4), n: own ? points.length : 0 };
  }
  return { format: 1, about, levels };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** The weights as stored data. */
export function toModelData(w: WorkingWeights, decision: DecisionThresholds, about: Record<string, unknown>): OccupationModelData {
  const classes = new Set<string>([NONE, ...w.pri.keys()]);
  for (const row of w.lex.values()) for (const c of row.keys()) classes.add(c);
  const list = [...classes].sort();
  const index = new Map(list.map((c, i) => [c, i]));
  const lexical: Record<string, number[]> = {};
  for (const f of [...w.lex.keys()].sort()) {
    const flat: number[] = [];
    for (const [c, v] of [...w.lex.get(f)!].sort((a, b) => index.get(a[0])! - index.get(b[0])!)) {
      const q = Math.round(v * 1000);
      if (q !== 0) flat.push(index.get(c)!, q);
    }
    if (flat.length) lexical[f] = flat;
  }
  const shared: Record<string, number> = {};
  for (const k of [...w.sh.keys()].sort()) shared[k] = round(w.sh.get(k)!, 4);
  return {
    format: 1,
    about,
    classes: list,
    lexical,
    shared,
    prior: list.map((c) => round(w.pri.get(c) ?? 0, 4)),
    decision,
  };
}

/** A labelled title as the corpus stores it. */
export interface LabelledTitle {
  id: string;
  title: string;
  /** Industry and description, as context. */
  context: string;
  /** A 大典 code, or null when the title decides nothing. */
  label: string | null;
}

/** Weight of a dictionary alias or a 大典 name taught as a title (real labels weigh 1). */
export const PSEUDO_WEIGHT = 0.3;

/**
 * The training examples: the labelled titles, plus every alias of tier 2 or more and every
 * occupation name of the 大典 as a title labelled with its code (so that codes no title shows can
 * still be learned).
 */
export function trainingExamples(
  titles: readonly LabelledTitle[],
  analyse: (title: string, context: string) => TitleAnalysis,
  pseudo: readonly { text: string; code: string; weight?: number; real?: boolean }[],
): TrainingExample[] {
  const out: TrainingExample[] = titles.map((t) => ({
    analysis: analyse(t.title, t.context),
    label: t.label ?? NONE,
    weight: 1,
    real: true,
  }));
  for (const p of pseudo)
    out.push({ analysis: analyse(p.text, ''), label: p.code, weight: p.weight ?? PSEUDO_WEIGHT, real: p.real ?? false });
  return out;
}

/** The fold (0…k-1) of a title, from its id, so that folds do not depend on row order. */
export function foldOf(id: string, folds: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % folds;
}

/**
 * K-fold cross-validated predictions of the labelled titles: each fold is predicted by weights
 * trained on the other folds plus the dictionary and 大典 examples. `examplesFor` gives the examples
 * a fold is trained and predicted with (the labelled titles first, in order): the dictionaries were
 * written while reading the train split, so a fold's examples are read with the dictionaries as the
 * other folds' titles could have written them (see `foldExamples` in training-set.ts).
 */
export function crossValidate(
  titles: readonly LabelledTitle[],
  examplesFor: (inFold: readonly boolean[]) => readonly TrainingExample[],
  tree: OccupationTree,
  folds: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): HeldOut[] {
  const held = new Array<HeldOut>(titles.length);
  for (let k = 0; k < folds; k++) {
    const inFold = titles.map((t) => foldOf(t.id, folds) === k);
    const examples = examplesFor(inFold);
    const train = examples.filter((_, i) => i >= titles.length || !inFold[i]);
    const w = trainWeights(train, tree, options);
    titles.forEach((t, i) => {
      if (!inFold[i]) return;
      const p = predict(examples[i]!.analysis, w, tree);
      held[i] = { ...p, label: t.label };
    });
  }
  return held;
}

/** What a training run makes: the model, its back-off thresholds and the held-out predictions. */
export interface FittedModel {
  /** Fitted on every labelled title with the full dictionaries. */
  weights: WorkingWeights;
  decision: DecisionThresholds;
  /** Cross-validated predictions, each fold read with the dictionaries the other folds could have written. */
  held: HeldOut[];
}

/**
 * Trains the model on every example; the back-off thresholds are chosen on cross-validated
 * predictions of folds read with the dictionaries the other folds' titles could have written (how the
 * coder meets new titles).
 */
export function fitModel(
  titles: readonly LabelledTitle[],
  examples: readonly TrainingExample[],
  foldExamples: (inFold: readonly boolean[]) => readonly TrainingExample[],
  tree: OccupationTree,
  folds: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): FittedModel {
  const held = crossValidate(titles, foldExamples, tree, folds, options);
  return { weights: trainWeights(examples, tree, options), decision: tuneDecision(held, tree), held };
}

/** A confidence stated by a calibration and whether the decided code is right at its level. */
export interface StatedPoint {
  confidence: number;
  right: boolean;
  level: OccupationLevel;
  /** The cross-validation fold of the title. */
  fold: number;
}

/** The points a calibration map states for the held-out predictions of one fold (`inFold`). */
function statedPoints(
  fit: OccupationCalibration,
  held: readonly HeldOut[],
  fold: number,
  foldOfTitle: readonly number[],
  tree: OccupationTree,
  decision: DecisionThresholds,
): StatedPoint[] {
  const points: StatedPoint[] = [];
  held.forEach((h, i) => {
    if (foldOfTitle[i] !== fold) return;
    const d = decide(h.codes, h.probs, tree, decision);
    if (d.code !== null)
      points.push({
        confidence: calibrate(fit, d.level!, d.probability),
        right: rightAtStatedLevel(h.label, d, tree),
        level: d.level!,
        fold,
      });
  });
  return points;
}

/**
 * The step map (see {@link OccupationCalibration.step}): the least-squares line of whether the
 * nested cross-validation's stated confidences were right on the confidences. Least squares (the
 * Brier score) rather than the log-likelihood: a few confidences near 1 that were wrong would
 * otherwise flatten the map for every other confidence.
 */
export function fitStep(nested: readonly StatedPoint[]): StepMap {
  const n = nested.length;
  let mc = 0;
  let my = 0;
  for (const p of nested) {
    mc += p.confidence / n;
    my += (p.right ? 1 : 0) / n;
  }
  let cov = 0;
  let v = 0;
  for (const p of nested) {
    cov += (p.confidence - mc) * ((p.right ? 1 : 0) - my);
    v += (p.confidence - mc) ** 2;
  }
  const slope = v > 0 ? cov / v : 1;
  return { slope: round(slope, 4), intercept: round(my - slope * mc, 4), n };
}

/**
 * The step map the coder keeps: the one {@link fitStep} gives, if it states the nested points more
 * closely (cross-fitted) than the level maps alone; otherwise none. A model fitted on titles of
 * several sources can meet its level maps as closely as the step map would.
 */
export function chooseStep(nested: readonly StatedPoint[], folds: number): StepMap | undefined {
  return keptIfCloser(nested, folds, fitStep, applyStep);
}

/**
 * The nested cross-validation's points with a step map fitted on the other folds' points only
 * (cross-fitting): what the step map promises on titles it was not fitted to.
 */
export function crossFittedSteps(nested: readonly StatedPoint[], folds: number): StatedPoint[] {
  return crossFitted(nested, folds, fitStep, applyStep);
}

/** The map fitted on all points, if through maps fitted on the other folds each fold's points come closer to their accuracy. */
function keptIfCloser<P extends { fold: number; confidence: number; right: boolean }, M>(
  points: readonly P[],
  folds: number,
  fit: (points: readonly P[]) => M,
  apply: (map: M, confidence: number) => number,
): M | undefined {
  return reliability(crossFitted(points, folds, fit, apply)).ece < reliability(points).ece ? fit(points) : undefined;
}

/** Each fold's points through a map fitted on the other folds' points only. */
function crossFitted<P extends { fold: number; confidence: number }, M>(
  points: readonly P[],
  folds: number,
  fit: (points: readonly P[]) => M,
  apply: (map: M, confidence: number) => number,
): P[] {
  const out: P[] = [];
  for (let k = 0; k < folds; k++) {
    const map = fit(points.filter((p) => p.fold !== k));
    for (const p of points) if (p.fold === k) out.push({ ...p, confidence: apply(map, p.confidence) });
  }
  return out;
}

/**
 * What a calibration fitted on fold models' held-out predictions states for a model fitted on more
 * titles, one step down (nested cross-validation): for each fold, maps fitted on the inner
 * cross-validated predictions of the other folds (models of (k − 2)/k of the titles, each inner fold
 * read with the dictionaries the rest could have written) applied to the fold's predictions by the
 * model of the other folds ((k − 1)/k, `held`). The stored maps meet the model fitted on all titles
 * in the same way, one step further.
 */
export function nestedConfidences(
  titles: readonly LabelledTitle[],
  held: readonly HeldOut[],
  foldExamples: (inFold: readonly boolean[]) => readonly TrainingExample[],
  tree: OccupationTree,
  decision: DecisionThresholds,
  folds: number,
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
): StatedPoint[] {
  const points: StatedPoint[] = [];
  const fold = titles.map((t) => foldOf(t.id, folds));
  const innerFold = titles.map((t) => foldOf(`${t.id}:inner`, folds - 1));
  for (let k = 0; k < folds; k++) {
    const inner: HeldOut[] = [];
    for (let j = 0; j < folds - 1; j++) {
      const out = titles.map((_, i) => fold[i] === k || innerFold[i] === j);
      const examples = foldExamples(out);
      const w = trainWeights(
        examples.filter((_, i) => i >= titles.length || !out[i]),
        tree,
        options,
      );
      titles.forEach((t, i) => {
        if (fold[i] !== k && innerFold[i] === j) inner.push({ ...predict(examples[i]!.analysis, w, tree), label: t.label });
      });
    }
    points.push(...statedPoints(fitCalibration(inner, tree, decision), held, k, fold, tree, decision));
  }
  return points;
}

/**
 * Stated confidences of cross-validated predictions, each calibrated by a map fitted on the other
 * folds' predictions only (cross-fitting), with whether the code is right at the level it states:
 * what the calibration promises on titles it was not fitted to.
 */
export function crossFittedConfidences(
  titles: readonly LabelledTitle[],
  held: readonly HeldOut[],
  tree: OccupationTree,
  decision: DecisionThresholds,
  folds: number,
): StatedPoint[] {
  const points: StatedPoint[] = [];
  const fold = titles.map((t) => foldOf(t.id, folds));
  for (let k = 0; k < folds; k++) {
    const fit = fitCalibration(
      held.filter((_, i) => fold[i] !== k),
      tree,
      decision,
    );
    points.push(...statedPoints(fit, held, k, fold, tree, decision));
  }
  return points;
}

/** A calibration-set title's stated confidence, whether it is right at the stated level, and its fold. */
export interface FreshPoint {
  confidence: number;
  right: boolean;
  fold: number;
}

/**
 * The points a coder states on labelled titles (uncoded titles state nothing), each with the fold
 * {@link foldOf} gives its id.
 */
export function freshPoints(
  code: (title: string, context: string) => { code: string | null; level: OccupationLevel | null; confidence: number },
  titles: readonly LabelledTitle[],
  tree: OccupationTree,
  folds: number,
): FreshPoint[] {
  const out: FreshPoint[] = [];
  for (const t of titles) {
    const m = code(t.title, t.context);
    if (m.code !== null) out.push({ confidence: m.confidence, right: rightAtStatedLevel(t.label, m, tree), fold: foldOf(t.id, folds) });
  }
  return out;
}

/** The last calibration map ({@link OccupationCalibration.fresh}): a Platt map of the points' outcomes. */
export function fitFresh(points: readonly FreshPoint[]): PlattMap {
  const { a, b } = plattFit(points.map((p) => ({ x: p.confidence, y: p.right ? 1 : 0 })));
  return { a: round(a, 4), b: round(b, 4), n: points.length };
}

/** The last map the coder keeps: the one {@link fitFresh} gives, if it states the points more closely (cross-fitted); otherwise none. */
export function chooseFresh(points: readonly FreshPoint[], folds: number): PlattMap | undefined {
  return keptIfCloser(points, folds, fitFresh, applyPlatt);
}

/** The points through a map fitted on the other folds' points only: what the map promises on titles it was not fitted to. */
export function crossFittedFresh(points: readonly FreshPoint[], folds: number): FreshPoint[] {
  return crossFitted(points, folds, fitFresh, applyPlatt);
}
