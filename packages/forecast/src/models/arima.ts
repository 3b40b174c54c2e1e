import { nelderMead } from '../core/nelder-mead.js';
import type { ModelForecast } from '../core/types.js';

/** A fitted non-seasonal ARIMA(p,d,q) model, with a constant (mean for d = 0, drift for d = 1) or not. */
export interface ArimaFit {
  p: number;
  d: number;
  q: number;
  constant: boolean;
  /** AR coefficients φ (y_t = φ_1 y_{t−1} + …), MA coefficients θ (… + θ_1 e_{t−1} + …). */
  ar: Float64Array;
  ma: Float64Array;
  mu: number;
  /**
   * Innovation variance as R's auto.arima reports and forecasts with it: the sum of squared
   * standardised innovations over (n − d − number of coefficients), not the ML value (÷ (n − d)).
   */
  sigma2: number;
  loglik: number;
  aicc: number;
  /** The differenced series, and the Kalman state after its last point and its covariance (÷ σ²), for forecasting. */
  w: Float64Array;
  state: Float64Array;
  P: Float64Array;
  name: string;
}

/** KPSS statistic for level stationarity with Bartlett lag trunc(3·√n/13), the lag R's ndiffs passes to urca::ur.kpss. */
export function kpssStatistic(x: Float64Array): number {
  const n = x.length;
  let mu = 0;
  for (let t = 0; t < n; t++) mu += x[t]!;
  mu /= n;
  let s = 0;
  let eta = 0;
  let s0 = 0;
  for (let t = 0; t < n; t++) {
    const e = x[t]! - mu;
    s += e;
    eta += s * s;
    s0 += e * e;
  }
  const L = Math.trunc((3 * Math.sqrt(n)) / 13);
  let lr = s0 / n;
  for (let l = 1; l <= L; l++) {
    let c = 0;
    for (let t = l; t < n; t++) c += (x[t]! - mu) * (x[t - l]! - mu);
    lr += (2 * (1 - l / (L + 1)) * c) / n;
  }
  return lr > 0 ? eta / (n * n) / lr : 0;
}

/** Number of differences (0–2) until the KPSS test no longer rejects stationarity at 5% (critical value 0.463), as R's ndiffs. */
export function ndiffs(y: Float64Array, maxD = 2): number {
  let x = y;
  let d = 0;
  const constant = (v: Float64Array) => v.every((a) => a === v[0]);
  while (d < maxD && x.length > 3 && !constant(x) && kpssStatistic(x) > 0.463) {
    x = diff(x);
    d++;
  }
  return d;
}

function diff(x: Float64Array): Float64Array {
  const out = new Float64Array(x.length - 1);
  for (let t = 1; t < x.length; t++) out[t - 1] = x[t]! - x[t - 1]!;
  return out;
}

/** Jones (1980) reparametrisation: unconstrained values → partial autocorrelations → stationary AR coefficients. */
function partrans(raw: Float64Array, off: number, p: number, out: Float64Array): void {
  const work = new Float64Array(p);
  for (let j = 0; j < p; j++) work[j] = out[j] = Math.tanh(raw[off + j]!);
  for (let j = 1; j < p; j++) {
    const a = out[j]!;
    for (let k = 0; k < j; k++) work[k]! -= a * out[j - k - 1]!;
    for (let k = 0; k < j; k++) out[k] = work[k]!;
  }
}

/** Solve A x = b in place (Gaussian elimination with partial pivoting); false when singular. */
function solve(A: Float64Array, b: Float64Array, m: number): boolean {
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(A[r * m + c]!) > Math.abs(A[piv * m + c]!)) piv = r;
    if (Math.abs(A[piv * m + c]!) < 1e-14) return false;
    if (piv !== c) {
      for (let k = 0; k < m; k++) {
        const t = A[c * m + k]!;
        A[c * m + k] = A[piv * m + k]!;
        A[piv * m + k] = t;
      }
      const t = b[c]!;
      b[c] = b[piv]!;
      b[piv] = t;
    }
    for (let r = c + 1; r < m; r++) {
      const f = A[r * m + c]! / A[c * m + c]!;
      if (f === 0) continue;
      for (let k = c; k < m; k++) A[r * m + k]! -= f * A[c * m + k]!;
      b[r]! -= f * b[c]!;
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < m; k++) s -= A[r * m + k]! * b[k]!;
    b[r] = s / A[r * m + r]!;
  }
  return true;
}

