import { describe, expect, it } from 'vitest';
import { loadAssumptions } from '../assumptions.js';
import type { Rng } from '../prng.js';
import type { IndustryPaths } from './industry-paths.js';
import { buildOccupationPaths } from './occupation-paths.js';
import type { StaffingMatrix } from './staffing.js';
import type { TimeAxis } from './time-axis.js';

// Every draw at its centre, so that what remains is the documented rule itself.
const centred = { uniform: (lo: number, hi: number) => (lo + hi) / 2, lognormal: () => 1, normal: () => 0 } as unknown as Rng;

describe('buildOccupationPaths', () => {
  it('gives office occupations the documented factor more experienced seekers per separation than other occupations', () => {
    const a = loadAssumptions();
    const axis: TimeAxis = { y0: 2013, first: 2013, latest: 2014, lastTruth: 2014, yEnd: 2015, length: 3 };
    const ind: IndustryPaths = {
      divisions: [{ code: '72', name: '商务服务业', section: 'L' }],
      employment: [[Float64Array.from([1000, 1100, 1200])]],
      policyByDivision: new Map(),
    };
    const staff: StaffingMatrix = {
      occupations: [
        { code: '3-01-02-01', name: '行政办事员', isDigital: false, isGreen: false },
        { code: '4-01-02-01', name: '营销员', isDigital: false, isGreen: false },
      ],
      rows: [
        [
          { occupation: 0, share: 0.4 },
          { occupation: 1, share: 0.6 },
        ],
      ],
    };
    const paths = buildOccupationPaths(a, centred, axis, ind, staff, 1);
    expect(Array.from(paths.employment[0]![0]!)).toEqual([400, 440, 480]);
    expect(paths.replacement).toEqual([a.replacementRate['3'], a.replacementRate['4']]);
    const perSeparation = (o: number, t: number) => paths.seekers[o]![0]![t]! / (paths.replacement[o]! * paths.employment[o]![0]![t - 1]!);
    for (const t of [1, 2]) {
      expect(perSeparation(0, t)).toBeCloseTo(a.mobility.mean * a.mobility.groupFactor['3']!, 12);
      expect(perSeparation(1, t)).toBeCloseTo(a.mobility.mean, 12);
    }
  });
});
