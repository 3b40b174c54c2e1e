import { describe, expect, it } from 'vitest';
import { Rng } from '../prng.js';
import { salaryTextA } from './posting-text.js';

describe('salaryTextA', () => {
  it('renders day and year units in the job boards’ style', () => {
    const r = new Rng(1, 's');
    expect(salaryTextA(r, 200, 200, 'day', 12)).toBe('200元/天');
    expect(salaryTextA(r, 180, 220, 'day', 12)).toBe('180-220元/天');
    expect(salaryTextA(r, 100000, 200000, 'year', 12)).toBe('10-20万/年');
  });

  it('renders monthly ranges as K, 千/万 or 元 strings that keep the numbers', () => {
    const r = new Rng(2, 's');
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const text = salaryTextA(r, 8000, 15000, 'month', 13);
      seen.add(text);
      expect(['8-15K·13薪', '8千-1.5万/月', '8000-15000元/月']).toContain(text);
    }
    expect(seen.size).toBe(3);
  });
});
