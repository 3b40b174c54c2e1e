import { qnorm } from './core/normal.js';
import { prepareSeries } from './core/prepare-series.js';
import { seasonalIndices } from './core/seasonal.js';
import type { ForecastOptions, ForecastResult, Interval, MethodName, ModelForecast } from './core/types.js';
import { combineForecasts, modelQuantile } from './models/combine.js';
import { autoEts, fitEts, forecastEts } from './models/ets.js';
import { driftModel, meanModel, naiveModel, seasonalNaiveModel } from './models/simple.js';
import { dotmModel, thetaModel } from './models/theta.js';
import { innerOrigins, inverseErrorWeights } from './models/inverse-error-weights.js';
import { autoArimaModel } from './models/arima.js';

/** Series with fewer points than this use the short-series rule instead of fitted models. */
export const MIN_FITTED_LENGTH = 5;

/** How the engine's `auto` method forecasts: an equal-weight combination and its interval factors. */
export interface AutoConfig {
  members: readonly MethodName[];
  how: 'mean' | 'median';
  /** Equal weights, or per-series weights 1/MAE from the members' own recent errors ({@link combination}). */
  weighting: 'equal' | 'inverse-mae';
  /**
   * Factors (horizon 1, 2, …) that widen the combination's intervals around its point forecast:
   * the members' model-based intervals ignore parameter and model uncertainty and cover far less
   * than their nominal level on annual data. Horizons beyond the last use the last factor.
   */
  intervalScale: readonly number[];
}

/** Series with at most this many points use {@link AUTO_BY_LENGTH}; longer ones {@link AUTO_LONG}. */
export const AUTO_SHORT_MAX_LENGTH = 10;

/**
 * `auto` for series longer than {@link AUTO_SHORT_MAX_LENGTH}: chosen among the fixed candidates of
 * bench/forecast/select.ts by rolling-origin validation inside the M3 yearly training series
 * (every origin with at least 11 training points, horizons up to 6; the test points never used);
 * factors calibrated on the same origins to cover 95% (`calibrateIntervalScale`).
 * `npm run bench:forecast` repeats the selection and warns if it no longer matches.
 */
export const AUTO_LONG: AutoConfig = {
  members: ['dotm', 'drift', 'damped'],
  how: 'mean',
  weighting: 'inverse-mae',
  intervalScale: [1.63, 2.12, 2.29, 2.29, 2.35, 2.46],
};

/**
 * `auto` for series of 5 to {@link AUTO_SHORT_MAX_LENGTH} points (typical talent series), one
 * configuration per length: each chosen among the fixed short-series candidates of
 * bench/forecast/select.ts on windows of exactly that length inside the M3 yearly training series
 * (the latest six per series followed by six more training points, so scored on horizons 1–6 as
 * a test is), with interval factors calibrated on the same windows. Series of 3–4 points use the
 * `short` rule instead. `npm run bench:forecast` repeats every selection and warns on a mismatch.
 */
export const AUTO_BY_LENGTH: Readonly<Record<number, AutoConfig>> = {
  5: { members: ['dotm', 'ses', 'drift'], how: 'mean', weighting: 'equal', intervalScale: [1.61, 2.09, 2.49, 2.73, 2.96, 3.29] },
  6: { members: ['dotm', 'ses', 'drift'], how: 'mean', weighting: 'equal', intervalScale: [1.54, 1.99, 2.25, 2.55, 2.87, 3.25] },
  7: { members: ['dotm', 'drift', 'naive'], how: 'mean', weighting: 'inverse-mae', intervalScale: [1.59, 2.04, 2.24, 2.49, 2.87, 3.26] },
  8: { members: ['dotm', 'theta', 'drift'], how: 'median', weighting: 'equal', intervalScale: [1.46, 2.04, 2.19, 2.55, 3.13, 3.55] },
  9: { members: ['dotm', 'ses', 'drift'], how: 'mean', weighting: 'inverse-mae', intervalScale: [1.29, 1.74, 1.95, 2.21, 2.42, 2.62] },
  10: { members: ['dotm', 'ses', 'drift'], how: 'mean', weighting: 'inverse-mae', intervalScale: [1.39, 1.76, 1.97, 2.29, 2.44, 2.7] },
};

/** The `auto` configuration used for a (clean) series of `n` points. */
export function autoConfig(n: number): AutoConfig {
  return n > AUTO_SHORT_MAX_LENGTH ? AUTO_LONG : AUTO_BY_LENGTH[Math.max(5, n)]!;
}

