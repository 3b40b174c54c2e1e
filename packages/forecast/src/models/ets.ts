import { nashNelderMead } from '../core/nelder-mead.js';
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
  /** Fitted by R's rule for series too short for the model ({@link tinyHoltWinters}). */
  tiny?: boolean;
}

/** Optimisation criterion: R's `ets` default ("lik") or the one-step MSE R's `ses`/`holt` use. */
export type EtsCriterion = 'lik' | 'mse';

// R's default "usual" bounds: lower = (1e-4, 1e-4, 1e-4, 0.8), upper = (0.9999, 0.9999, 0.9999, 0.98).
const LO = 1e-4;
const HI = 0.9999;
const PHI_LO = 0.8;
const PHI_HI = 0.98;
/** R's etscalc marks an impossible forecast with this value. */
const NA_CODE = -99999;

/** Name in R's notation, e.g. `ETS(M,Ad,N)`. */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},N)`;
}

/** Free parameters (smoothing, damping and initial states), as R's ets counts them. */
export function etsParameterCount(spec: EtsSpec): number {
  return spec.trend === 'N' ? 2 : spec.trend === 'A' ? 4 : 5;
}

/**
 * One pass of the ETS recursion exactly as R's etscalc (forecast 8.20, src/etscalc.c) computes it,
 * so the optimiser sees the same values R's does. Returns the criterion: -2 log-likelihood without
 * constants, n·log(SSE) (+ 2 Σ log|ŷ_t| for multiplicative errors), or the one-step MSE.
 * `state`, when given, receives the final level, slope and the sum of squared (relative) errors.
 */
function etsObjective(
  y: Float64Array,
  mult: boolean,
  trended: boolean,
  alpha: number,
  beta: number,
  phi: number,
  l0: number,
  b0: number,
  criterion: EtsCriterion,
  state?: Float64Array,
): number {
  let l = l0;
  let b = trended ? b0 : 0;
  let sse = 0;
  let logf = 0;
  let mse = 0;
  const n = y.length;
  const wantMse = criterion === 'mse';
  const beta1 = trended ? beta / alpha : 0;
  for (let t = 0; t < n; t++) {
    const oldl = l;
    const phib = trended ? phi * b : 0;
    const q = oldl + phib; // one-step forecast
    const yt = y[t]!;
    const d = yt - q;
    // R keeps the MSE as a running mean: the same rounding as R's.
    if (wantMse) mse = (mse * t + d * d) / (t + 1);
    l = q + alpha * d;
    if (trended) b = phib + beta1 * (l - oldl - phib);
    if (mult) {
      const e = d / q;
      sse += e * e;
      logf += Math.log(Math.abs(q));
    } else sse += d * d;
  }
  if (state) {
    state[0] = l;
    state[1] = b;
    state[2] = sse;
  }
  if (criterion === 'mse') return mse;
  let lik = n * Math.log(sse);
  if (mult) lik += 2 * logf;
  // As R's target function: no perfect fits, NaN is infinitely bad, R's NA code is rejected.
  if (lik < -1e10) lik = -1e10;
  if (Number.isNaN(lik) || Math.abs(lik - NA_CODE) < 1e-7) return Infinity;
  return lik;
}

/**
 * R's parameter space with bounds = "both": the usual bounds (1e-4 ≤ α ≤ 0.9999,
 * 1e-4 ≤ β ≤ min(α, 0.9999), 0.8 ≤ φ ≤ 0.98) intersected with the admissible region of the
 * non-seasonal model (1 − 1/φ ≤ α ≤ 1 + 1/φ, α(φ − 1) ≤ β ≤ (1 + φ)(2 − α), 0 ≤ φ ≤ 1).
 */
function inParameterSpace(alpha: number, beta: number | undefined, phi: number | undefined): boolean {
  if (alpha < LO || alpha > HI) return false;
  if (beta !== undefined && (beta < LO || beta > alpha || beta > HI)) return false;
  if (phi !== undefined && (phi < PHI_LO || phi > PHI_HI)) return false;
  const ph = phi ?? 1;
  if (ph < 0 || ph > 1 + 1e-8) return false;
  if (alpha < 1 - 1 / ph || alpha > 1 + 1 / ph) return false;
  if (beta !== undefined && (beta < alpha * (ph - 1) || beta > (1 + ph) * (2 - alpha))) return false;
  return true;
}

/** Initial states as R's initstate: the mean, or a least-squares line, of the first (up to) ten points. */
function initialStates(y: Float64Array, trended: boolean): [number, number] {
  const maxn = Math.min(10, y.length);
  let my = 0;
  for (let t = 0; t < maxn; t++) my += y[t]!;
  my /= maxn;
  if (!trended) return [my, 0];
  const mx = (maxn + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < maxn; t++) {
    sxy += (t + 1 - mx) * (y[t]! - my);
    sxx += (t + 1 - mx) ** 2;
  }
  let b0 = sxy / sxx;
  let l0 = my - b0 * mx;
  // R perturbs a zero first fitted value so multiplicative errors stay defined.
  if (Math.abs(l0 + b0) < 1e-8) {
    l0 *= 1 + 1e-3;
    b0 *= 1 - 1e-3;
  }
  return [l0, b0];
}

/**
 * R's etsmodel for one non-seasonal model: Nelder–Mead by R's own rules ({@link nashNelderMead},
 * at most 2000 evaluations, relative tolerance √ε) over (α, β, φ, l0, b0) on the raw scale from
 * R's starting values (α = 0.19, β = 0.1·α…, φ = 0.978, states from {@link initialStates}), with
 * points outside {@link inParameterSpace} infinitely bad. Undefined when the parameters (states
 * included) are not fewer than n − 1, as in R.
 */
function etsModel(y: Float64Array, spec: EtsSpec, criterion: EtsCriterion): EtsFit | undefined {
  const n = y.length;
  const npars = etsParameterCount(spec);
  if (npars >= n - 1) return undefined;
  const mult = spec.error === 'M';
  const trended = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  const alpha0 = LO + 0.2 * (HI - LO);
  const x0: number[] = [alpha0];
  if (trended) x0.push(LO + 0.1 * (Math.min(HI, alpha0) - LO));
  if (damped) x0.push(PHI_LO + 0.99 * (PHI_HI - PHI_LO));
  const [l0, b0] = initialStates(y, trended);
  x0.push(l0);
  if (trended) x0.push(b0);
  const iL = trended ? (damped ? 3 : 2) : 1;
  const f = (x: Float64Array) => {
    const alpha = x[0]!;
    const beta = trended ? x[1]! : undefined;
    const phi = damped ? x[2]! : undefined;
    if (!inParameterSpace(alpha, beta, phi)) return Infinity;
    return etsObjective(y, mult, trended, alpha, beta ?? 0, phi ?? 1, x[iL]!, trended ? x[iL + 1]! : 0, criterion);
  };
  const res = nashNelderMead(f, x0, { maxit: 2000 });
  const x = res.x;
  const alpha = x[0]!;
  const beta = trended ? x[1]! : 0;
  const phi = damped ? x[2]! : 1;
  const st = new Float64Array(3);
  const lik = etsObjective(y, mult, trended, alpha, beta, phi, x[iL]!, trended ? x[iL + 1]! : 0, 'lik', st);
  if (!Number.isFinite(lik)) return undefined;
  const np = npars + 1;
  const aic = lik + 2 * np;
  const aicc = n - np - 1 > 0 ? aic + (2 * np * (np + 1)) / (n - np - 1) : Infinity;
  return {
    spec,
    name: etsName(spec),
    alpha,
    beta,
    phi,
    l0: x[iL]!,
    b0: trended ? x[iL + 1]! : 0,
    level: st[0]!,
    slope: st[1]!,
    // R divides by n minus the fitted parameters, states included (sigma not counted).
    sigma2: st[2]! / (n - npars),
    lik,
    aicc,
    n,
    np,
  };
}

/**
 * Local minimisation on the unit box as R's optim(method = "L-BFGS-B") behaves on HoltWintersZZ's
 * SSE: gradients by central differences with R's step 1e-3 (one-sided at a bound); the first step
 * is the whole negative gradient projected onto the box — on an SSE scale that lands on the face
 * or corner the gradient points to — kept when it lowers the value (Armijo), halved otherwise;
 * later steps are projected Newton steps on a difference Hessian (gradient steps where it is not
 * positive definite), until the relative decrease falls below R's factr × ε = 2.2e-9.
 */
function boxDescent(f: (x: Float64Array) => number, start: readonly number[]): Float64Array {
  const d = start.length;
  const clip = (v: number) => Math.min(1, Math.max(0, v));
  let x = Float64Array.from(start);
  let fx = f(x);
  const h = 1e-3;
  const grad = (p: Float64Array) => {
    const g = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      const up = Float64Array.from(p);
      const dn = Float64Array.from(p);
      up[i] = Math.min(1, p[i]! + h);
      dn[i] = Math.max(0, p[i]! - h);
      g[i] = (f(up) - f(dn)) / (up[i]! - dn[i]!);
    }
    return g;
  };
  for (let iter = 0; iter < 200; iter++) {
    const g = grad(x);
    let dir: Float64Array;
    if (iter === 0) dir = g.map((gi) => -gi);
    else {
      // Newton direction from a difference Hessian, on the coordinates not pinned at a bound.
      const free = Array.from({ length: d }, (_, i) => !((x[i] === 0 && g[i]! > 0) || (x[i] === 1 && g[i]! < 0)));
      const H = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        const up = Float64Array.from(x);
        up[i] = x[i]! + (x[i]! + h <= 1 ? h : -h);
        const gi = grad(up);
        for (let j = 0; j < d; j++) H[j * d + i] = (gi[j]! - g[j]!) / (up[i]! - x[i]!);
      }
      dir = new Float64Array(d);
      const fi = free.flatMap((v, i) => (v ? [i] : []));
      if (fi.length === 1) {
        const i = fi[0]!;
        dir[i] = H[i * d + i]! > 0 ? -g[i]! / H[i * d + i]! : -g[i]!;
      } else if (fi.length === 2) {
        const [i, j] = fi as [number, number];
        const a = H[i * d + i]!;
        const b = (H[i * d + j]! + H[j * d + i]!) / 2;
        const c = H[j * d + j]!;
        const det = a * c - b * b;
        if (a > 0 && det > 0) {
          dir[i] = -(c * g[i]! - b * g[j]!) / det;
          dir[j] = -(a * g[j]! - b * g[i]!) / det;
        } else {
          dir[i] = -g[i]!;
          dir[j] = -g[j]!;
        }
      }
    }
    let step = 1;
    let moved = false;
    for (let k = 0; k < 40; k++) {
      const cand = x.map((xi, i) => clip(xi + step * dir[i]!));
      let slope = 0;
      for (let i = 0; i < d; i++) slope += g[i]! * (cand[i]! - x[i]!);
      const fc = f(cand);
      if (fc <= fx + 1e-3 * slope && fc < fx) {
        const rel = (fx - fc) / Math.max(Math.abs(fx), Math.abs(fc), 1);
        x = cand;
        fx = fc;
        moved = rel > 2.2e-9;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return x;
}

/**
 * What R's `ets` fits when the series is too short for its model (n ≤ parameters + 4): forecast's
 * HoltWintersZZ, exponential smoothing started at l0 = y1 (and b0 = y2 − y1 for a trend) with α
 * (and the Holt–Winters trend weight β*) minimising the in-sample SSE within [0, 1], searched
 * locally from R's start (0.2, 0.02) as R's L-BFGS-B is ({@link boxDescent}); σ² = SSE / n. R forecasts it with the
 * class-1 formulas, β* taking the place of β, and so does {@link forecastEts}.
 */
function tinyHoltWinters(y: Float64Array, trended: boolean): EtsFit | undefined {
  const n = y.length;
  if (n < (trended ? 3 : 2)) return undefined;
  const l0 = y[0]!;
  const b0 = trended ? y[1]! - y[0]! : 0;
  const run = (alpha: number, betaStar: number, state?: Float64Array) => {
    let l = l0;
    let b = b0;
    let sse = 0;
    for (let t = 0; t < n; t++) {
      const xhat = l + b;
      const res = y[t]! - xhat;
      sse += res * res;
      const nl = alpha * y[t]! + (1 - alpha) * xhat;
      if (trended) b = betaStar * (nl - l) + (1 - betaStar) * b;
      l = nl;
    }
    if (state) {
      state[0] = l;
      state[1] = b;
    }
    return sse;
  };
  const x = boxDescent((p) => run(p[0]!, trended ? p[1]! : 0), trended ? [0.2, 0.02] : [0.2]);
  const res = { x };
  const alpha = res.x[0]!;
  const beta = trended ? res.x[1]! : 0;
  const st = new Float64Array(2);
  const sse = run(alpha, beta, st);
  const spec: EtsSpec = { error: 'A', trend: trended ? 'A' : 'N' };
  return {
    spec,
    name: etsName(spec),
    alpha,
    beta,
    phi: 1,
    l0,
    b0,
    level: st[0]!,
    slope: st[1]!,
    sigma2: sse / n,
    lik: NaN,
    aicc: Infinity,
    n,
    np: trended ? 4 : 2,
    tiny: true,
  };
}

/**
 * Fit one non-seasonal ETS model by R's estimator (`ets(y, model = …, damped = …)`, forecast
 * 8.20): see {@link etsModel}; `criterion` "mse" is what R's `ses` and `holt` use. When the series
 * is too short for the model (n ≤ parameters + 4) R fits a non-optimised-state Holt–Winters model
 * instead ({@link tinyHoltWinters}); the engine does so for SES and Holt and returns undefined for
 * the damped trend (R would silently drop the damping) and for multiplicative errors (R would
 * silently use additive ones). Undefined also when a multiplicative model meets non-positive data.
 */
export function fitEts(y: Float64Array, spec: EtsSpec, criterion: EtsCriterion = 'lik'): EtsFit | undefined {
  if (y.length <= etsParameterCount(spec) + 4)
    return spec.error === 'A' && spec.trend !== 'Ad' ? tinyHoltWinters(y, spec.trend === 'A') : undefined;
  if (spec.error === 'M') for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) return undefined;
  return etsModel(y, spec, criterion);
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
 * Automatic ETS as R's `ets(y)`: every model of {@link ETS_MODELS} that R's etsmodel can fit
 * (parameters < n − 1; multiplicative errors only for strictly positive data) by maximum
 * likelihood, the smallest AICc kept. For n ≤ 6 R compares Holt and SES fitted by
 * {@link tinyHoltWinters} and keeps the one with the smaller σ²; so does this.
 */
export function autoEts(y: Float64Array, models: readonly EtsSpec[] = ETS_MODELS): EtsFit | undefined {
  if (y.length <= 6) {
    const holt = tinyHoltWinters(y, true);
    const ses = tinyHoltWinters(y, false);
    return holt && ses ? (holt.sigma2 < ses.sigma2 ? holt : ses) : (holt ?? ses);
  }
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) positive = false;
  let best: EtsFit | undefined;
  for (const spec of models) {
    if (spec.error === 'M' && !positive) continue;
    const fit = etsModel(y, spec, 'lik');
    if (fit && Number.isFinite(fit.aicc) && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best;
}
