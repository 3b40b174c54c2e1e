/**
 * Symmetric MAPE as in the M3/M4 competitions: mean over the horizon of 200·|y−f|/(|y|+|f|).
 * A step where both actual and forecast are 0 counts as a perfect forecast (0), not NaN.
 */
export function smape(actual: ArrayLike<number>, fc: ArrayLike<number>): number {
  let s = 0;
  const h = actual.length;
  for (let i = 0; i < h; i++) {
    const a = actual[i]!;
    const f = fc[i]!;
    const d = Math.abs(a) + Math.abs(f);
    s += d > 0 ? (200 * Math.abs(a - f)) / d : 0;
  }
  return s / h;
}

/** In-sample mean absolute error of the one-step (seasonal) naive forecast: the MASE scale. */
export function maseScale(train: ArrayLike<number>, period = 1): number {
  let s = 0;
  let k = 0;
  for (let t = period; t < train.length; t++) {
    s += Math.abs(train[t]! - train[t - period]!);
    k++;
  }
  return k > 0 ? s / k : NaN;
}

/**
 * Mean absolute scaled error (Hyndman & Koehler 2006): the forecast MAE divided by
 * {@link maseScale} of the training data. NaN when the training data are flat (undefined scale).
 */
export function mase(actual: ArrayLike<number>, fc: ArrayLike<number>, train: ArrayLike<number>, period = 1): number {
  const scale = maseScale(train, period);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - fc[i]!);
  return scale > 0 ? s / actual.length / scale : NaN;
}

/** Share (0–1) of actual values inside [lower, upper]. */
export function coverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i]! >= lower[i]! && actual[i]! <= upper[i]!) c++;
  return c / actual.length;
}
