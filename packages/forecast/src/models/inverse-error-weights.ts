/** Inner origins used to weight a combination's members by their own recent errors. */
export const WEIGHT_WINDOW = 3;

/**
 * The inner origins of a series of `n` points for per-series weights: training ends n−1, …,
 * n−{@link WEIGHT_WINDOW}, each scored on the points up to the end of the series (so horizons
 * 1, 2, 3). Ends below `minTrain` are dropped; with none left the caller uses equal weights.
 */
export function innerOrigins(n: number, minTrain: number): number[] {
  const out: number[] = [];
  for (let e = n - 1; e >= n - WEIGHT_WINDOW && e >= minTrain; e--) out.push(e);
  return out;
}

/**
 * Weights proportional to 1 / MAE of each member on its own inner-origin errors, summing to 1.
 * Undefined (use equal weights) when any member has no error (could not be fitted at every inner
 * origin) or there are no inner points. A member with zero error gets its MAE floored at 1e-9 of
 * the largest, so one perfect fit dominates without dividing by zero.
 */
export function inverseErrorWeights(maes: readonly (number | undefined)[]): number[] | undefined {
  if (maes.length === 0 || maes.some((m) => m === undefined || !Number.isFinite(m))) return undefined;
  const max = Math.max(...(maes as number[]));
  if (!(max > 0)) return undefined;
  const inv = (maes as number[]).map((m) => 1 / Math.max(m, 1e-9 * max));
  const sum = inv.reduce((a, b) => a + b, 0);
  return inv.map((v) => v / sum);
}