/** R = (1, θ_1, …, θ_q, 0…) of the Harvey form, of length r. */
function stateShock(theta: Float64Array, r: number): Float64Array {
  const R = new Float64Array(r);
  R[0] = 1;
  for (let i = 0; i < theta.length; i++) R[i + 1] = theta[i]!;
  return R;
}

/**
 * Stationary covariance (÷ σ²) of the ARMA state in the Harvey form (dimension r = max(p, q+1)):
 * the solution of the Lyapunov equation P = T P T' + R R', as R's arima starts its filter
 * (Gardner et al. 1980). Undefined when the system is singular (a unit AR root).
 */
function stationaryCovariance(phi: Float64Array, theta: Float64Array): Float64Array | undefined {
  const p = phi.length;
  const r = Math.max(p, theta.length + 1);
  const R = stateShock(theta, r);
  const T = transitionColumn(phi, r);
  // Vectorised: (I − T⊗T) vec(P) = vec(RR'), with T_ik = φ_i [k = 0] + [k = i + 1].
  // (T P T')_ij = Σ_k Σ_l T_ik P_kl T_jl; no closures here: this runs at every likelihood evaluation.
  const m = r * r;
  const A = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      const row = i * r + j;
      A[row * m + row]! += 1;
      b[row] = R[i]! * R[j]!;
      const tj = T[j]!;
      for (let e = 0; e < 2; e++) {
        // The two non-zero entries of row i of T: (k = 0, φ_i) and (k = i + 1, 1).
        const k = e === 0 ? 0 : i + 1;
        const tik = e === 0 ? T[i]! : i + 1 < r ? 1 : 0;
        if (tik === 0) continue;
        if (tj !== 0) A[row * m + k * r]! -= tik * tj;
        if (j + 1 < r) A[row * m + k * r + j + 1]! -= tik;
      }
    }
  return solve(A, b, m) ? b : undefined;
}

/** First column of the Harvey transition matrix: (φ_1, …, φ_p, 0, …) of length r. */
function transitionColumn(phi: Float64Array, r: number): Float64Array {
  const T = new Float64Array(r);
  T.set(phi.subarray(0, Math.min(phi.length, r)));
  return T;
}

/**
 * Sum of squared residuals exactly as R's arima reports them for d > 0 (`residuals`, from
 * ARIMA_Like): the Kalman filter on the undifferenced series `x` (regression part removed) with the
 * d differencing states in the state vector and a diffuse prior of variance κ = 1e6 on them. Its
 * first d residuals are x_t / √(≈ κ) rather than zero; R's auto.arima includes them in its
 * bias-adjusted σ², so the engine does too.
 */
