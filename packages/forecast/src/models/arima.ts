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
  /** Maximum-likelihood innovation variance. */
  sigma2: number;
  loglik: number;
  aicc: number;
  /** The differenced series and the Kalman state after its last point, for forecasting. */
  w: Float64Array;
  state: Float64Array;
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

/**
 * Exact Gaussian log-likelihood of an ARMA(p,q) with mean `mu`, by the Kalman filter on the
 * Harvey state-space form (state dimension r = max(p, q+1)), σ² concentrated out. The initial
 * state covariance solves the stationary Lyapunov equation. Returns NaN for an invalid model and
 * writes σ² and the predicted state after the last point into `out` when given.
 */
function armaLik(
  w: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  mu: number,
  out?: { sigma2: number; state: Float64Array },
): number {
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  const n = w.length;
  const R = new Float64Array(r);
  R[0] = 1;
  for (let i = 0; i < q; i++) R[i + 1] = theta[i]!;
  const T = (i: number) => (i < p ? phi[i]! : 0);
  // Lyapunov P = T P T' + R R', vectorised: (I − T⊗T) vec(P) = vec(RR').
  const m = r * r;
  const A = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let i = 0; i < r; i++)
    for (let j = 0; j < r; j++) {
      const row = i * r + j;
      A[row * m + row]! += 1;
      b[row] = R[i]! * R[j]!;
      // (T P T')_ij = Σ_k Σ_l T_ik P_kl T_jl, with T_ik = φ_i[k=0] + 1[k=i+1].
      const addTerm = (k: number, tik: number) => {
        if (tik === 0) return;
        if (T(j) !== 0) A[row * m + k * r + 0]! -= tik * T(j);
        if (j + 1 < r) A[row * m + k * r + j + 1]! -= tik;
      };
      addTerm(0, T(i));
      if (i + 1 < r) addTerm(i + 1, 1);
    }
  if (!solve(A, b, m)) return NaN;
  const P = b; // r×r, row-major
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
    for (let i = 0; i < r; i++) a[i] = T(i) * tmp[0]! + (i + 1 < r ? tmp[i + 1]! : 0);
    if (steady) continue;
    for (let i = 0; i < r; i++) col[i] = P[i * r]!;
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * r + j]! -= (col[i]! * col[j]!) / F;
    // Once F has converged to 1 the covariance no longer changes (Gardner et al. 1980).
    for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) TP[i * r + j] = T(i) * P[j]! + (i + 1 < r ? P[(i + 1) * r + j]! : 0);
    for (let i = 0; i < r; i++)
      for (let j = 0; j < r; j++) P[i * r + j] = TP[i * r]! * T(j) + (j + 1 < r ? TP[i * r + j + 1]! : 0) + R[i]! * R[j]!;
    if (Math.abs(P[0]! - 1) < 1e-9) steady = true;
  }
  const sigma2 = ssq / n;
  if (out) {
    out.sigma2 = sigma2;
    out.state = a;
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

/** Fit one ARIMA(p,d,q) by exact maximum likelihood (Nelder–Mead over PACF-transformed coefficients). */
export function fitArima(y: Float64Array, p: number, d: number, q: number, constant: boolean): ArimaFit | undefined {
  let w = y;
  for (let k = 0; k < d; k++) w = diff(w);
  const n = w.length;
  const k = p + q + (constant ? 1 : 0) + 1;
  if (n - k - 1 <= 0 || n < 3) return undefined;
  let wm = 0;
  for (let t = 0; t < n; t++) wm += w[t]!;
  wm /= n;
  let sd = 0;
  for (let t = 0; t < n; t++) sd += (w[t]! - wm) ** 2;
  sd = Math.sqrt(sd / n) || 1;
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
  const dim = p + q + (constant ? 1 : 0);
  let mu = constant ? wm : 0;
  let best: Float64Array = new Float64Array(dim);
  if (dim > 0) {
    const maxEval = 250 * dim;
    let res = nelderMead(nll, best, { step: 0.3, maxEval, tol: 1e-8 });
    if (res.evaluations >= maxEval) {
      const res2 = nelderMead(nll, res.x, { step: 0.1, maxEval: 100 * dim, tol: 1e-9 });
      if (res2.value <= res.value) res = res2;
    }
    if (!Number.isFinite(res.value)) return undefined;
    best = res.x;
  }
  mu = decode(best);
  const out = { sigma2: 0, state: new Float64Array(0) };
  const loglik = armaLik(w, phi, theta, mu, out);
  if (!Number.isFinite(loglik)) return undefined;
  let aicc = -2 * loglik + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
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
    sigma2: out.sigma2,
    loglik,
    aicc,
    w,
    state: out.state,
    name,
  };
}

/**
 * Automatic ARIMA after Hyndman & Khandakar (2008), non-seasonal, as R's auto.arima defaults:
 * d by repeated KPSS tests; a constant allowed when d ≤ 1; stepwise search over p, q ≤ 5 with
 * p + q ≤ 5 from the best of (2,d,2), (0,d,0), (1,d,0), (0,d,1), moving one order (or both, or
 * the constant) at a time while AICc improves. Models are fitted by exact maximum likelihood.
 */
