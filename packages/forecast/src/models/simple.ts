import type { ModelForecast } from '../core/types.js';

/** Naive forecast: the last value repeated; error variance grows linearly with the horizon. */
export function naiveModel(y: Float64Array, h: number): ModelForecast {
  const n = y.length;
  const last = y[n - 1]!;
  let ss = 0;
  for (let t = 1; t < n; t++) ss += (y[t]! - y[t - 1]!) ** 2;
  const sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const mean = new Float64Array(h).fill(last);
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) sd[i] = sigma * Math.sqrt(i + 1);
  return { method: 'naive', mean, sd, params: { sigma } };
}

/**
 * Random walk with drift: the drift is the mean first difference; the interval also carries the
 * uncertainty of the estimated drift, as R's `rwf(drift = TRUE)` does.
 */
export function driftModel(y: Float64Array, h: number): ModelForecast {
  const n = y.length;
  if (n < 3) return { ...naiveModel(y, h), method: 'drift' };
  const drift = (y[n - 1]! - y[0]!) / (n - 1);
  let ss = 0;
  for (let t = 1; t < n; t++) ss += (y[t]! - y[t - 1]! - drift) ** 2;
  const sigma = Math.sqrt(ss / (n - 2));
  const mean = new Float64Array(h);
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    const k = i + 1;
    mean[i] = y[n - 1]! + k * drift;
    sd[i] = sigma * Math.sqrt(k + (k * k) / (n - 1));
  }
  return { method: 'drift', mean, sd, params: { drift, sigma } };
}

/** Seasonal naive: the value one season earlier; falls back to naive without a full season. */
export function seasonalNaiveModel(y: Float64Array, h: number, period: number): ModelForecast {
  const n = y.length;
  if (period <= 1 || n < period + 1) return { ...naiveModel(y, h), method: 'snaive' };
  let ss = 0;
  for (let t = period; t < n; t++) ss += (y[t]! - y[t - period]!) ** 2;
  const sigma = Math.sqrt(ss / (n - period));
  const mean = new Float64Array(h);
  const sd = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    mean[i] = y[n - period + (i % period)]!;
    sd[i] = sigma * Math.sqrt(Math.floor(i / period) + 1);
  }
  return { method: 'snaive', mean, sd, params: { period, sigma } };
}

/** Historical mean with the usual interval (sample sd × sqrt(1 + 1/n)). */
export function meanModel(y: Float64Array, h: number): ModelForecast {
  const n = y.length;
  let s = 0;
  for (let t = 0; t < n; t++) s += y[t]!;
  const mu = s / n;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (y[t]! - mu) ** 2;
  const sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return {
    method: 'mean',
    mean: new Float64Array(h).fill(mu),
    sd: new Float64Array(h).fill(sigma * Math.sqrt(1 + 1 / n)),
    params: { mean: mu, sigma },
  };
}
