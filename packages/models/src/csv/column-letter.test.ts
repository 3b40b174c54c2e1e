import { describe, expect, it } from 'vitest';
import { columnLetter } from './column-letter.js';

describe('spreadsheet column letters', () => {
  it('count A–Z, then AA–ZZ, then AAA, as Excel names columns', () => {
    expect([0, 25, 26, 27, 51, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'ZZ', 'AAA', 'XFD']);
  });
});
