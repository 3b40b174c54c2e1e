import { describe, expect, it } from 'vitest';
import { dotmModel, thetaModel } from './theta.js';

describe('theta models', () => {
  const line = Float64Array.from({ length: 15 }, (_, t) => 50 + 4 * t);
  it('DOTM continues an exact straight line (θ grows without bound, so within an eighth of a step)', () => {
    const f = dotmModel(line, 4)!;
    [110, 114, 118, 122].forEach((v, i) => expect(Math.abs(f.mean[i]! - v)).toBeLessThan(0.5));
  });
  it('standard Theta on a straight line adds half the slope per step to the SES level', () => {
    const f = thetaModel(line, 3)!;
    // SES tracks the line with α → 1, so the forecast is the last value plus slope/2 per step (plus a tail of slope/2).
    expect(f.mean[1]! - f.mean[0]!).toBeCloseTo(2, 6);
    expect(f.mean[0]).toBeGreaterThan(106);
    expect(f.mean[0]).toBeLessThan(110);
  });
  it('DOTM needs at least four points', () => {
    expect(dotmModel(Float64Array.from([1, 2, 3]), 2)).toBeUndefined();
  });
});