/** SES, Holt and damped Holt as R's `ses` and `holt` fit them (one-step MSE, the ML optimum for additive errors). */
function etsMethod(y: Float64Array, h: number, spec: Parameters<typeof fitEts>[1], name: string): ModelForecast | undefined {
  const fit = fitEts(y, spec, 'mse');
  if (!fit) return undefined;
  return { ...forecastEts(fit, h), method: name };
}

/**
 * Run one named method on a clean series. Returns undefined when the method cannot be fitted
 * (too short, or multiplicative models on non-positive data); the caller then falls back.
 */
export function runMethod(method: MethodName, y: Float64Array, h: number, period = 1): ModelForecast | undefined {
  switch (method) {
    case 'naive':
      return naiveModel(y, h);
    case 'drift':
      return driftModel(y, h);
    case 'snaive':
      return seasonalNaiveModel(y, h, period);
    case 'mean':
      return meanModel(y, h);
    case 'ses':
      return etsMethod(y, h, { error: 'A', trend: 'N' }, 'ses');
    case 'holt':
      return etsMethod(y, h, { error: 'A', trend: 'A' }, 'holt');
    case 'damped':
      return etsMethod(y, h, { error: 'A', trend: 'Ad' }, 'damped');
    case 'ets': {
      const fit = autoEts(y);
      return fit ? { ...forecastEts(fit, h), method: 'ets' } : undefined;
    }
    case 'theta':
      return thetaModel(y, h);
    case 'dotm':
      return dotmModel(y, h);
    case 'arima':
      return autoArimaModel(y, h);
    case 'comb':
      return combination('comb', ['ses', 'holt', 'damped'], y, h, period);
    case 'auto': {
      const cfg = autoConfig(y.length);
      const c = combination('auto', cfg.members, y, h, period, cfg.how, cfg.weighting);
      if (!c) return undefined;
      const scaled = scaleIntervals(c, cfg.intervalScale);
      return {
        ...scaled,
        params: { ...scaled.params, configuration: cfg === AUTO_LONG ? 'AUTO_LONG' : `AUTO_BY_LENGTH[${Math.max(5, y.length)}]` },
      };
    }
  }
}

/** Widen (factor > 1) a forecast's intervals around its point forecast, per horizon. */
export function scaleIntervals(m: ModelForecast, factors: readonly number[]): ModelForecast {
  const k = (i: number) => factors[Math.min(i, factors.length - 1)] ?? 1;
  return {
    ...m,
    sd: undefined,
    quantile: (p, i) => m.mean[i]! + k(i) * (modelQuantile(m, p, i) - m.mean[i]!),
    params: { ...m.params, intervalScale: factors },
  };
}

/**
 * Combination of the members that can be fitted (at least one must be): equal-weight mean or
 * median, or (`inverse-mae`) a mean weighted per series by 1 / MAE of each member's own forecasts
 * from the last `WEIGHT_WINDOW` origins inside the series (training ends n−1, n−2, n−3,
 * each scored on the points after it up to n; ends shorter than {@link MIN_FITTED_LENGTH} are not
 * used). Equal weights when no inner origin is usable or a member cannot be fitted at one.
 */
export function combination(
  name: string,
  members: readonly MethodName[],
  y: Float64Array,
  h: number,
  period = 1,
  how: 'mean' | 'median' = 'mean',
  weighting: 'equal' | 'inverse-mae' = 'equal',
): ModelForecast | undefined {
  const fits: ModelForecast[] = [];
  const used: MethodName[] = [];
  for (const m of members) {
    const f = runMethod(m, y, h, period);
    if (f) {
      fits.push(f);
      used.push(m);
    }
  }
  if (fits.length === 0) return undefined;
  if (weighting === 'inverse-mae' && how === 'mean' && fits.length > 1) {
    const n = y.length;
    const sum = new Array<number | undefined>(used.length).fill(0);
    let points = 0;
    for (const e of innerOrigins(n, MIN_FITTED_LENGTH)) {
      const train = y.subarray(0, e);
      used.forEach((m, j) => {
        const f = sum[j] === undefined ? undefined : runMethod(m, train, n - e, period);
        if (!f) {
          sum[j] = undefined;
          return;
        }
        for (let i = 0; i < n - e; i++) sum[j]! += Math.abs(y[e + i]! - f.mean[i]!);
      });
      points += n - e;
    }
    const w = points > 0 ? inverseErrorWeights(sum.map((s) => (s === undefined ? undefined : s / points))) : undefined;
    if (w) return combineForecasts(name, fits, 'mean', w);
  }
  return combineForecasts(name, fits, how);
}

