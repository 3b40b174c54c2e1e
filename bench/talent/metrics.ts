/**
 * The figures the talent benchmark grades with: absolute percentage errors and their mean, interval
 * coverage, and Spearman's rank correlation between a projected and a true shortage ranking.
 */

/** A projected value beside the true one. */
export interface Pair {
  /** Missing (null) when the projection has no such row. */
  projected: number | null;
  truth: number;
}

/** A 95% interval beside the true value. */
export interface Interval {
  /** Missing (null) when the projection gives no interval. */
  lo: number | null;
  hi: number | null;
  truth: number;
}

/**
 * |projected − truth| / truth in percent; undefined when the truth is not positive (a percentage of
 * nothing has no scale) or either value is missing.
 */
export function absolutePercentageError(projected: number | null | undefined, truth: number | null | undefined): number | undefined {
  if (projected == null || truth == null || !Number.isFinite(projected) || !(truth > 0)) return undefined;
  return (Math.abs(projected - truth) / truth) * 100;
}

/**
 * Mean absolute percentage error over the pairs that have one, with how many were used and how many
 * left out (no projection, or a truth of zero).
 */
export function mape(pairs: readonly Pair[]): { mape: number; used: number; skipped: number } {
  const errors = pairs.map((p) => absolutePercentageError(p.projected, p.truth)).filter((e): e is number => e !== undefined);
  return { mape: mean(errors), used: errors.length, skipped: pairs.length - errors.length };
}

/** Whether the interval holds the true value (bounds included); a missing interval holds nothing. */
export function covers(interval: Interval): boolean {
  if (interval.lo == null || interval.hi == null) return false;
  return interval.lo <= interval.truth && interval.truth <= interval.hi;
}

/** Share of the intervals that hold their true value, in percent (NaN for none). */
export function coverage(intervals: readonly Interval[]): number {
  if (intervals.length === 0) return NaN;
  return (intervals.filter(covers).length / intervals.length) * 100;
}

/** Arithmetic mean; NaN for no values. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Ranks of the values in ascending order, 1-based; tied values share the mean of their ranks. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const shared = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = shared;
    start = end + 1;
  }
  return ranks;
}

/** Pearson's correlation; 0 when either side does not vary (no association can be shown). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new Error(`pearson: ${x.length} values against ${y.length}`);
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's rank correlation: Pearson's on the average ranks of each side. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(averageRanks(x), averageRanks(y));
}

/** One occupation of the true ranking. */
export interface RankedOccupation {
  occupationCode: string;
  rank: number;
}

/**
 * Spearman's correlation between the true ranks of the given occupations (the true top N) and the
 * ranks a projection gives them. An occupation the projection does not rank counts at the bottom:
 * one below everything it ranks, i.e. rank max(ranked occupations, largest rank) + 1, so the
 * unranked tie with each other (average ranks) and below every ranked one.
 */
export function rankingSpearman(truthTop: readonly RankedOccupation[], projected: ReadonlyMap<string, number>): number {
  const bottom = Math.max(projected.size, ...projected.values()) + 1;
  return spearman(
    truthTop.map((t) => t.rank),
    truthTop.map((t) => projected.get(t.occupationCode) ?? bottom),
  );
}