function diffuseResidualSumOfSquares(x: Float64Array, d: number, phi: Float64Array, theta: Float64Array, Q0: Float64Array): number {
  const p = phi.length;
  const r = Math.max(p, theta.length + 1);
  const rd = r + d;
  // Δ: d = 1 → (1); d = 2 → (2, −1).
  const delta = d === 1 ? [1] : [2, -1];
  const Z = new Float64Array(rd);
  Z[0] = 1;
  for (let i = 0; i < d; i++) Z[r + i] = delta[i]!;
  const Tm = new Float64Array(rd * rd);
  for (let i = 0; i < p; i++) Tm[i * rd] = phi[i]!;
  for (let i = 0; i + 1 < r; i++) Tm[i * rd + i + 1] = 1;
  for (let j = 0; j < rd; j++) Tm[r * rd + j] = Z[j]!;
  for (let i = 1; i < d; i++) Tm[(r + i) * rd + r + i - 1] = 1;
  const Rv = new Float64Array(rd);
  Rv.set(stateShock(theta, r));
  let a = new Float64Array(rd);
  let P = new Float64Array(rd * rd);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * rd + j] = Q0[i * r + j]!;
  for (let i = 0; i < d; i++) P[(r + i) * rd + r + i] = 1e6;
  let ssq = 0;
  const M = new Float64Array(rd);
  for (let t = 0; t < x.length; t++) {
    if (t > 0) {
      const an = new Float64Array(rd);
      for (let i = 0; i < rd; i++) for (let k = 0; k < rd; k++) an[i]! += Tm[i * rd + k]! * a[k]!;
      const TP = new Float64Array(rd * rd);
      for (let i = 0; i < rd; i++)
        for (let j = 0; j < rd; j++) for (let k = 0; k < rd; k++) TP[i * rd + j]! += Tm[i * rd + k]! * P[k * rd + j]!;
      const Pn = new Float64Array(rd * rd);
      for (let i = 0; i < rd; i++)
        for (let j = 0; j < rd; j++) {
          let v = Rv[i]! * Rv[j]!;
          for (let k = 0; k < rd; k++) v += TP[i * rd + k]! * Tm[j * rd + k]!;
          Pn[i * rd + j] = v;
        }
      a = an;
      P = Pn;
    }
    let resid = x[t]!;
    for (let i = 0; i < rd; i++) resid -= Z[i]! * a[i]!;
    let gain = 0;
    for (let i = 0; i < rd; i++) {
      let v = 0;
      for (let k = 0; k < rd; k++) v += P[i * rd + k]! * Z[k]!;
      M[i] = v;
      gain += Z[i]! * v;
    }
    ssq += (resid * resid) / gain;
    for (let i = 0; i < rd; i++) a[i]! += (M[i]! * resid) / gain;
    for (let i = 0; i < rd; i++) for (let j = 0; j < rd; j++) P[i * rd + j]! -= (M[i]! * M[j]!) / gain;
  }
  return ssq;
}

/**
 * Exact Gaussian log-likelihood of an ARMA(p,q) with mean `mu`, by the Kalman filter on the
 * Harvey state-space form (state dimension r = max(p, q+1)), σ² concentrated out. The initial
 * state covariance solves the stationary Lyapunov equation. Returns NaN for an invalid model and
 * writes the sum of squared standardised innovations, the predicted state after the last point
 * and its covariance (in units of σ²) into `out` when given.
 */
function armaLik(
  w: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  mu: number,
  out?: { ssq: number; state: Float64Array; P: Float64Array },
): number {
  const p = phi.length;
  const r = Math.max(p, theta.length + 1);
  const n = w.length;
  const R = stateShock(theta, r);
  const T = transitionColumn(phi, r);
  const m = r * r;
  const P = stationaryCovariance(phi, theta);
  if (!P) return NaN;
  const a = new Float64Array(r);
  const TP = new Float64Array(m);
  const tmp = new Float64Array(r);
  const col = new Float64Array(r);
  let ssq = 0;
  let sumLogF = 0;
  let steady = false;
  for (let t = 0; t < n; t++) {
    const v = w[t]! - mu - a[0]!;
    const F = P[0]!;
    if (!(F > 0)) return NaN;
    ssq += (v * v) / F;
    sumLogF += Math.log(F);
    // Update then predict the state.
    for (let i = 0; i < r; i++) tmp[i] = a[i]! + (P[i * r]! / F) * v;
    for (let i = 0; i < r; i++) a[i] = T[i]! * tmp[0]! + (i + 1 < r ? tmp[i + 1]! : 0);
    if (steady) continue;
    for (let i = 0; i < r; i++) col[i] = P[i * r]!;
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j]! -= (col[i]! * col[j]!) / F;
    // Once F has converged to 1 the covariance no longer changes (Gardner et al. 1980).
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) TP[i * r + j] = T[i]! * P[j]! + (i + 1 < r ? P[(i + 1) * r + j]! : 0);
    for (let i = 0; i < r; i++)
      for (let j = 0; j < r; j++) P[i * r + j] = TP[i * r]! * T[j]! + (j + 1 < r ? TP[i * r + j + 1]! : 0) + R[i]! * R[j]!;
    if (Math.abs(P[0]! - 1) < 1e-9) steady = true;
  }
  const sigma2 = ssq / n;
  if (out) {
    out.ssq = ssq;
    out.state = a;
    out.P = P;
  }
  return -0.5 * (n * Math.log(2 * Math.PI * sigma2) + sumLogF + n);
}

