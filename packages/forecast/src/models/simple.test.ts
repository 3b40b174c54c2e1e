import { describe, expect, it } from 'vitest';
import { driftModel, naiveModel, seasonalNaiveModel } from './simple.js';

describe('naive family', () => {
  const y = Float64Array.from([10, 12, 11, 15, 17]);
  it('naive repeats the last value; sd = RMS first difference × √h', () => {
    const f = naiveModel(y, 3);
    expect(Array.from(f.mean)).toEqual([17, 17, 17]);
    const sigma = Math.sqrt((4 + 1 + 16 + 4) / 4);
    expect(f.sd![2]).toBeCloseTo(sigma * Math.sqrt(3), 12);
  });
  it('drift extends the line through the first and last points', () => {
    const f = driftModel(y, 2);
    expect(f.mean[0]).toBeCloseTo(17 + 7 / 4, 12);
    expect(f.mean[1]).toBeCloseTo(17 + 14 / 4, 12);
    // Residual sd of the differences (2, −1, 4, 2) around 1.75 with n−2 = 3 degrees of freedom.
    const sigma = Math.sqrt((0.0625 + 7.5625 + 5.0625 + 0.0625) / 3);
    expect(f.sd![0]).toBeCloseTo(sigma * Math.sqrt(1 + 1 / 4), 12);
  });
  it('seasonal naive repeats the last season', () => {
    const m = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(seasonalNaiveModel(m, 6, 4).mean)).toEqual([5, 6, 7, 8, 5, 6]);
  });
});
