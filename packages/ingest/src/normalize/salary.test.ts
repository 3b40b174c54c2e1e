import { describe, expect, it } from 'vitest';
import { PAID_DAYS_PER_MONTH, parseSalary, salaryFromParts } from './salary.js';

describe('parseSalary', () => {
  // Every distinct format found in the six reference scrapes, with the value worked out by hand.
  it.each([
    ['1-1.5万', 10000, 15000, 12, 'month'],
    ['6千-1.2万·13薪', 6000, 12000, 13, 'month'],
    ['2-3万·13薪', 20000, 30000, 13, 'month'],
    ['4-8千·13薪', 4000, 8000, 13, 'month'],
    ['6-9千', 6000, 9000, 12, 'month'],
    ['12-18K', 12000, 18000, 12, 'month'],
    ['25-35K·13薪', 25000, 35000, 13, 'month'],
    ['7k-9k', 7000, 9000, 12, 'month'],
    ['20K-30K', 20000, 30000, 12, 'month'],
    ["['1-1.5万/月']", 10000, 15000, 12, 'month'],
    ["['6-8千/月']", 6000, 8000, 12, 'month'],
    ['8千-1.5万/月', 8000, 15000, 12, 'month'],
    ['3000-10000元/月', 3000, 10000, 12, 'month'],
    ['20-30万/年', 16667, 25000, 12, 'year'],
    ["['20-40万/年']", 16667, 33333, 12, 'year'],
    ['150元/天', 3263, 3263, 12, 'day'],
    ['300-330元/天', 6525, 7178, 12, 'day'],
    ['200元/天', 4350, 4350, 12, 'day'],
    ['1.5千/天', 32625, 32625, 12, 'day'],
    ['100-120元/时', 17400, 20880, 12, 'hour'],
    ['15k以上', 15000, null, 12, 'month'],
    ['2k以下', null, 2000, 12, 'month'],
    ['3千及以下', null, 3000, 12, 'month'],
    ['1.5千以下/月', null, 1500, 12, 'month'],
    ['10万以上/月', 100000, null, 12, 'month'],
    ['100万以上/年', 83333, null, 12, 'year'],
    ['3万及以下/年', null, 2500, 12, 'year'],
    ['１５－２５Ｋ·１３薪', 15000, 25000, 13, 'month'],
  ] as const)('%s', (text, min, max, months, period) => {
    const s = parseSalary(text);
    expect(s.reason).toBeUndefined();
    expect(s.minMonthly).toBe(min);
    expect(s.maxMonthly).toBe(max);
    expect(s.monthsPerYear).toBe(months);
    expect(s.period).toBe(period);
    expect(s.negotiable).toBe(false);
  });

  it('keeps 面议 as unknown and negotiable, never zero', () => {
    for (const text of ['面议', '薪资面议', "['面议']"]) {
      const s = parseSalary(text);
      expect(s).toMatchObject({ minMonthly: null, maxMonthly: null, monthsPerYear: null, negotiable: true, reason: 'negotiable' });
    }
  });

  it('classes blank, header, corrupted and inverted cells as unknown with a reason', () => {
    expect(parseSalary('').reason).toBe('blank');
    expect(parseSalary('[]').reason).toBe('blank');
    expect(parseSalary('薪资').reason).toBe('unrecognised');
    expect(parseSalary('9\uFFFD-1.5万·13薪').reason).toBe('corrupt-text');
    expect(parseSalary('3-2万').reason).toBe('inverted-range');
    // Figures without a unit are yuan: 5–8 yuan a month is no pay, and says so.
    expect(parseSalary('5-8').reason).toBe('implausible');
    expect(parseSalary('5000-3000').reason).toBe('inverted-range');
    expect(parseSalary('底薪3000+提成').reason).toBe('unrecognised');
    expect(parseSalary('月薪20000/年').reason).toBe('unrecognised');
    expect(parseSalary('1-2元').reason).toBe('implausible');
    for (const bad of ['', '薪资', '3-2万']) expect(parseSalary(bad).negotiable).toBe(false);
  });

  it('uses 21.75 paid days per month for daily rates', () => {
    expect(PAID_DAYS_PER_MONTH).toBe(21.75);
    expect(parseSalary('100元/天').minMonthly).toBe(2175);
  });
});

describe('salaryFromParts (liepin pre-split K + months)', () => {
  it('reads low/high thousands and months', () => {
    expect(salaryFromParts('10', '16', '14')).toMatchObject({ minMonthly: 10000, maxMonthly: 16000, monthsPerYear: 14, period: 'month' });
    expect(salaryFromParts('3', '', '12')).toMatchObject({ minMonthly: 3000, maxMonthly: 3000, monthsPerYear: 12 });
  });
  it('keeps 面议 with an empty high cell as negotiable', () => {
    expect(salaryFromParts('面议', '', '')).toMatchObject({ minMonthly: null, negotiable: true, reason: 'negotiable' });
  });
  it('rejects non-numeric cells', () => {
    expect(salaryFromParts('abc', '5', '12').reason).toBe('unrecognised');
    expect(salaryFromParts('', '', '').reason).toBe('blank');
  });

  it('reads compound figures, unit-less yuan, a trailing 元 and a period written first', () => {
    const b = (t: string) => {
      const p = parseSalary(t);
      return [p.minMonthly, p.maxMonthly, p.period];
    };
    expect(b('1万-1万5')).toEqual([10000, 15000, 'month']);
    expect(b('1万5-2万')).toEqual([15000, 20000, 'month']);
    expect(b('8千-1万2')).toEqual([8000, 12000, 'month']);
    expect(b('1万2千-1万5千')).toEqual([12000, 15000, 'month']);
    expect(b('8千5-1万')).toEqual([8500, 10000, 'month']);
    expect(b('6000-9000')).toEqual([6000, 9000, 'month']);
    expect(b('6千-8千元')).toEqual([6000, 8000, 'month']);
    expect(b('月薪6000')).toEqual([6000, 6000, 'month']);
    expect(b('年薪24万')).toEqual([20000, 20000, 'year']);
    expect(b('6000元/月以上')).toEqual([6000, null, 'month']);
    expect(b('１万－１万５')).toEqual([10000, 15000, 'month']);
  });
});