/**
 * Smallest modulus of the roots of 1 + c_1 z + … + c_k z^k (Durand–Kerner iteration), used to
 * reject fits with AR or MA roots next to the unit circle, as R's auto.arima does (modulus < 1.01).
 */
export function minRootModulus(c: ArrayLike<number>): number {
  let k = c.length;
  while (k > 0 && Math.abs(c[k - 1]!) < 1e-12) k--;
  if (k === 0) return Infinity;
  // Monic form: z^k + (c_{k-1}/c_k) z^{k-1} + … + 1/c_k.
  const a = new Float64Array(k + 1);
  a[k] = 1;
  for (let i = 0; i < k; i++) a[i] = (i === 0 ? 1 : c[i - 1]!) / c[k - 1]!;
  const re = new Float64Array(k);
  const im = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    re[i] = Math.cos((2 * Math.PI * i) / k + 0.4) * 1.1;
    im[i] = Math.sin((2 * Math.PI * i) / k + 0.4) * 1.1;
  }
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    for (let i = 0; i < k; i++) {
      // p(z_i) by Horner, complex.
      let pr = 1;
      let pi = 0;
      for (let j = k - 1; j >= 0; j--) {
        const nr = pr * re[i]! - pi * im[i]! + a[j]!;
        pi = pr * im[i]! + pi * re[i]!;
        pr = nr;
      }
      let dr = 1;
      let di = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const xr = re[i]! - re[j]!;
        const xi = im[i]! - im[j]!;
        const nr = dr * xr - di * xi;
        di = dr * xi + di * xr;
        dr = nr;
      }
      const den = dr * dr + di * di || 1e-300;
      const qr = (pr * dr + pi * di) / den;
      const qi = (pi * dr - pr * di) / den;
      re[i]! -= qr;
      im[i]! -= qi;
      moved = Math.max(moved, Math.abs(qr) + Math.abs(qi));
    }
    if (moved < 1e-12) break;
  }
  let m = Infinity;
  for (let i = 0; i < k; i++) m = Math.min(m, Math.hypot(re[i]!, im[i]!));
  return m;
}

/** R's residual sum of squares for d > 0: the drift (if any) removed as R's regression on t = 1…n does. */
function residualSumOfSquaresR(y: Float64Array, d: number, phi: Float64Array, theta: Float64Array, drift: number): number {
  const Q0 = stationaryCovariance(phi, theta);
  if (!Q0) return NaN;
  const x = y.map((v, t) => v - drift * (t + 1));
  return diffuseResidualSumOfSquares(x, d, phi, theta, Q0);
}

/**
 * Conditional-sum-of-squares estimates, as R's arima computes them before maximum likelihood
 * (method "CSS-ML"): residuals from t = p on with earlier residuals taken as zero, minimised over
 * the raw coefficients (and the mean, in units of sd/√n around the sample mean) from zero.
 * Returns (φ, θ, mean offset), or undefined when the AR part is not stationary: R then stops
 * with "non-stationary AR part from CSS" and auto.arima skips the model.
 */
function cssEstimate(w: Float64Array, p: number, q: number, constant: boolean, wm: number, sd: number): Float64Array | undefined {
  const n = w.length;
  const resid = new Float64Array(n);
  const css = (x: Float64Array) => {
    const mu = constant ? wm + (sd * x[p + q]!) / Math.sqrt(n) : 0;
    let ssq = 0;
    for (let t = p; t < n; t++) {
      let e = w[t]! - mu;
      for (let j = 0; j < p; j++) e -= x[j]! * (w[t - j - 1]! - mu);
      for (let j = 0; j < Math.min(t - p, q); j++) e -= x[p + j]! * resid[t - j - 1]!;
      resid[t] = e;
      ssq += e * e;
    }
    return ssq;
  };
  const dim = p + q + (constant ? 1 : 0);
  const res = nelderMead(css, new Float64Array(dim), { step: 0.1, maxEval: 200 * dim, tol: 1e-8 });
  return p > 0 && !(minRootModulus(Array.from(res.x.subarray(0, p), (v) => -v)) > 1) ? undefined : res.x;
}

