import { describe, expect, it } from 'vitest';
import { Rng } from './prng.js';

describe('Rng', () => {
  it('repeats its sequence for the same seed and label', () => {
    const a = new Rng(7, 'x');
    const b = new Rng(7, 'x');
    const seqA = Array.from({ length: 100 }, () => a.nextUint());
    const seqB = Array.from({ length: 100 }, () => b.nextUint());
    expect(seqA).toEqual(seqB);
  });

  it('gives different streams for different seeds or labels', () => {
    const a = Array.from(
      { length: 10 },
      (
        (r) => () =>
          r.nextUint()
      )(new Rng(7, 'x')),
    );
    const b = Array.from(
      { length: 10 },
      (
        (r) => () =>
          r.nextUint()
      )(new Rng(8, 'x')),
    );
    const c = Array.from(
      { length: 10 },
      (
        (r) => () =>
          r.nextUint()
      )(new Rng(7, 'y')),
    );
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('draws with the advertised moments', () => {
    const r = new Rng(1, 'moments');
    const n = 200_000;
    let u = 0;
    let z = 0;
    let z2 = 0;
    let p = 0;
    for (let i = 0; i < n; i++) {
      u += r.next();
      const x = r.normal();
      z += x;
      z2 += x * x;
      p += r.poisson(3.5);
    }
    expect(u / n).toBeCloseTo(0.5, 2);
    expect(z / n).toBeCloseTo(0, 1);
    expect(z2 / n).toBeCloseTo(1, 1);
    expect(p / n).toBeCloseTo(3.5, 1);
  });

  it('splits a total exactly in a multinomial draw', () => {
    const r = new Rng(3, 'multi');
    for (let i = 0; i < 200; i++) {
      const total = r.int(0, 500);
      const parts = r.multinomial(total, [0.5, 0.2, 0.2, 0.1]);
      expect(parts.reduce((s, x) => s + x, 0)).toBe(total);
      expect(parts.every((x) => x >= 0)).toBe(true);
    }
  });
});
