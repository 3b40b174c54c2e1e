import { describe, expect, it } from 'vitest';
import { nelderMead } from './nelder-mead.js';

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