/**
 * Inverse of {@link partrans} (Durbin–Levinson run backwards, then atanh): unconstrained values
 * for stationary coefficients; undefined when they are not stationary (a PACF outside (−1, 1)).
 */
function invPartrans(coef: ArrayLike<number>): Float64Array | undefined {
  const p = coef.length;
  const next = Float64Array.from(coef);
  const work = new Float64Array(p);
  for (let j = p - 1; j > 0; j--) {
    const a = next[j]!;
    if (!(Math.abs(a) < 1)) return undefined;
    for (let k = 0; k < j; k++) work[k] = (next[k]! + a * next[j - k - 1]!) / (1 - a * a);
    for (let k = 0; k < j; k++) next[k] = work[k]!;
  }
  if (p > 0 && !(Math.abs(next[0]!) < 1)) return undefined;
  return next.map((v) => Math.atanh(v));
}

/**
 * Fit one ARIMA(p,d,q) as R's `Arima` / auto.arima's inner fit: models whose conditional-sum-of-
 * squares AR part is not stationary are rejected as R rejects them ({@link cssEstimate}); then
 * exact maximum likelihood from the CSS estimates (Nelder–Mead over PACF-transformed coefficients,
 * the mean or drift on the data scale); AICc with n − d observations; σ² bias-adjusted as R's auto.arima does. Fits
 * with AR or MA roots of modulus below 1.01 get an infinite AICc, as in R.
 */
export function fitArima(y: Float64Array, p: number, d: number, q: number, constant: boolean): ArimaFit | undefined {
  let w = y;
  for (let k = 0; k < d; k++) w = diff(w);
  const n = w.length;
  const ncoef = p + q + (constant ? 1 : 0);
  const k = ncoef + 1;
  if (n < 3 || n <= ncoef) return undefined;
  let wm = 0;
  for (let t = 0; t < n; t++) wm += w[t]!;
  wm /= n;
  let sd = 0;
  for (let t = 0; t < n; t++) sd += (w[t]! - wm) ** 2;
  sd = Math.sqrt(sd / n) || 1;
  const css = cssEstimate(w, p, q, constant, wm, sd);
  if (!css) return undefined;
  const phi = new Float64Array(p);
  const theta = new Float64Array(q);
  const decode = (x: Float64Array) => {
    if (p) partrans(x, 0, p, phi);
    if (q) {
      partrans(x, p, q, theta);
      for (let i = 0; i < q; i++) theta[i] = -theta[i]!;
    }
    return constant ? wm + (sd * x[p + q]!) / Math.sqrt(n) : 0;
  };
  const nll = (x: Float64Array) => {
    const mu = decode(x);
    const ll = armaLik(w, phi, theta, mu);
    return Number.isFinite(ll) ? -ll : Infinity;
  };
  // Two starts, keeping the higher likelihood: the CSS estimates, as R starts (MA terms from zero
  // where CSS left them non-invertible), and zero. The likelihood of short series is often
  // multimodal near the MA boundary; R's BFGS from the CSS start usually, not always, finds the
  // higher mode.
  let best: Float64Array = new Float64Array(ncoef);
  if (ncoef > 0) {
    const fromCss = new Float64Array(ncoef);
    const arStart = invPartrans(css.subarray(0, p));
    const maStart = invPartrans(Array.from(css.subarray(p, p + q), (v) => -v));
    if (arStart) fromCss.set(arStart, 0);
    if (maStart && maStart.every((v) => Math.abs(v) < 4)) fromCss.set(maStart, p);
    if (constant) fromCss[p + q] = css[p + q]!;
    const maxEval = 250 * ncoef;
    let top: { x: Float64Array; value: number } | undefined;
    for (const [start, step] of [
      [fromCss, 0.1],
      [best, 0.3],
    ] as const) {
      let res = nelderMead(nll, start, { step, maxEval, tol: 1e-10 });
      // A restart from the optimum: a simplex can collapse before it on short series.
      const res2 = nelderMead(nll, res.x, { step: 0.1, maxEval: 100 * ncoef, tol: 1e-11 });
      if (res2.value <= res.value) res = res2;
      if (!top || res.value < top.value) top = res;
    }
    if (!top || !Number.isFinite(top.value)) return undefined;
    best = top.x;
  }
  const mu = decode(best);
  const out = { ssq: 0, state: new Float64Array(0), P: new Float64Array(0) };
  const loglik = armaLik(w, phi, theta, mu, out);
  if (!Number.isFinite(loglik)) return undefined;
  // R: aicc = aic + 2k(k+1)/(n − k − 1), which is negative when n − k − 1 < 0 and infinite at 0.
  let aicc = -2 * loglik + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
  if (Number.isNaN(aicc)) aicc = Infinity;
  // Near-unit roots make forecasts unstable: such fits never win the AICc comparison.
  if (minRootModulus(Array.from(phi, (v) => -v)) < 1.01 || minRootModulus(theta) < 1.01) aicc = Infinity;
  const name = `ARIMA(${p},${d},${q})${constant ? (d === 0 ? ' with mean' : ' with drift') : ''}`;
  return {
    p,
    d,
    q,
    constant,
    ar: Float64Array.from(phi),
    ma: Float64Array.from(theta),
    mu,
    sigma2: (d > 0 ? residualSumOfSquaresR(y, d, phi, theta, constant ? mu : 0) : out.ssq) / (n - ncoef),
    loglik,
    aicc,
    w,
    state: out.state,
    P: out.P,
    name,
  };
}

