import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../config.js';
import { readCodeLists } from '../taxonomy/read-code-lists.js';
import { canonicalCodes, sharedCodes } from './validate-framework.js';

const { industry } = (await readCodeLists(resolveConfig({}, {}).referenceDir)).trees;

describe('industry code set arithmetic', () => {
  it('reduces a set to its outermost codes', () => {
    expect(canonicalCodes(['3612', '36', '3841', '384'], industry)).toEqual(['36', '384']);
    expect(canonicalCodes(['A', '0133', '1340'], industry)).toEqual(['1340', 'A']);
  });

  it('finds shared codes at the more precise level, across 门类 letters too', () => {
    expect(sharedCodes(['36'], ['3612', '3841'], industry)).toEqual(['3612']);
    expect(sharedCodes(['A', '1340'], ['0133', '1340'], industry)).toEqual(['0133', '1340']);
    expect(sharedCodes(['G'], ['5412', '72'], industry)).toEqual(['5412']);
    expect(sharedCodes(['31'], ['32'], industry)).toEqual([]);
  });

  it('knows the hierarchy from the code list, not from code prefixes', () => {
    expect(industry.contains('C', '3612')).toBe(true);
    expect(industry.contains('36', '3612')).toBe(true);
    expect(industry.contains('3', '3612')).toBe(false);
    expect(industry.ancestorsOrSelf('3612')).toEqual(['3612', '361', '36', 'C']);
  });
});