export function autoArima(y: Float64Array, { maxOrder = 5 }: { maxOrder?: number } = {}): ArimaFit | undefined {
  const d = ndiffs(y);
  const allowConst = d <= 1;
  const tried = new Map<string, ArimaFit | undefined>();
  const fit = (p: number, q: number, c: boolean) => {
    if (p < 0 || q < 0 || p > maxOrder || q > maxOrder || p + q > maxOrder || (c && !allowConst)) return undefined;
    const key = `${p},${q},${c}`;
    if (!tried.has(key)) tried.set(key, fitArima(y, p, d, q, c));
    return tried.get(key);
  };
  let best: ArimaFit | undefined;
  const consider = (f: ArimaFit | undefined) => {
    if (f && Number.isFinite(f.aicc) && (!best || f.aicc < best.aicc - 1e-9)) {
      best = f;
      return true;
    }
    return false;
  };
  for (const [p, q] of [
    [2, 2],
    [0, 0],
    [1, 0],
    [0, 1],
  ] as const)
    consider(fit(p, q, allowConst));
  if (allowConst) consider(fit(0, 0, false));
  if (!best) return undefined;
  for (let iter = 0; iter < 100; iter++) {
    const b: ArimaFit = best;
    const moves: [number, number, boolean][] = [
      [b.p - 1, b.q, b.constant],
      [b.p + 1, b.q, b.constant],
      [b.p, b.q - 1, b.constant],
      [b.p, b.q + 1, b.constant],
      [b.p - 1, b.q - 1, b.constant],
      [b.p + 1, b.q + 1, b.constant],
      [b.p - 1, b.q + 1, b.constant],
      [b.p + 1, b.q - 1, b.constant],
      [b.p, b.q, !b.constant],
    ];
    let improved = false;
    for (const [p, q, c] of moves)
      if (consider(fit(p, q, c))) {
        improved = true;
        break;
      }
    if (!improved) break;
  }
  return best;
}

/**
 * Forecast from a fitted ARIMA: ARMA forecasts of the differenced series from the final Kalman
 * state, integrated back d times; variance σ² Σ ψ_j² from the ψ-weights of φ(B)(1−B)^d.
 */
export function forecastArima(fit: ArimaFit, y: Float64Array, h: number): ModelForecast {
  const { ar, ma, d, mu } = fit;
  const r = fit.state.length;
  const a = Float64Array.from(fit.state);
  const wf = new Float64Array(h);
  const next = new Float64Array(r);
  for (let i = 0; i < h; i++) {
    wf[i] = a[0]! + mu;
    for (let k = 0; k < r; k++) next[k] = (k < ar.length ? ar[k]! : 0) * a[0]! + (k + 1 < r ? a[k + 1]! : 0);
    a.set(next);
  }
  // Integrate: the last values of each differencing level anchor the cumulative sums.
  let levels: Float64Array[] = [y];
  for (let k = 0; k < d; k++) levels.push(diff(levels[k]!));
  let fc = wf;
  for (let k = d; k >= 1; k--) {
    const base = levels[k - 1]!;
    let last = base[base.length - 1]!;
    const out = new Float64Array(h);
    for (let i = 0; i < h; i++) out[i] = last += fc[i]!;
    fc = out;
  }
  levels = [];
  // φ*(B) = φ(B)(1 − B)^d, then ψ-weights.
  let poly = [1, ...Array.from(ar, (v) => -v)];
  for (let k = 0; k < d; k++) poly = poly.map((v, i) => v - (i > 0 ? poly[i - 1]! : 0)).concat([-poly[poly.length - 1]!]);
  const phiStar = poly.slice(1).map((v) => -v);
  const psi = new Float64Array(h);
  psi[0] = 1;
  for (let j = 1; j < h; j++) {
    let s = j <= ma.length ? ma[j - 1]! : 0;
    for (let i = 1; i <= Math.min(j, phiStar.length); i++) s += phiStar[i - 1]! * psi[j - i]!;
    psi[j] = s;
  }
  const sd = new Float64Array(h);
  let acc = 0;
  for (let i = 0; i < h; i++) {
    acc += psi[i]! * psi[i]!;
    sd[i] = Math.sqrt(fit.sigma2 * acc);
  }
  return {
    method: 'arima',
    mean: fc,
    sd,
    params: { model: fit.name, ar: Array.from(ar), ma: Array.from(ma), mu, sigma2: fit.sigma2, aicc: fit.aicc },
  };
}

/** Automatic ARIMA forecast, or undefined when no model can be fitted (series too short). */
export function autoArimaModel(y: Float64Array, h: number): ModelForecast | undefined {
  const fit = autoArima(y);
  return fit ? forecastArima(fit, y, h) : undefined;
}