/**
 * Automatic ARIMA after Hyndman & Khandakar (2008), non-seasonal, step for step as R's
 * auto.arima (forecast 8.20) with its defaults: d by repeated KPSS tests; a constant (mean for
 * d = 0, drift for d = 1) allowed when d ≤ 1; p, q ≤ min(5, ⌊n/3⌋); the best by AICc of the
 * start model (2,d,2) — (1,d,1) for n < 10 — (0,d,0), (1,d,0), (0,d,1) and (0,d,0) without the
 * constant; then moves in R's order (p−1, q−1, p+1, q+1, both down, p−1 q+1, p+1 q−1, both up,
 * the constant switched), restarting from every improvement, until none improves.
 */
export function autoArima(y: Float64Array): ArimaFit | undefined {
  const n = y.length;
  if (n < 3 || y.every((v) => v === y[0])) return undefined;
  const d = ndiffs(y);
  const allowConst = d <= 1;
  const maxP = Math.min(5, Math.floor(n / 3));
  const maxQ = Math.min(5, Math.floor(n / 3));
  const tried = new Map<string, ArimaFit | undefined>();
  const fit = (p: number, q: number, c: boolean) => {
    const key = `${p},${q},${c}`;
    if (!tried.has(key)) tried.set(key, fitArima(y, p, d, q, c));
    return tried.get(key);
  };
  const ic = (f: ArimaFit | undefined) => (f ? f.aicc : Infinity);
  const startP = Math.min(n < 10 ? 1 : 2, maxP);
  const startQ = Math.min(n < 10 ? 1 : 2, maxQ);
  let best = fit(startP, startQ, allowConst);
  const consider = (f: ArimaFit | undefined) => {
    if (ic(f) < ic(best)) {
      best = f;
      return true;
    }
    return false;
  };
  consider(fit(0, 0, allowConst));
  if (maxP > 0) consider(fit(1, 0, allowConst));
  if (maxQ > 0) consider(fit(0, 1, allowConst));
  if (allowConst) consider(fit(0, 0, false));
  if (!best || !Number.isFinite(best.aicc)) return undefined;
  for (let step = 0; step < 94; step++) {
    const { p, q, constant } = best;
    const moves: [number, number, boolean][] = [
      [p - 1, q, constant],
      [p, q - 1, constant],
      [p + 1, q, constant],
      [p, q + 1, constant],
      [p - 1, q - 1, constant],
      [p - 1, q + 1, constant],
      [p + 1, q - 1, constant],
      [p + 1, q + 1, constant],
    ];
    if (allowConst) moves.push([p, q, !constant]);
    let improved = false;
    for (const [mp, mq, mc] of moves) {
      if (mp < 0 || mq < 0 || mp > maxP || mq > maxQ || tried.has(`${mp},${mq},${mc}`)) continue;
      if (consider(fit(mp, mq, mc))) {
        improved = true;
        break;
      }
    }
    if (!improved) break;
  }
  return best;
}

