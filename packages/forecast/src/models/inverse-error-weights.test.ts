import { describe, expect, it } from 'vitest';
import { innerOrigins, inverseErrorWeights } from './inverse-error-weights.js';

describe('per-series inverse-error weights', () => {
  it('inner origins are the last three training ends, never below the minimum length', () => {
    expect(innerOrigins(10, 6)).toEqual([9, 8, 7]);
    expect(innerOrigins(8, 6)).toEqual([7, 6]);
    expect(innerOrigins(6, 6)).toEqual([]);
  });
  it('weights are proportional to 1/MAE and sum to 1', () => {
    const w = inverseErrorWeights([1, 2, 4])!;
    expect(w[0]).toBeCloseTo(4 / 7, 12);
    expect(w[1]).toBeCloseTo(2 / 7, 12);
    expect(w[2]).toBeCloseTo(1 / 7, 12);
  });
  it('a missing member error or no errors at all means equal weights (undefined)', () => {
    expect(inverseErrorWeights([1, undefined, 2])).toBeUndefined();
    expect(inverseErrorWeights([])).toBeUndefined();
    expect(inverseErrorWeights([0, 0])).toBeUndefined();
  });
  it('a perfect member dominates without dividing by zero', () => {
    const w = inverseErrorWeights([0, 3])!;
    expect(w.every(Number.isFinite)).toBe(true);
    expect(w[0]).toBeGreaterThan(0.999999);
  });
});
