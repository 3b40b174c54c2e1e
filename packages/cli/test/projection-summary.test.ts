import { describe, expect, it } from 'vitest';
import { signed } from '../src/stages/projection-summary.js';

describe('the gaps the run summary prints', () => {
  it('round before the sign: a gap under half a person is 0, never −0 or +0', () => {
    expect([-0.4, 0.4, -0.5, 0].map(signed)).toEqual(['0', '0', '0', '0']);
    expect([-0.6, 0.5, 8281.2, -1206.7].map(signed)).toEqual(['−1', '+1', '+8,281', '−1,207']);
  });
});