/**
 * Forecast from a fitted ARIMA: ARMA forecasts of the differenced series from the final Kalman
 * state, integrated back d times. The variance is what R's predict.Arima (KalmanForecast) gives:
 * the covariance of the differenced forecast errors from the final state covariance P plus the
 * ψ-weights of later shocks, summed through the d integrations, times σ².
 */
export function forecastArima(fit: ArimaFit, y: Float64Array, h: number): ModelForecast {
  const { ar, ma, d, mu } = fit;
  const r = fit.state.length;
  const T = (k: number) => (k < ar.length ? ar[k]! : 0);
  // u_i = Z T^(i−1) (row vectors), ψ-weights, and the point forecasts of the differenced series.
  const u: Float64Array[] = [];
  const a = Float64Array.from(fit.state);
  const next = new Float64Array(r);
  const wf = new Float64Array(h);
  let row = new Float64Array(r);
  row[0] = 1;
  for (let i = 0; i < h; i++) {
    u.push(row);
    wf[i] = a[0]! + mu;
    for (let k = 0; k < r; k++) next[k] = T(k) * a[0]! + (k + 1 < r ? a[k + 1]! : 0);
    a.set(next);
    // (Z T^i)_k = Σ_j (Z T^(i−1))_j T_jk with T_jk = φ_j [k = 0] + [k = j + 1].
    const nr = new Float64Array(r);
    for (let j = 0; j < r; j++) {
      nr[0]! += row[j]! * T(j);
      if (j + 1 < r) nr[j + 1]! += row[j]!;
    }
    row = nr;
  }
  const psi = new Float64Array(h);
  psi[0] = 1;
  for (let j = 1; j < h; j++) {
    let s = j <= ma.length ? ma[j - 1]! : 0;
    for (let i = 1; i <= Math.min(j, ar.length); i++) s += ar[i - 1]! * psi[j - i]!;
    psi[j] = s;
  }
  const cov = new Float64Array(h * h);
  const P = fit.P;
  for (let i = 0; i < h; i++)
    for (let j = 0; j <= i; j++) {
      let c = 0;
      for (let k = 0; k < r; k++) for (let l = 0; l < r; l++) c += u[i]![k]! * P[k * r + l]! * u[j]![l]!;
      for (let m = 1; m <= j; m++) c += psi[i - m]! * psi[j - m]!;
      cov[i * h + j] = cov[j * h + i] = c;
    }
  // Integration: E = C e with C the d-fold cumulative-sum matrix.
  let C = new Float64Array(h * h);
  for (let i = 0; i < h; i++) C[i * h + i] = 1;
  for (let k = 0; k < d; k++) {
    const nc = new Float64Array(h * h);
    for (let l = 0; l < h; l++) {
      let acc = 0;
      for (let i = 0; i < h; i++) {
        acc += C[i * h + l]!;
        nc[i * h + l] = acc;
      }
    }
    C = nc;
  }
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    let v = 0;
    for (let l = 0; l <= i; l++) for (let m = 0; m <= i; m++) v += C[i * h + l]! * cov[l * h + m]! * C[i * h + m]!;
    sd[i] = Math.sqrt(Math.max(fit.sigma2 * v, 0));
  }
  // Integrate the point forecasts: the last values of each differencing level anchor the sums.
  const levels: Float64Array[] = [y];
  for (let k = 0; k < d; k++) levels.push(diff(levels[k]!));
  let fc = wf;
  for (let k = d; k >= 1; k--) {
    const base = levels[k - 1]!;
    let last = base[base.length - 1]!;
    const o = new Float64Array(h);
    for (let i = 0; i < h; i++) o[i] = last += fc[i]!;
    fc = o;
  }
  return {
    method: 'arima',
    mean: fc,
    sd,
    params: { model: fit.name, p: fit.p, d, q: fit.q, ar: Array.from(ar), ma: Array.from(ma), mu, sigma2: fit.sigma2, aicc: fit.aicc },
  };
}

/** Automatic ARIMA forecast, or undefined when no model can be fitted (series too short). */
export function autoArimaModel(y: Float64Array, h: number): ModelForecast | undefined {
  const fit = autoArima(y);
  return fit ? forecastArima(fit, y, h) : undefined;
}
