import { describe, expect, it } from 'vitest';
import { coverage, mase, maseScale, smape } from './metrics.js';

describe('accuracy metrics', () => {
  it('sMAPE follows 200·|y−f|/(|y|+|f|) averaged over the horizon', () => {
    // 200·10/210 = 9.5238…, 200·0/200 = 0 → mean 4.7619…
    expect(smape([100, 100], [110, 100])).toBeCloseTo(4.761904761904762, 12);
    expect(smape([0, 0], [0, 0])).toBe(0);
  });
  it('MASE divides the forecast MAE by the in-sample one-step naive MAE', () => {
    expect(maseScale([1, 3, 2, 6])).toBeCloseTo((2 + 1 + 4) / 3, 12);
    expect(mase([8, 10], [7, 12], [1, 3, 2, 6])).toBeCloseTo(1.5 / (7 / 3), 12);
    expect(mase([1], [1], [5, 5, 5])).toBeNaN();
  });
  it('coverage counts actuals inside the bounds, bounds included', () => {
    expect(coverage([1, 2, 3, 4], [0, 2, 4, 0], [1, 3, 5, 3])).toBe(0.5);
  });
});
