import { nelderMead } from '../core/nelder-mead.js';
import type { ModelForecast } from '../core/types.js';
import { fitEts } from './ets.js';

/**
 * The standard Theta method (Assimakopoulos & Nikolopoulos 2000) in Hyndman & Billah's form,
 * as R's `thetaf`: SES (fitted as R's `ses` does) plus half the slope of a linear regression on time.
 * Intervals are the SES ones centred on the theta forecast.
 */
export function thetaModel(y: Float64Array, h: number): ModelForecast | undefined {
  const n = y.length;
  const ses = fitEts(y, { error: 'A', trend: 'N' }, 'mse');
  if (!ses) return undefined;
  let sx = 0,
    sy = 0,
    sxx = 0,
    sxy = 0;
  for (let t = 0; t < n; t++) {
    sx += t;
    sy += y[t]!;
    sxx += t * t;
    sxy += t * y[t]!;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const alpha = Math.max(1e-10, ses.alpha);
  const tail = (1 - (1 - alpha) ** n) / alpha;
  const mean = new Float64Array(h);
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    mean[i] = ses.level + (slope / 2) * (i + tail);
    sd[i] = Math.sqrt(ses.sigma2 * (i * alpha * alpha + 1));
  }
  return { method: 'theta', mean, sd, params: { alpha, l0: ses.l0, drift: slope / 2, sigma2: ses.sigma2 } };
}

/**
 * One-step errors of the Dynamic Optimised Theta Model (Fiorucci, Pellegrini, Louzada &
 * Petropoulos 2016): the regression coefficients A_t, B_t are updated with every new point, and
 * θ, α and the initial level are estimated by least squares. Returns the sum of squared errors and
 * writes the final level, A_n and B_n into `state`.
 */
function dotmSse(y: Float64Array, alpha: number, theta: number, l0: number, state?: Float64Array): number {
  const n = y.length;
  const k = 1 - 1 / theta;
  let l = l0;
  let a = y[0]!;
  let b = 0;
  let sy = 0;
  let sty = 0;
  let sse = 0;
  let pw = 1; // (1-α)^t
  for (let t = 0; t < n; t++) {
    // Forecast of y[t] made at time t (t points seen), using A_t, B_t from those points.
    const tt = t; // number of points seen
    const yhat = l + k * (pw * a + ((1 - pw * (1 - alpha)) / alpha) * b);
    const yt = y[t]!;
    const e = yt - yhat;
    sse += e * e;
    l = alpha * yt + (1 - alpha) * l;
    pw *= 1 - alpha;
    const m = tt + 1;
    sy += yt;
    sty += m * yt;
    if (m >= 2) {
      b = (6 / (m * m - 1)) * ((2 / m) * sty - ((1 + m) / m) * sy);
      a = sy / m - (b * (m + 1)) / 2;
    } else {
      a = yt;
      b = 0;
    }
  }
  if (state) {
    state[0] = l;
    state[1] = a;
    state[2] = b;
  }
  return sse;
}

/**
 * Dynamic Optimised Theta Model forecast (forecTheta's `dotm`, bounds α ∈ [0.1, 0.99], θ ≥ 1).
 * Intervals use the SES variance formula with the in-sample one-step error variance.
 */
export function dotmModel(y: Float64Array, h: number): ModelForecast | undefined {
  const n = y.length;
  if (n < 4) return undefined;
  let scale = 0;
  for (let t = 1; t < n; t++) scale += Math.abs(y[t]! - y[t - 1]!);
  scale = scale / (n - 1) || Math.abs(y[0]!) * 0.1 || 1;
  const decode = (x: Float64Array, out: Float64Array) => {
    out[0] = 0.1 + 0.89 / (1 + Math.exp(-x[0]!));
    out[1] = 1 + x[1]! * x[1]!;
    out[2] = y[0]! + scale * x[2]!;
  };
  const p = new Float64Array(3);
  const f = (x: Float64Array) => {
    decode(x, p);
    return dotmSse(y, p[0]!, p[1]!, p[2]!);
  };
  let res = nelderMead(f, [0, 1, 0], { step: 0.5, maxEval: 600, tol: 1e-10 });
  const res2 = nelderMead(f, res.x, { step: 0.2, maxEval: 300, tol: 1e-11 });
  if (res2.value <= res.value) res = res2;
  decode(res.x, p);
  const st = new Float64Array(3);
  const alpha = p[0]!;
  const theta = p[1]!;
  const sse = dotmSse(y, alpha, theta, p[2]!, st);
  const sigma2 = sse / Math.max(n - 3, 1);
  const k = 1 - 1 / theta;
  const pw = (1 - alpha) ** n;
  const mean = new Float64Array(h);
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    mean[i] = st[0]! + k * (pw * st[1]! + (i + (1 - pw * (1 - alpha)) / alpha) * st[2]!);
    sd[i] = Math.sqrt(sigma2 * (1 + i * alpha * alpha));
  }
  return { method: 'dotm', mean, sd, params: { alpha, theta, l0: p[2], A: st[1], B: st[2], sigma2 } };
}
