import { describe, expect, it } from 'vitest';
import { combination, runMethod } from '../forecast.js';
import { modelQuantile } from '../models/combine.js';
import {
  buildValidationSet,
  calibrateIntervalScale,
  isotonicIncreasing,
  rollingOrigins,
  scoreCombinations,
  type CombinationSpec,
} from './rolling-selection.js';
import { smape } from './metrics.js';

// Enrolment in one major at 20 vocational colleges, 2005–2024: trend, noise and a few level shifts.
function college(k: number): number[] {
  let level = 300 + 40 * k;
  let seed = 17 + k * 31;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
  return Array.from({ length: 20 }, (_, t) => {
    level += 6 + (k % 4) * 3 + 25 * rnd() + (t === 12 && k % 3 === 0 ? -60 : 0);
    return Math.round(level);
  });
}
const colleges = Array.from({ length: 20 }, (_, k) => college(k));

describe('rolling origins', () => {
  it('every end from n−1 down to minTrain, horizons shortened near the end', () => {
    expect(rollingOrigins(12, 3, 8)).toEqual([
      { end: 11, horizon: 1 },
      { end: 10, horizon: 2 },
      { end: 9, horizon: 3 },
      { end: 8, horizon: 3 },
    ]);
    expect(rollingOrigins(7, 3, 8)).toEqual([]);
  });
});

describe('validation-set scores reproduce the engine', () => {
  const specs: CombinationSpec[] = [
    { name: 'equal', members: ['dotm', 'drift', 'damped'], how: 'mean' },
    { name: 'median', members: ['dotm', 'drift', 'damped'], how: 'median' },
    { name: 'weighted', members: ['dotm', 'drift', 'damped'], how: 'mean', weighting: 'inverse-mae' },
  ];
  it('one origin per series (the last point held out): sMAPE equals the engine forecast of that point', () => {
    const set = buildValidationSet(colleges, ['dotm', 'drift', 'damped'], { h: 1, minTrain: 19 });
    const scores = scoreCombinations(set, specs);
    specs.forEach((spec, i) => {
      let s = 0;
      for (const y of colleges) {
        const train = Float64Array.from(y.slice(0, 19));
        const f = combination(spec.name, spec.members, train, 1, 1, spec.how, spec.weighting)!;
        s += smape([y[19]!], f.mean);
      }
      expect(scores[i]!.smape).toBeCloseTo(s / colleges.length, 9);
    });
    // Per-series weights differ from equal weights on these series.
    expect(scores[2]!.smape).not.toBeCloseTo(scores[0]!.smape, 6);
    expect(scores[0]!.score).toBe(1);
  });
});

describe('window validation reproduces the engine on series of that length', () => {
  it('the last origin of each series, fitted on its last 9 points: the engine forecast of a 9-point series', () => {
    const specs: CombinationSpec[] = [
      { name: 'equal', members: ['dotm', 'drift', 'naive'], how: 'mean' },
      { name: 'weighted', members: ['dotm', 'drift', 'naive'], how: 'mean', weighting: 'inverse-mae' },
    ];
    const set = buildValidationSet(colleges, ['dotm', 'drift', 'naive'], { h: 1, minTrain: 0, window: 9, maxOrigins: 1 });
    expect(set.series.every((o) => o.length === 1)).toBe(true);
    const scores = scoreCombinations(set, specs);
    specs.forEach((spec, i) => {
      let s = 0;
      for (const y of colleges) {
        const f = combination(spec.name, spec.members, Float64Array.from(y.slice(10, 19)), 1, 1, spec.how, spec.weighting)!;
        s += smape([y[19]!], f.mean);
      }
      expect(scores[i]!.smape).toBeCloseTo(s / colleges.length, 9);
    });
    expect(scores[1]!.smape).not.toBeCloseTo(scores[0]!.smape, 6);
  });
  it('every window of the given length, latest first, horizons cut at the end of the series', () => {
    const set = buildValidationSet([colleges[0]!], ['naive'], { h: 3, minTrain: 0, window: 16 });
    expect(set.series[0]!.map((o) => o.test.length)).toEqual([1, 2, 3, 3]);
    // fullHorizon keeps only windows followed by all h points, as a test set would be.
    const full = buildValidationSet([colleges[0]!], ['naive'], { h: 3, minTrain: 0, window: 14, fullHorizon: true, maxOrigins: 2 });
    expect(full.series[0]!.map((o) => o.test.length)).toEqual([3, 3]);
    expect(Array.from(full.series[0]![0]!.test)).toEqual(colleges[0]!.slice(17, 20));
  });
});

describe('interval calibration', () => {
  it('h = 1, one point per series: the factor is the conformal ⌈(S+1)·0.95⌉-th smallest |error| / half-width', () => {
    const set = buildValidationSet(colleges, ['naive'], { h: 1, minTrain: 19 });
    const [factor] = calibrateIntervalScale(set, { name: 'naive', members: ['naive'], how: 'mean' });
    const ratios = colleges
      .map((y) => {
        const f = runMethod('naive', Float64Array.from(y.slice(0, 19)), 1)!;
        return Math.abs(y[19]! - f.mean[0]!) / (modelQuantile(f, 0.975, 0) - f.mean[0]!);
      })
      .sort((a, b) => a - b);
    // S = 20 series: ⌈21 · 0.95⌉ = 20 → the largest ratio.
    expect(factor).toBe(Math.ceil(ratios[19]! * 100) / 100);
  });
  it('factors over several horizons never decrease', () => {
    const set = buildValidationSet(colleges, ['dotm', 'drift'], { h: 4, minTrain: 10 });
    const f = calibrateIntervalScale(set, { name: 'c', members: ['dotm', 'drift'], how: 'mean' });
    expect(f).toHaveLength(4);
    for (let i = 1; i < f.length; i++) expect(f[i]).toBeGreaterThanOrEqual(f[i - 1]!);
  });
  it('isotonic regression pools adjacent violators by weight', () => {
    expect(isotonicIncreasing([1, 3, 2, 4], [1, 1, 1, 1])).toEqual([1, 2.5, 2.5, 4]);
    expect(isotonicIncreasing([1, 3, 2, 4], [1, 1, 3, 1])).toEqual([1, 2.25, 2.25, 4]);
    expect(isotonicIncreasing([2, 1, 1], [1, 1, 2])).toEqual([1.25, 1.25, 1.25]);
  });
});
