import { combination, modelQuantile, smape, mase, type MethodName } from '@talent/forecast';
import type { BenchSeries } from './m3.js';

/**
 * Candidate combinations for the engine's `auto` method, fixed before looking at any test data.
 * Members: the best single models on yearly data (DOTM, drift, damped trend, Theta, ETS). Auto
 * ARIMA is left out on cost: it alone takes about a third of R's combination time, so any
 * combination with it would break the "under a tenth of R's time" budget.
 */
export const CANDIDATES: readonly { name: string; members: MethodName[]; how: 'mean' | 'median' }[] = [
  { name: 'dotm', members: ['dotm'], how: 'mean' },
  { name: 'dotm+drift', members: ['dotm', 'drift'], how: 'mean' },
  { name: 'dotm+damped', members: ['dotm', 'damped'], how: 'mean' },
  { name: 'dotm+drift+damped', members: ['dotm', 'drift', 'damped'], how: 'mean' },
  { name: 'dotm+theta+drift', members: ['dotm', 'theta', 'drift'], how: 'mean' },
  { name: 'dotm+ets', members: ['dotm', 'ets'], how: 'mean' },
  { name: 'dotm+drift+ets', members: ['dotm', 'drift', 'ets'], how: 'mean' },
  { name: 'median(dotm,drift,damped)', members: ['dotm', 'drift', 'damped'], how: 'median' },
  { name: 'median(dotm,drift,damped,ets,theta)', members: ['dotm', 'drift', 'damped', 'ets', 'theta'], how: 'median' },
  { name: 'dotm+drift+damped+ets+theta', members: ['dotm', 'drift', 'damped', 'ets', 'theta'], how: 'mean' },
];

/**
 * The validation splits: the last `h` training points of each series are held out (the test
 * part is never read), once with all earlier points and once with only the 10 before them.
 */
export function validationSplits(series: BenchSeries[], h: number): { name: string; series: BenchSeries[] }[] {
  const full = series
    .filter((s) => s.train.length >= h + 3)
    .map((s) => ({ id: s.id, train: s.train.slice(0, -h), test: s.train.slice(-h) }));
  return [
    { name: 'validation', series: full },
    { name: 'validation, last 10', series: full.map((s) => ({ ...s, train: s.train.slice(-10) })) },
  ];
}

/** Validation score of one candidate: sMAPE and MASE averaged over the validation splits. */
export interface CandidateScore {
  name: string;
  smape: number;
  mase: number;
  /** (sMAPE/sMAPE_ref + MASE/MASE_ref)/2 against the first candidate (DOTM), averaged over the splits; lower is better. */
  score: number;
}

function run(c: (typeof CANDIDATES)[number], train: Float64Array, h: number) {
  return combination(c.name, c.members, train, h, 1, c.how) ?? combination('drift', ['drift'], train, h)!;
}

/** Score every candidate on the validation splits and return them best first. */
export function scoreCandidates(series: BenchSeries[], h: number): CandidateScore[] {
  const splits = validationSplits(series, h);
  const stats = CANDIDATES.map((c) => ({ name: c.name, smape: 0, mase: 0, score: 0 }));
  for (const split of splits) {
    const per = CANDIDATES.map((c) => {
      let s = 0;
      let m = 0;
      let k = 0;
      for (const x of split.series) {
        const f = run(c, x.train, h);
        const mm = mase(x.test, f.mean, x.train);
        if (!Number.isFinite(mm)) continue;
        s += smape(x.test, f.mean);
        m += mm;
        k++;
      }
      return { s: s / k, m: m / k };
    });
    const ref = per[0]!;
    per.forEach((p, i) => {
      stats[i]!.smape += p.s / splits.length;
      stats[i]!.mase += p.m / splits.length;
      stats[i]!.score += (p.s / ref.s + p.m / ref.m) / 2 / splits.length;
    });
  }
  return stats.sort((a, b) => a.score - b.score);
}

/**
 * Interval scale per horizon for a combination, so that its 95% intervals cover 95% of the
 * validation actuals: for each horizon, the 95th percentile over series of |error| divided by
 * the half-width of the raw 95% interval on the same side.
 */
export function calibrateIntervalScale(series: BenchSeries[], h: number, name: string): number[] {
  const c = CANDIDATES.find((x) => x.name === name)!;
  const ratios: number[][] = Array.from({ length: h }, () => []);
  for (const split of validationSplits(series, h)) {
    for (const x of split.series) {
      const f = run(c, x.train, h);
      for (let i = 0; i < h; i++) {
        const a = x.test[i]!;
        const m = f.mean[i]!;
        const bound = a >= m ? modelQuantile(f, 0.975, i) - m : m - modelQuantile(f, 0.025, i);
        if (bound > 0) ratios[i]!.push(Math.abs(a - m) / bound);
      }
    }
  }
  return ratios.map((r) => {
    r.sort((a, b) => a - b);
    return Math.round(r[Math.floor(0.95 * (r.length - 1))]! * 100) / 100;
  });
}
