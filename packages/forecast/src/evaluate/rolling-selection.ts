import type { MethodName } from '../core/types.js';
import { MIN_FITTED_LENGTH, runMethod } from '../forecast.js';
import { innerOrigins, inverseErrorWeights, WEIGHT_WINDOW } from '../models/inverse-error-weights.js';
import { modelQuantile } from '../models/combine.js';

/** An equal-weight combination of single methods (one member = that method alone). */
export interface CombinationSpec {
  name: string;
  members: readonly MethodName[];
  how: 'mean' | 'median';
  /** Per-series 1/MAE weights as in the engine's `combination` (mean only). Default equal. */
  weighting?: 'equal' | 'inverse-mae';
}

/** One rolling origin inside a series: fit on `y[0..end)`, score the next `horizon` points. */
export interface RollingOrigin {
  end: number;
  horizon: number;
}

/**
 * Every rolling origin of a series of length `n` whose training part has at least `minTrain`
 * points: ends n−1, n−2, …, minTrain, each scored on up to `h` following points (so the origins
 * near the end use shorter horizons). Latest origin first.
 */
export function rollingOrigins(n: number, h: number, minTrain: number): RollingOrigin[] {
  const out: RollingOrigin[] = [];
  for (let end = n - 1; end >= Math.max(1, minTrain); end--) out.push({ end, horizon: Math.min(h, n - end) });
  return out;
}

interface OriginData {
  /** False for the extra origins fitted only to weight members of later origins. */
  scored: boolean;
  /**
   * The origins whose errors weight this origin's members (`inverse-mae`): training ends e−1,
   * e−2, e−3 of the same training part, latest first, each scored up to e.
   */
  inner: OriginData[];
  test: Float64Array;
  /** In-sample mean absolute one-step naive error of the training part (MASE scale). */
  scale: number;
  /** Per member: [mean…, lower…, upper…] (3 × stored horizon) at the set's level, or null if unfitted. */
  members: (Float64Array | null)[];
}

/**
 * Member forecasts at every rolling origin of every series, computed once so that any number of
 * combinations of those members can be scored and calibrated without refitting.
 */
export interface ValidationSet {
  h: number;
  level: number;
  members: readonly MethodName[];
  series: OriginData[][];
  /** Seconds spent fitting, per member. */
  seconds: Record<string, number>;
}

/** Options of {@link buildValidationSet}. */
export interface ValidationOptions {
  /** Longest horizon scored at an origin. */
  h: number;
  /** Shortest training part of an origin. */
  minTrain: number;
  /** Central interval level (0–1) whose bounds are stored, default 0.95. */
  level?: number;
  /**
   * Fit on windows of exactly this many points (the last `window` points before each origin)
   * instead of the whole history before it: how series of that length are forecast. Origins
   * run from the end of each series back to `window` (`minTrain` is then ignored).
   */
  window?: number;
  /** Keep only the latest this many scored origins of each series (default all). */
  maxOrigins?: number;
  /** Window mode: only origins followed by all `h` points (scored on full horizons, like a test set). */
  fullHorizon?: boolean;
}

function naiveScale(y: Float64Array, start: number, end: number): number {
  let s = 0;
  for (let t = start + 1; t < end; t++) s += Math.abs(y[t]! - y[t - 1]!);
  return end - start > 1 ? s / (end - start - 1) : NaN;
}

/**
 * Fit every member at every rolling origin ({@link rollingOrigins}) of every series, or (with
 * `window`) on the last `window` points before every origin. Drift is always fitted too: it is
 * the fallback when none of a combination's members can be fitted, as in the engine. The inner
 * origins that per-series weights need are fitted as well, unscored, exactly as the engine would
 * see them: for the whole history, the up to {@link WEIGHT_WINDOW} earlier origins (not shorter
 * than the engine's minimum fitted length); for a window, the window's own shorter prefixes.
 * Pass training data only.
 */
