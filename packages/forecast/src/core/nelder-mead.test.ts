import { describe, expect, it } from 'vitest';
import { nashNelderMead, nelderMead } from './nelder-mead.js';

describe('nelderMead', () => {
  it('finds the minimum of the Rosenbrock function at (1, 1)', () => {
    const r = nelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1], { maxEval: 5000, tol: 1e-14 });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
  it('stops at the evaluation budget', () => {
    const r = nelderMead((x) => (x[0]! - 3) ** 2, [0], { maxEval: 10 });
    expect(r.evaluations).toBeLessThanOrEqual(12);
  });
});

describe('nashNelderMead', () => {
  // R 4.2.2: optim(c(-1.2, 1), function(x) 100 * (x[2] - x[1] * x[1])^2 + (1 - x[1])^2), printed with
  // sprintf("%.17g"): par 1.0002601387256695 1.000505999303765, value 8.8252410967227472e-08, 195 calls.
  it('follows R’s optim Nelder–Mead step for step (same point, value and number of evaluations)', () => {
    const r = nashNelderMead((x) => 100 * (x[1]! - x[0]! * x[0]!) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1]);
    expect(r.x[0]).toBe(1.0002601387256695);
    expect(r.x[1]).toBe(1.000505999303765);
    expect(r.value).toBe(8.8252410967227472e-8);
    expect(r.evaluations).toBe(195);
  });
  it('stops at R’s evaluation limit and treats non-finite values as 1e35', () => {
    const calls: number[] = [];
    const r = nashNelderMead(
      (x) => {
        calls.push(x[0]!);
        return x[0]! > 2 ? NaN : (x[0]! - 1.5) ** 2;
      },
      [0],
      { maxit: 30 },
    );
    // R checks the limit between iterations only, so the last iteration may use a few more (≤ n + 2).
    expect(r.evaluations).toBeGreaterThan(30);
    expect(r.evaluations).toBeLessThanOrEqual(33);
    expect(r.value).toBeLessThan(1e-6);
    expect(calls.some((v) => v > 2)).toBe(true);
  });
});
