import type { Assumptions } from '../assumptions.js';

/**
 * The years the world is simulated over. Pre-sample years feed the graduates of the first observed
 * years; the horizon years after `latest` exist only in the truth folder.
 */
export interface TimeAxis {
  /** First simulated year (pre-sample intakes start here). */
  y0: number;
  first: number;
  latest: number;
  /** Last year written to the truth folder. */
  lastTruth: number;
  /** Last simulated year (one after lastTruth so openings and posting leads are defined). */
  yEnd: number;
  length: number;
}

export function timeAxis(a: Assumptions): TimeAxis {
  const maxLag = Math.max(...Object.values(a.programmeYears));
  const y0 = a.years.first - maxLag;
  const lastTruth = a.years.latest + a.years.horizon;
  const yEnd = lastTruth + 1;
  return { y0, first: a.years.first, latest: a.years.latest, lastTruth, yEnd, length: yEnd - y0 + 1 };
}
