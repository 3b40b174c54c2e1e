import { describe, expect, it } from 'vitest';
import { pnorm, qnorm } from './normal.js';

// Reference values computed with mpmath 1.3.0 at 50 significant digits for the exact double value
// of each argument: the quantile by solving log Φ(x) = log p (log Φ(−x) = log(1 − p) above 0.5)
// with mp.findroot, Φ by mp.ncdf; written here rounded to the nearest double.
const QUANTILES: [number, number][] = [
  [1e-300, -37.0470962993612],
  [1e-200, -30.20559417957964],
  [1e-100, -21.273453560965326],
  [1e-50, -14.933337534788489],
  [1e-20, -9.262340089798407],
  [1e-10, -6.361340902404057],
  [1e-5, -4.264890793922825],
  [0.001, -3.0902323061678136],
  [0.0125, -2.2414027276049455],
  [0.025, -1.9599639845400543],
  [0.05, -1.6448536269514726],
  [0.075, -1.439531470938456],
  [0.1, -1.2815515655446004],
  [0.2, -0.8416212335729142],
  [0.3, -0.5244005127080408],
  [0.4, -0.2533471031357997],
  [0.45, -0.12566134685507402],
  [0.6, 0.2533471031357997],
  [0.75, 0.6744897501960817],
  [0.8, 0.8416212335729144],
  [0.9, 1.2815515655446006],
  [0.925, 1.4395314709384561],
  [0.95, 1.6448536269514722],
  [0.975, 1.9599639845400538],
  [0.99, 2.3263478740408408],
  [0.999, 3.090232306167813],
  [0.99999, 4.264890793923841],
  [1 - 1e-10, 6.361340889697422],
  [1 - 2 ** -52, 8.125890664701906],
];

const PROBABILITIES: [number, number][] = [
  [-37.5, 4.605353009581955e-308],
  [-25, 3.056696706382561e-138],
  [-10, 7.619853024160525e-24],
  [-6, 9.86587645037698e-10],
  [-5.5, 1.8989562465887718e-8],
  [-3, 0.0013498980316300946],
  [-1.959963984540054, 0.025000000000000012],
  [-1, 0.15865525393145705],
  [-0.5, 0.3085375387259869],
  [-0.1, 0.460172162722971],
  [0.3, 0.6179114221889527],
  [0.66, 0.7453730853286639],
  [0.7, 0.758036347776927],
  [1.5, 0.9331927987311419],
  [2.5, 0.9937903346742238],
  [4, 0.9999683287581669],
  [7, 0.9999999999987201],
];

describe('normal distribution', () => {
  it.each(QUANTILES)('qnorm(%s) is within 5e-16 relative (about 2 units in the last place) of the 50-digit value', (p, x) => {
    expect(Math.abs(qnorm(p) - x) / Math.abs(x)).toBeLessThan(5e-16);
  });
  it('qnorm: the centre, the ends and symmetry', () => {
    expect(qnorm(0.5)).toBe(0);
    expect(qnorm(0)).toBe(-Infinity);
    expect(qnorm(1)).toBe(Infinity);
    expect(qnorm(Number.NaN)).toBeNaN();
    for (const p of [1e-8, 0.01, 0.2, 0.4]) expect(qnorm(1 - p)).toBeCloseTo(-qnorm(p), 7);
  });
  it.each(PROBABILITIES)('pnorm(%s) is within 1e-14 relative of the 50-digit value', (x, p) => {
    expect(Math.abs(pnorm(x) - p) / p).toBeLessThan(1e-14);
  });
  it('pnorm inverts qnorm across the range', () => {
    for (const p of [1e-12, 1e-6, 0.003, 0.1, 0.37, 0.5, 0.81, 0.97]) expect(Math.abs(pnorm(qnorm(p)) - p) / p).toBeLessThan(1e-14);
  });
});
