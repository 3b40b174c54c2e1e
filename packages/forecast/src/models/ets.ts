import { nelderMead } from '../core/nelder-mead.js';
import type { ModelForecast } from '../core/types.js';

/** Error and trend components of a non-seasonal ETS model (Hyndman et al. 2008 taxonomy). */
export interface EtsSpec {
  error: 'A' | 'M';
  trend: 'N' | 'A' | 'Ad';
}

/** A fitted ETS model: smoothing parameters, initial and final states, likelihood and AICc. */
export interface EtsFit {
  spec: EtsSpec;
  name: string;
  alpha: number;
  beta: number;
  phi: number;
  l0: number;
  b0: number;
  /** Level and trend after the last observation (the forecast origin). */
  level: number;
  slope: number;
  /** Residual variance (relative errors for multiplicative models), as R's `ets` computes it. */
  sigma2: number;
  /** -2 log-likelihood up to the constant R's `ets` also drops. */
  lik: number;
  aicc: number;
  n: number;
  np: number;
}

const LO = 1e-4;
const HI = 0.9999;
const PHI_LO = 0.8;
const PHI_HI = 0.98;

const sig = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

/** Name in R's notation, e.g. `ETS(M,Ad,N)`. */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},N)`;
}

/** Free parameters (smoothing, damping and initial states), as R's ets counts them. */
export function etsParameterCount(spec: EtsSpec): number {
  return spec.trend === 'N' ? 2 : spec.trend === 'A' ? 4 : 5;
}

/**
 * Run the ETS recursion once and return -2 log-likelihood (without constant), or Infinity when a
 * multiplicative model meets a non-positive one-step forecast. `state` receives the final states.
 */
function etsLik(
  y: Float64Array,
  mult: boolean,
  trend: number, // 0 none, 1 additive, 2 damped
  alpha: number,
  beta: number,
  phi: number,
  l0: number,
  b0: number,
  state?: Float64Array,
): number {
  let l = l0;
  let b = trend === 0 ? 0 : b0;
  const ph = trend === 2 ? phi : 1;
  let sse = 0;
  let prod = 1;
  let slog = 0;
  const n = y.length;
  for (let t = 0; t < n; t++) {
    const pb = trend === 0 ? 0 : ph * b;
    const yhat = l + pb;
    const yt = y[t]!;
    if (mult) {
      if (!(yhat > 0)) return Infinity;
      const e = (yt - yhat) / yhat;
      sse += e * e;
      // A running product with occasional renormalisation avoids one log per step.
      prod *= yhat;
      if (prod > 1e150 || prod < 1e-150) {
        slog += Math.log(prod);
        prod = 1;
      }
      l = yhat * (1 + alpha * e);
      if (trend !== 0) b = pb + beta * yhat * e;
    } else {
      const e = yt - yhat;
      sse += e * e;
      l = yhat + alpha * e;
      if (trend !== 0) b = pb + beta * e;
    }
  }
  if (state) {
    state[0] = l;
    state[1] = b;
    state[2] = sse;
  }
  if (!(sse > 0)) sse = 1e-300;
  return n * Math.log(sse) + 2 * (slog + Math.log(prod));
}

/**
 * Fit one non-seasonal ETS model by maximum likelihood (Nelder–Mead over logistic-transformed
 * parameters within R's "usual" bounds: 1e-4 ≤ β < α ≤ 0.9999, 0.8 ≤ φ ≤ 0.98, initial states free).
 * Returns undefined when the series is too short for the model (n ≤ parameters + 4, R's rule) or
 * a multiplicative model meets non-positive data.
 */
export function fitEts(y: Float64Array, spec: EtsSpec): EtsFit | undefined {
  const n = y.length;
  const npars = etsParameterCount(spec);
  if (n <= npars + 4) return undefined;
  const mult = spec.error === 'M';
  if (mult) for (let t = 0; t < n; t++) if (!(y[t]! > 0)) return undefined;
  const trend = spec.trend === 'N' ? 0 : spec.trend === 'A' ? 1 : 2;
  // Initial states as R's initstate: a regression on the first (up to) ten points.
  const maxn = Math.min(10, n);
  let l0i: number;
  let b0i = 0;
  if (trend === 0) {
    let s = 0;
    for (let t = 0; t < maxn; t++) s += y[t]!;
    l0i = s / maxn;
  } else {
    let sx = 0,
      sy = 0,
      sxx = 0,
      sxy = 0;
    for (let t = 0; t < maxn; t++) {
      const x = t + 1;
      sx += x;
      sy += y[t]!;
      sxx += x * x;
      sxy += x * y[t]!;
    }
    b0i = (maxn * sxy - sx * sy) / (maxn * sxx - sx * sx);
    l0i = (sy - b0i * sx) / maxn;
    if (mult && l0i + b0i <= 0) l0i = Math.max(y[0]!, 1e-3) - b0i;
  }
  let scale = 0;
  for (let t = 1; t < n; t++) scale += Math.abs(y[t]! - y[t - 1]!);
  scale = scale / (n - 1) || Math.abs(l0i) * 0.1 || 1;

  const decode = (x: Float64Array, out: Float64Array) => {
    const alpha = LO + (HI - LO) * sig(x[0]!);
    out[0] = alpha;
    let k = 1;
    out[1] = 0;
    out[2] = 1;
    if (trend !== 0) {
      out[1] = LO + Math.max(alpha - LO, 0) * sig(x[k++]!);
      if (trend === 2) out[2] = PHI_LO + (PHI_HI - PHI_LO) * sig(x[k++]!);
    }
    out[3] = l0i + scale * x[k++]!;
    out[4] = trend !== 0 ? b0i + scale * 0.1 * x[k]! : 0;
  };
  const p = new Float64Array(5);
  const f = (x: Float64Array) => {
    decode(x, p);
    return etsLik(y, mult, trend, p[0]!, p[1]!, p[2]!, p[3]!, p[4]!);
  };
  const x0: number[] = [logit(0.2)];
  if (trend !== 0) x0.push(logit(0.1));
  if (trend === 2) x0.push(logit(0.9));
  x0.push(0);
  if (trend !== 0) x0.push(0);
  const maxEval = 150 * x0.length;
  let res = nelderMead(f, x0, { step: 0.5, maxEval, tol: 1e-8 });
  // A restart from the optimum when the budget ran out: the simplex can collapse early on short series.
  if (res.evaluations >= maxEval || trend === 1) {
    const res2 = nelderMead(f, res.x, { step: 0.2, maxEval: 50 * x0.length, tol: 1e-9 });
    if (res2.value <= res.value) res = res2;
  }
  if (!Number.isFinite(res.value)) return undefined;
  decode(res.x, p);
  const st = new Float64Array(3);
  const lik = etsLik(y, mult, trend, p[0]!, p[1]!, p[2]!, p[3]!, p[4]!, st);
  const np = npars + 1;
  const aic = lik + 2 * np;
  const aicc = n - np - 1 > 0 ? aic + (2 * np * (np + 1)) / (n - np - 1) : Infinity;
  return {
    spec,
    name: etsName(spec),
    alpha: p[0]!,
    beta: p[1]!,
    phi: p[2]!,
    l0: p[3]!,
    b0: p[4]!,
    level: st[0]!,
    slope: st[1]!,
    // R divides by n minus the fitted parameters (sigma not counted), so intervals match forecast::ets.
    sigma2: st[2]! / Math.max(n - npars, 1),
    lik,
    aicc,
    n,
    np,
  };
}

/**
 * Forecast from a fitted ETS model. Additive-error models get the analytic (class 1) variance;
 * multiplicative-error models the exact class-2 variance with normal quantiles (as R).
 */
export function forecastEts(fit: EtsFit, h: number): ModelForecast {
  const { alpha, beta, level, slope } = fit;
  const trend = fit.spec.trend;
  const phi = trend === 'Ad' ? fit.phi : 1;
  const mean = new Float64Array(h);
  let phiSum = 0;
  let phik = 1;
  for (let i = 0; i < h; i++) {
    if (trend !== 'N') {
      phik *= phi;
      phiSum += phik;
    }
    mean[i] = level + (trend === 'N' ? 0 : phiSum * slope);
  }
  const params = {
    model: fit.name,
    alpha,
    beta: trend === 'N' ? undefined : beta,
    phi: trend === 'Ad' ? phi : undefined,
    l0: fit.l0,
    b0: trend === 'N' ? undefined : fit.b0,
    sigma2: fit.sigma2,
    aicc: fit.aicc,
  };
  if (fit.spec.error === 'A') {
    const sd = new Float64Array(h);
    let acc = 1;
    let cj = 0;
    let phij = 0;
    let pp = 1;
    for (let i = 0; i < h; i++) {
      if (i > 0) {
        // c_j = α + β·(φ + … + φ^j): the weight of an error j steps back in the forecast.
        pp *= phi;
        phij += pp;
        cj = alpha + (trend === 'N' ? 0 : beta * phij);
        acc += cj * cj;
      }
      sd[i] = Math.sqrt(fit.sigma2 * acc);
    }
    return { method: fit.name, mean, sd, params };
  }
  // Multiplicative errors: the exact class-2 variance of Hyndman et al. (2008, ch. 6), as R's
  // forecast.ets uses: θ_1 = μ_1², θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j}, v_h = (1+σ²)θ_h − μ_h².
  const s2 = fit.sigma2;
  const c = new Float64Array(h);
  let pj = 0;
  let pw = 1;
  for (let j = 1; j < h; j++) {
    pw *= phi;
    pj += pw;
    c[j] = alpha + (trend === 'N' ? 0 : beta * pj);
  }
  const theta = new Float64Array(h);
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    let acc = 0;
    for (let j = 1; j <= i; j++) acc += c[j]! * c[j]! * theta[i - j]!;
    theta[i] = mean[i]! * mean[i]! + s2 * acc;
    sd[i] = Math.sqrt(Math.max((1 + s2) * theta[i]! - mean[i]! * mean[i]!, 0));
  }
  return { method: fit.name, mean, sd, params };
}

/** The non-seasonal model set R's `ets` searches by default (no multiplicative trend). */
export const ETS_MODELS: readonly EtsSpec[] = [
  { error: 'A', trend: 'N' },
  { error: 'A', trend: 'A' },
  { error: 'A', trend: 'Ad' },
  { error: 'M', trend: 'N' },
  { error: 'M', trend: 'A' },
  { error: 'M', trend: 'Ad' },
];

/**
 * Automatic ETS: fit every admissible model of {@link ETS_MODELS} by maximum likelihood and keep
 * the one with the smallest AICc (multiplicative errors only for strictly positive data).
 */
export function autoEts(y: Float64Array, models: readonly EtsSpec[] = ETS_MODELS): EtsFit | undefined {
  let best: EtsFit | undefined;
  for (const spec of models) {
    const fit = fitEts(y, spec);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}
