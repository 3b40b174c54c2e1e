/** Seasonal indices from a classical decomposition, and whether they were multiplicative. */
export interface SeasonalAdjustment {
  indices: Float64Array;
  multiplicative: boolean;
}

function acf(y: Float64Array, maxLag: number): Float64Array {
  const n = y.length;
  let mu = 0;
  for (let t = 0; t < n; t++) mu += y[t]!;
  mu /= n;
  let d = 0;
  for (let t = 0; t < n; t++) d += (y[t]! - mu) ** 2;
  const r = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag; k++) {
    let s = 0;
    for (let t = k; t < n; t++) s += (y[t]! - mu) * (y[t - k]! - mu);
    r[k] = d > 0 ? s / d : 0;
  }
  return r;
}

/**
 * Decide whether a series is seasonal (the M4 benchmarks' rule: the autocorrelation at the seasonal
 * lag exceeds its 90% limit) and, if so, return classical-decomposition seasonal indices —
 * multiplicative for positive data, additive otherwise. Needs at least three full seasons.
 */
export function seasonalIndices(y: Float64Array, period: number): SeasonalAdjustment | undefined {
  const n = y.length;
  if (period <= 1 || n < 3 * period) return undefined;
  const r = acf(y, period);
  let s = 0;
  for (let k = 1; k < period; k++) s += r[k]! ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * s) / n);
  if (!(Math.abs(r[period]!) > limit)) return undefined;
  let positive = true;
  for (let t = 0; t < n; t++) if (!(y[t]! > 0)) positive = false;
  // Centred moving average of order `period` (2×m MA for even periods).
  const even = period % 2 === 0;
  const half = Math.floor(period / 2);
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let t = half; t < n - half; t++) {
    let ma = 0;
    if (even) {
      for (let k = -half; k <= half; k++) ma += y[t + k]! * (Math.abs(k) === half ? 0.5 : 1);
      ma /= period;
    } else {
      for (let k = -half; k <= half; k++) ma += y[t + k]!;
      ma /= period;
    }
    const ratio = positive ? y[t]! / ma : y[t]! - ma;
    sums[t % period]! += ratio;
    counts[t % period]! += 1;
  }
  const indices = new Float64Array(period);
  let tot = 0;
  for (let k = 0; k < period; k++) {
    indices[k] = counts[k]! > 0 ? sums[k]! / counts[k]! : positive ? 1 : 0;
    tot += indices[k]!;
  }
  for (let k = 0; k < period; k++) indices[k] = positive ? (indices[k]! * period) / tot : indices[k]! - tot / period;
  return { indices, multiplicative: positive };
}
