import { describe, expect, it } from 'vitest';
import { fitArima, forecastArima, kpssStatistic, minRootModulus, ndiffs } from './arima.js';
import { driftModel } from './simple.js';

describe('ARIMA building blocks', () => {
  it('root moduli of lag polynomials', () => {
    expect(minRootModulus([-0.5])).toBeCloseTo(2, 9); // 1 − 0.5z → z = 2
    expect(minRootModulus([0.8])).toBeCloseTo(1.25, 9); // 1 + 0.8z → z = −1.25
    expect(minRootModulus([0, 0.25])).toBeCloseTo(2, 9); // 1 + 0.25z² → |z| = 2
    expect(minRootModulus([])).toBe(Infinity);
  });
  it('KPSS: a trending series needs differencing, white-noise-like data does not', () => {
    const trend = Float64Array.from({ length: 30 }, (_, t) => 100 + 3 * t + ((t * 7) % 5));
    expect(kpssStatistic(trend)).toBeGreaterThan(0.463);
    expect(ndiffs(trend)).toBeGreaterThanOrEqual(1);
    const noise = Float64Array.from([3, -1, 2, 0, -2, 1, 3, -3, 0, 2, -1, 1, -2, 2, 0, -1, 1, -2, 3, -1]);
    expect(ndiffs(noise)).toBe(0);
  });
  it('ARIMA(0,1,0) with drift reproduces the random walk with drift', () => {
    const y = Float64Array.from([10, 12, 11, 15, 17, 18, 21, 22, 26, 27]);
    const fit = fitArima(y, 0, 1, 0, true)!;
    const f = forecastArima(fit, y, 3);
    const d = driftModel(y, 3);
    for (let i = 0; i < 3; i++) expect(f.mean[i]).toBeCloseTo(d.mean[i]!, 3);
    // Innovation variance as R's auto.arima reports it: the squared deviations of the differences
    // around the drift over (n − d − coefficients) = 9 − 1 (plus R's diffuse first residual,
    // (y_1 − drift)² / (1e6 + 1) here, below 1e-4).
    const diffs = Array.from({ length: 9 }, (_, t) => y[t + 1]! - y[t]!);
    const mu = diffs.reduce((a, b) => a + b) / 9;
    expect(fit.sigma2).toBeCloseTo(diffs.reduce((a, v) => a + (v - mu) ** 2, 0) / 8, 3);
  });
  it('an AR(1) with mean 50 and φ = 0.6 is recovered from a long simulated path', () => {
    let x = 50;
    let s = 12345;
    const noise = () => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return (s / 2147483648 - 0.5) * 2 * Math.sqrt(3); // uniform, unit variance
    };
    const y = Float64Array.from({ length: 400 }, () => (x = 50 + 0.6 * (x - 50) + noise()));
    const fit = fitArima(y, 1, 0, 0, true)!;
    expect(fit.ar[0]).toBeGreaterThan(0.5);
    expect(fit.ar[0]).toBeLessThan(0.7);
    expect(fit.mu).toBeGreaterThan(49.5);
    expect(fit.mu).toBeLessThan(50.5);
  });
});
