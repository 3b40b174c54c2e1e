/** A series after the awkward-data rules, ready for fitting. */
export interface PreparedSeries {
  /** The cleaned values from the first to the last observed point. */
  y: Float64Array;
  /** Missing points after the last observation; the horizon is extended over them. */
  trailingMissing: number;
  /** Which rules applied, in words an analyst can audit. */
  notes: string[];
}

/** Options of {@link prepareSeries}. */
export interface PrepareOptions {
  nonNegative?: boolean;
  shocks?: number[];
  adjustShocks?: boolean;
}

const MAD_TO_SD = 1.4826;

function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Apply the documented data rules (see the package README) before any model sees the series:
 * 1. Non-finite values (NaN, null, undefined, ±Infinity) are missing.
 * 2. Leading missing points are dropped (a series that starts late); for counts
 *    (`nonNegative`) leading zeros before the first positive value are dropped too.
 * 3. Trailing missing points (a series that stops reporting) are not imputed: the caller
 *    extends the horizon over them so the output still starts right after the input.
 * 4. Interior gaps are filled by linear interpolation between the neighbouring observations.
 * 5. Points listed in `shocks` (e.g. the position of 2020) are replaced by the interpolation of
 *    their neighbours; with `adjustShocks` (default) one isolated spike is detected and replaced
 *    when it departs from its neighbours' mean by more than 6 robust standard deviations of the
 *    series' second differences and reverts afterwards (the next point is back within half the
 *    smaller jump of the previous one). The first and last points are never adjusted: a new
 *    level cannot be told from a shock without data on both sides.
 */
export function prepareSeries(series: ArrayLike<number | null | undefined>, opts: PrepareOptions = {}): PreparedSeries {
  const notes: string[] = [];
  const raw: number[] = [];
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    raw.push(typeof v === 'number' && Number.isFinite(v) ? v : NaN);
  }
  let first = raw.findIndex((v) => !Number.isNaN(v));
  if (first < 0) return { y: new Float64Array(0), trailingMissing: 0, notes: ['no observed values'] };
  let last = raw.length - 1;
  while (Number.isNaN(raw[last]!)) last--;
  if (first > 0) notes.push(`dropped ${first} leading missing point(s)`);
  if (opts.nonNegative) {
    let z = first;
    while (z < last && raw[z] === 0) z++;
    if (z > first && raw[z]! > 0) {
      notes.push(`dropped ${z - first} leading zero(s) before the series starts`);
      first = z;
    }
  }
  const trailingMissing = raw.length - 1 - last;
  if (trailingMissing > 0) notes.push(`last ${trailingMissing} point(s) missing: horizon extended over them`);
  const y = Float64Array.from(raw.slice(first, last + 1));
  let gaps = 0;
  for (let t = 1; t < y.length - 1; t++) {
    if (!Number.isNaN(y[t]!)) continue;
    let r = t;
    while (Number.isNaN(y[r]!)) r++;
    const a = y[t - 1]!;
    const b = y[r]!;
    for (let k = t; k < r; k++) y[k] = a + ((b - a) * (k - t + 1)) / (r - t + 1);
    gaps += r - t;
    t = r;
  }
  if (gaps > 0) notes.push(`interpolated ${gaps} interior missing point(s)`);
  const n = y.length;
  const replace = (t: number, why: string) => {
    const orig = y[t]!;
    y[t] = (y[t - 1]! + y[t + 1]!) / 2;
    notes.push(`${why} at index ${t + first}: ${orig} replaced by ${y[t]}`);
  };
  for (const s of opts.shocks ?? []) {
    const t = s - first;
    if (t >= 1 && t < n - 1) replace(t, 'declared shock');
  }
  if ((opts.adjustShocks ?? true) && n >= 6) {
    const d2 = new Float64Array(n - 2);
    for (let t = 1; t < n - 1; t++) d2[t - 1] = y[t]! - (y[t - 1]! + y[t + 1]!) / 2;
    const med = median(d2);
    const dev = d2.map((v) => Math.abs(v - med));
    const scale = MAD_TO_SD * median(dev);
    let worst = -1;
    let worstVal = 0;
    for (let t = 1; t < n - 1; t++) {
      const r = Math.abs(d2[t - 1]! - med);
      // A spike leaves and returns: the same sign on both sides, and the series comes back to
      // within half the smaller jump of where it was (a level shift next to an outlying first
      // point is not a spike of the point after it).
      const up = y[t]! - y[t - 1]!;
      const down = y[t]! - y[t + 1]!;
      const spike = up * down > 0 && Math.abs(y[t + 1]! - y[t - 1]!) <= 0.5 * Math.min(Math.abs(up), Math.abs(down));
      if (spike && r > worstVal) {
        worst = t;
        worstVal = r;
      }
    }
    if (worst > 0 && scale > 0 && worstVal > 6 * scale) replace(worst, 'one-off shock detected');
  }
  return { y, trailingMissing, notes };
}