export function buildValidationSet(
  seriesList: readonly ArrayLike<number>[],
  members: readonly MethodName[],
  opts: ValidationOptions,
): ValidationSet {
  const level = opts.level ?? 0.95;
  const all: MethodName[] = [...new Set<MethodName>([...members, 'drift'])];
  const seconds: Record<string, number> = Object.fromEntries(all.map((m) => [m, 0]));
  const pLo = (1 - level) / 2;
  const fitAt = (y: Float64Array, start: number, end: number, horizon: number, scored: boolean): OriginData => {
    const train = y.subarray(start, end);
    const fits = all.map((m) => {
      const t0 = performance.now();
      const f = runMethod(m, train, horizon);
      seconds[m]! += (performance.now() - t0) / 1000;
      if (!f) return null;
      const out = new Float64Array(3 * horizon);
      for (let i = 0; i < horizon; i++) {
        out[i] = f.mean[i]!;
        out[horizon + i] = modelQuantile(f, pLo, i);
        out[2 * horizon + i] = modelQuantile(f, 1 - pLo, i);
      }
      return out.every(Number.isFinite) ? out : null;
    });
    return { scored, inner: [], test: y.slice(end, end + horizon), scale: naiveScale(y, start, end), members: fits };
  };
  const series = seriesList.map((raw) => {
    const y = Float64Array.from(raw);
    const L = opts.window;
    if (L !== undefined) {
      const out: OriginData[] = [];
      const last = opts.fullHorizon ? y.length - opts.h : y.length - 1;
      for (let end = last; end >= L && out.length < (opts.maxOrigins ?? Infinity); end--) {
        const o = fitAt(y, end - L, end, Math.min(opts.h, y.length - end), true);
        // The window's own inner origins: ends L−1, L−2, L−3 inside it, each scored up to its end.
        o.inner = innerOrigins(L, MIN_FITTED_LENGTH).map((e) => fitAt(y, end - L, end - L + e, L - e, false));
        out.push(o);
      }
      return out;
    }
    const lowest = Math.min(opts.minTrain, Math.max(MIN_FITTED_LENGTH, opts.minTrain - WEIGHT_WINDOW));
    // Stored horizons reach at least WEIGHT_WINDOW so that inner-origin errors match the engine
    // even when fewer horizons are scored.
    const origins = rollingOrigins(y.length, Math.max(opts.h, WEIGHT_WINDOW), lowest).map(({ end, horizon }) =>
      fitAt(y, 0, end, horizon, end >= opts.minTrain),
    );
    origins.forEach((o, j) => (o.inner = origins.slice(j + 1, j + 1 + WEIGHT_WINDOW)));
    const scored = origins.filter((o) => o.scored);
    return opts.maxOrigins !== undefined && scored.length > opts.maxOrigins
      ? origins.slice(0, origins.indexOf(scored[opts.maxOrigins]!))
      : origins;
  });
  return { h: opts.h, level, members: all, series, seconds };
}