function zeroModel(h: number, value: number, method: string): ModelForecast {
  return { method, mean: new Float64Array(h).fill(value), sd: new Float64Array(h), params: {} };
}

function countZeros(y: Float64Array): number {
  let z = 0;
  for (let t = 0; t < y.length; t++) if (y[t] === 0) z++;
  return z;
}

/**
 * Choose and run the model for a prepared series under the short and awkward series rules:
 * - no observations: a flat zero forecast (method `none`), zero-width intervals;
 * - all values identical (incl. all zero): that value, zero-width intervals (`constant`);
 * - counts whose last two or more values are zero after a history without zeros: the series has
 *   stopped; forecast zero (`stopped`);
 * - fewer than 3 points: `naive`; 3 or 4 points: mean of naive and drift (`short`);
 * - half or more zeros: simple exponential smoothing of the rate (`ses`; `mean` if even that fails);
 * - otherwise the requested method, falling back to drift (then naive) when it cannot be fitted.
 */
function chooseModel(y: Float64Array, h: number, opts: ForecastOptions, notes: string[]): ModelForecast {
  const n = y.length;
  const method = opts.method ?? 'auto';
  const period = opts.period ?? 1;
  if (n === 0) return zeroModel(h, 0, 'none');
  let constant = true;
  for (let t = 1; t < n; t++) if (y[t] !== y[0]) constant = false;
  if (constant) {
    notes.push('constant series: flat forecast');
    return zeroModel(h, y[0]!, 'constant');
  }
  let tailZeros = 0;
  while (tailZeros < n && y[n - 1 - tailZeros] === 0) tailZeros++;
  if (opts.nonNegative && n >= 3 && tailZeros >= 2 && countZeros(y) === tailZeros) {
    notes.push('series has stopped (last two values zero): zero forecast');
    return zeroModel(h, 0, 'stopped');
  }
  if (n < 3) {
    notes.push(`only ${n} point(s): naive forecast`);
    return naiveModel(y, h);
  }
  if (n < MIN_FITTED_LENGTH && method !== 'naive' && method !== 'mean') {
    notes.push(`only ${n} points: mean of naive and drift`);
    return combineForecasts('short', [naiveModel(y, h), driftModel(y, h)]);
  }
  if (countZeros(y) * 2 >= n && method !== 'naive' && method !== 'mean' && method !== 'snaive') {
    notes.push('intermittent series (half or more zeros): exponential smoothing of the rate');
    return runMethod('ses', y, h, 1) ?? meanModel(y, h);
  }
  if (method !== 'snaive' && period > 1) {
    const adj = seasonalIndices(y, period);
    if (adj) {
      notes.push(`seasonal (period ${period}): ${adj.multiplicative ? 'multiplicative' : 'additive'} classical decomposition`);
      const sa = new Float64Array(n);
      for (let t = 0; t < n; t++) sa[t] = adj.multiplicative ? y[t]! / adj.indices[t % period]! : y[t]! - adj.indices[t % period]!;
      const m = runMethod(method, sa, h, 1) ?? driftModel(sa, h);
      const idx = (i: number) => adj.indices[(n + i) % period]!;
      const apply = (v: number, i: number) => (adj.multiplicative ? v * idx(i) : v + idx(i));
      return {
        method: m.method,
        mean: m.mean.map((v, i) => apply(v, i)),
        quantile: (p, i) => apply(modelQuantile(m, p, i), i),
        params: { ...m.params, seasonalIndices: Array.from(adj.indices) },
      };
    }
  }
  const m = runMethod(method, y, h, period);
  if (m) return m;
  notes.push(`${method} could not be fitted on ${n} points: drift used`);
  return driftModel(y, h);
}

/**
 * Beyond this magnitude (or below its inverse) sums of squared values overflow or underflow in
 * double precision; such series are fitted rescaled by a power of two (exact) and the forecasts
 * scaled back. Ordinary data never come near it, so fits stay identical to R's.
 */
const SAFE_MAGNITUDE = 2 ** 200;

