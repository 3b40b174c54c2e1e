/** The talent benchmark's metrics on hand-built cases with the expected figures worked out by hand. */
import { describe, expect, it } from 'vitest';
import { absolutePercentageError, averageRanks, coverage, mape, rankingSpearman, spearman } from '../bench/talent/metrics.js';

describe('absolute percentage errors and their mean', () => {
  it('measures against the truth, over or under', () => {
    expect(absolutePercentageError(110, 100)).toBeCloseTo(10, 12);
    expect(absolutePercentageError(90, 100)).toBeCloseTo(10, 12);
    expect(absolutePercentageError(0, 40)).toBe(100);
  });

  it('has no value without a truth to scale by or without a projection', () => {
    expect(absolutePercentageError(5, 0)).toBeUndefined();
    expect(absolutePercentageError(null, 100)).toBeUndefined();
  });

  it('averages the errors it has and counts the pairs it left out', () => {
    const result = mape([
      { projected: 110, truth: 100 }, // 10%
      { projected: 50, truth: 200 }, // 75%
      { projected: null, truth: 100 }, // not projected
      { projected: 5, truth: 0 }, // no scale
    ]);
    expect(result).toEqual({ mape: 42.5, used: 2, skipped: 2 });
    expect(mape([]).mape).toBeNaN();
  });
});

describe('interval coverage', () => {
  it('counts the bounds as inside and a missing interval as a miss', () => {
    expect(
      coverage([
        { lo: 90, hi: 110, truth: 100 },
        { lo: 100, hi: 120, truth: 100 },
        { lo: 101, hi: 120, truth: 100 },
        { lo: null, hi: null, truth: 100 },
      ]),
    ).toBe(50);
  });
});

describe('Spearman rank correlation', () => {
  it('gives tied values the mean of their ranks', () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(averageRanks([7, 7, 7])).toEqual([2, 2, 2]);
  });

  it('is Pearson on average ranks', () => {
    // y's ranks are 1, 3.5, 3.5, 2, 5: Σdxdy = 6.5, Σdx² = 10, Σdy² = 9.5.
    expect(spearman([1, 2, 3, 4, 5], [1, 3, 3, 2, 5])).toBeCloseTo(6.5 / Math.sqrt(95), 12);
    expect(spearman([1, 2, 3], [30, 20, 10])).toBeCloseTo(-1, 12);
  });

  it('puts occupations of the true top that the projection does not rank at the bottom, tied', () => {
    const top = ['A', 'B', 'C', 'D'].map((occupationCode, i) => ({ occupationCode, rank: i + 1 }));
    // C and D unranked: both rank 4 (= 3 ranked + 1), so the projected ranks are 2, 1, 3.5, 3.5.
    const projected = new Map([
      ['A', 2],
      ['B', 1],
      ['E', 3],
    ]);
    expect(rankingSpearman(top, projected)).toBeCloseTo(3.5 / Math.sqrt(5 * 4.5), 12);
  });

  it('puts the bottom below the largest rank when a published list has gaps', () => {
    const top = ['A', 'B', 'C'].map((occupationCode, i) => ({ occupationCode, rank: i + 1 }));
    // Two ranked occupations but rank 100 is among them: C ranks 101, below B.
    const published = new Map([
      ['A', 1],
      ['B', 100],
    ]);
    expect(rankingSpearman(top, published)).toBe(1);
  });

  it('is 0 when the projection ranks none of the true top', () => {
    const top = ['A', 'B', 'C'].map((occupationCode, i) => ({ occupationCode, rank: i + 1 }));
    expect(rankingSpearman(top, new Map())).toBe(0);
    expect(rankingSpearman(top, new Map([['Z', 1]]))).toBe(0);
  });
});