function aggregate(values: number[], how: 'mean' | 'median'): number {
  if (how === 'mean') return values.reduce((a, b) => a + b, 0) / values.length;
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * The combination's [mean…, lower…, upper…] at origin `o`, by the engine's rule: mean or median
 * of the fitted members' means and bounds (drift if none fits), or for `inverse-mae` a mean
 * weighted by 1 / MAE on the origin's inner origins (training ends e−1, e−2, e−3), each scored on
 * its points before the end e of `o`.
 */
function combineAt(set: ValidationSet, o: OriginData, spec: CombinationSpec): Float64Array {
  const idx = spec.members.map((m) => set.members.indexOf(m));
  if (idx.some((i) => i < 0)) throw new Error(`${spec.name}: a member was not fitted in the validation set`);
  let used = idx.filter((i) => o.members[i] !== null);
  if (used.length === 0) used = [set.members.indexOf('drift')].filter((i) => o.members[i] !== null);
  const out = new Float64Array(3 * o.test.length);
  if (used.length === 0) return out.fill(NaN);
  let weights: number[] | undefined;
  if (spec.weighting === 'inverse-mae' && spec.how === 'mean' && used.length > 1) {
    const sums = used.map((): number | undefined => 0);
    let points = 0;
    o.inner.forEach((inner, d0) => {
      const k = Math.min(d0 + 1, inner.test.length);
      used.forEach((mi, u) => {
        const f = inner.members[mi];
        if (!f || sums[u] === undefined) {
          sums[u] = undefined;
          return;
        }
        for (let i = 0; i < k; i++) sums[u] += Math.abs(inner.test[i]! - f[i]!);
      });
      points += k;
    });
    if (points > 0) weights = inverseErrorWeights(sums.map((v) => (v === undefined ? undefined : v / points)));
  }
  const fits = used.map((i) => o.members[i]!);
  for (let q = 0; q < out.length; q++) {
    out[q] = weights
      ? fits.reduce((a, f, u) => a + weights[u]! * f[q]!, 0)
      : aggregate(
          fits.map((f) => f[q]!),
          spec.how,
        );
  }
  return out;
}

/** Validation accuracy of one combination. */
export interface CombinationScore {
  name: string;
  /** Mean sMAPE: per series over all its origins × horizons, then over series. */
  smape: number;
  /** Mean MASE, same pooling. */
  mase: number;
  /** Coverage (0–1) of the raw (uncalibrated) interval at the set's level, same pooling. */
  coverage: number;
  /** (sMAPE / sMAPE_ref + MASE / MASE_ref) / 2 against the first combination scored; lower is better. */
  score: number;
}

/**
 * Every scored (origin, horizon) point of one series under a combination: the combined forecast
 * `f` (mean, then lower and upper bounds, each of length L) and the actual `y` at horizon `i`.
 * Shared by scoring and interval calibration so both see exactly the same points.
 */
function* scoredPoints(set: ValidationSet, origins: OriginData[], spec: CombinationSpec) {
  for (let j = 0; j < origins.length; j++) {
    const o = origins[j]!;
    if (!o.scored) continue;
    const f = combineAt(set, o, spec);
    const L = o.test.length;
    const hz = Math.min(set.h, L);
    for (let i = 0; i < hz; i++) yield { o, f, L, i, y: o.test[i]!, fc: f[i]! };
  }
}

/**
 * Score combinations on a validation set. Every (origin, horizon) point of a series counts once
 * within the series and every series counts once overall, as in the M3 test where each series
 * contributes the same number of points. Returned in input order (the first is the reference).
 */
export function scoreCombinations(set: ValidationSet, specs: readonly CombinationSpec[]): CombinationScore[] {
  const raw = specs.map((spec) => {
    let s = 0,
      m = 0,
      c = 0,
      ns = 0,
      nm = 0;
    for (const origins of set.series) {
      let ps = 0,
        pm = 0,
        pc = 0,
        ks = 0,
        km = 0;
      for (const { o, f, L, i, y, fc } of scoredPoints(set, origins, spec)) {
        if (!Number.isFinite(fc)) continue;
        const den = Math.abs(y) + Math.abs(fc);
        ps += den > 0 ? (200 * Math.abs(y - fc)) / den : 0;
        pc += y >= f[L + i]! && y <= f[2 * L + i]! ? 1 : 0;
        ks++;
        if (o.scale > 0 && Number.isFinite(o.scale)) {
          pm += Math.abs(y - fc) / o.scale;
          km++;
        }
      }
      if (ks > 0) {
        s += ps / ks;
        c += pc / ks;
        ns++;
      }
      if (km > 0) {
        m += pm / km;
        nm++;
      }
    }
    return { name: spec.name, smape: s / ns, mase: m / nm, coverage: c / ns };
  });
  const ref = raw[0]!;
  return raw.map((r) => ({ ...r, score: (r.smape / ref.smape + r.mase / ref.mase) / 2 }));
}

/**
 * Per-horizon factors that widen a combination's intervals (around its point forecast) so that
 * they cover `set.level` of the validation actuals. For horizon i, each point gives the ratio
 * |error| / half-width of the raw interval on the error's side; the factor is the weighted
 * quantile of these ratios, each series weighing 1 in total at that horizon (as in scoring), at
 * the finite-sample conformal level min(1, ⌈(S+1)·level⌉ / S) for S contributing series.
 * Points whose raw half-width is zero are skipped (no factor can widen them). Uncertainty cannot
 * shrink with the horizon, but which series reach a horizon changes with it, so the raw factors
 * can dip; they are made non-decreasing by isotonic regression (pool adjacent violators, weighted
 * by the number of contributing series), then rounded up to 0.01.
 */
export function calibrateIntervalScale(set: ValidationSet, spec: CombinationSpec): number[] {
  const perH: { r: number; w: number }[][] = Array.from({ length: set.h }, () => []);
  for (const origins of set.series) {
    const ratios: number[][] = Array.from({ length: set.h }, () => []);
    for (const { f, L, i, y, fc } of scoredPoints(set, origins, spec)) {
      const half = y >= fc ? f[2 * L + i]! - fc : fc - f[L + i]!;
      if (half > 0 && Number.isFinite(fc)) ratios[i]!.push(Math.abs(y - fc) / half);
    }
    ratios.forEach((r, i) => {
      for (const v of r) perH[i]!.push({ r: v, w: 1 / r.length });
    });
  }
  const raw: number[] = [];
  const weight: number[] = [];
  for (const pts of perH) {
    if (pts.length === 0) break;
    pts.sort((a, b) => a.r - b.r);
    const total = pts.reduce((a, p) => a + p.w, 0); // = number of contributing series
    const target = Math.min(1, Math.ceil((total + 1) * set.level - 1e-9) / total) * total;
    let acc = 0;
    let q = pts[pts.length - 1]!.r;
    for (const p of pts) {
      acc += p.w;
      if (acc >= target - 1e-9) {
        q = p.r;
        break;
      }
    }
    raw.push(q);
    weight.push(total);
  }
  return isotonicIncreasing(raw, weight).map((q) => Math.ceil(q * 100 - 1e-9) / 100);
}

/** Weighted least-squares non-decreasing fit (pool adjacent violators). */
export function isotonicIncreasing(values: readonly number[], weights: readonly number[]): number[] {
  const blocks: { v: number; w: number; n: number }[] = [];
  values.forEach((v, i) => {
    blocks.push({ v, w: weights[i]!, n: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.v > blocks[blocks.length - 1]!.v) {
      const b = blocks.pop()!;
      const a = blocks[blocks.length - 1]!;
      a.v = (a.v * a.w + b.v * b.w) / (a.w + b.w);
      a.w += b.w;
      a.n += b.n;
    }
  });
  return blocks.flatMap((b) => Array<number>(b.n).fill(b.v));
}