/** The power of two to divide a series by before fitting: 1 inside the safe range. */
function rangeScale(y: Float64Array): number {
  let max = 0;
  for (let t = 0; t < y.length; t++) max = Math.max(max, Math.abs(y[t]!));
  if (max === 0 || (max < SAFE_MAGNITUDE && max > 1 / SAFE_MAGNITUDE)) return 1;
  return 2 ** Math.floor(Math.log2(max));
}

/** A forecast of the rescaled series, multiplied back to the data's scale. */
function rescaleModel(m: ModelForecast, scale: number): ModelForecast {
  return {
    method: m.method,
    mean: m.mean.map((v) => v * scale),
    quantile: (p, i) => modelQuantile(m, p, i) * scale,
    params: { ...m.params, fittedOnSeriesDividedBy: scale },
  };
}

/**
 * Forecast one series `h` steps ahead with point forecasts and prediction intervals.
 *
 * @example
 * const r = forecast([120, 131, 129, 140, 152, 149, 160, 171, 168, 180], { h: 3, nonNegative: true });
 * r.mean; r.lower95; r.upper95; r.method; // 'auto'
 */
export function forecast(series: ArrayLike<number | null | undefined>, opts: ForecastOptions): ForecastResult {
  const h = Math.max(1, Math.floor(opts.h));
  const prep = prepareSeries(series, opts);
  const notes = [...prep.notes];
  const hh = h + prep.trailingMissing;
  const scale = rangeScale(prep.y);
  if (scale !== 1) notes.push(`values divided by 2^${Math.log2(scale)} for fitting (magnitude outside the numerically safe range)`);
  const fitted = chooseModel(scale === 1 ? prep.y : prep.y.map((v) => v / scale), hh, opts, notes);
  const model = scale === 1 ? fitted : rescaleModel(fitted, scale);
  const levels = [...new Set([80, 95, ...(opts.level ?? [])])].filter((l) => l > 0 && l < 100).sort((a, b) => a - b);
  const skip = prep.trailingMissing;
  // Last-resort guard: a numerical failure must never put NaN or Infinity in front of a user.
  // The naive forecast replaces a non-finite value; where even its bound overflows, the bound
  // falls back to the point forecast (a zero-width interval).
  const fallback = prep.y.length > 0 ? naiveModel(prep.y, hh) : zeroModel(hh, 0, 'none');
  const mean = new Float64Array(h);
  let repairedMean = false;
  for (let i = 0; i < h; i++) {
    const v = model.mean[i + skip]!;
    if (Number.isFinite(v)) mean[i] = v;
    else {
      mean[i] = fallback.mean[i + skip]!;
      repairedMean = true;
    }
  }
  if (repairedMean) notes.push('non-finite point forecast replaced by the naive forecast');
  let repaired = false;
  const intervals: Interval[] = levels.map((level) => {
    const lower = new Float64Array(h);
    const upper = new Float64Array(h);
    const a = (1 - level / 100) / 2;
    for (let i = 0; i < h; i++) {
      let lo = modelQuantile(model, a, i + skip);
      let hi = modelQuantile(model, 1 - a, i + skip);
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
        repaired = true;
        const z = qnorm(1 - a) * (fallback.sd?.[i + skip] ?? 0);
        lo = Number.isFinite(mean[i]! - z) ? mean[i]! - z : mean[i]!;
        hi = Number.isFinite(mean[i]! + z) ? mean[i]! + z : mean[i]!;
      }
      lower[i] = Math.min(lo, mean[i]!);
      upper[i] = Math.max(hi, mean[i]!);
    }
    return { level, lower, upper };
  });
  if (repaired) notes.push('non-finite interval bound replaced by the naive interval (or the point forecast where that overflows too)');
  if (opts.nonNegative) {
    let clamped = false;
    const clamp = (arr: Float64Array) => {
      for (let i = 0; i < arr.length; i++)
        if (arr[i]! < 0) {
          arr[i] = 0;
          clamped = true;
        }
    };
    clamp(mean);
    for (const iv of intervals) {
      clamp(iv.lower);
      clamp(iv.upper);
    }
    if (clamped) notes.push('negative values clamped to 0 (non-negative quantity)');
  }
  const at = (l: number) => intervals.find((iv) => iv.level === l)!;
  return {
    mean,
    lower80: at(80).lower,
    upper80: at(80).upper,
    lower95: at(95).lower,
    upper95: at(95).upper,
    intervals,
    method: model.method,
    params: model.params,
    notes,
  };
}
