import type { DisclosedCells } from '../../disclosure/disclosed-cells.js';
import type { Cell } from '../../document/types.js';

/**
 * 毕业去向落实率 = 100% − the 未就业 share: withheld whenever that share is, unless a band was
 * selected for it (the per-major rates of the school reports, `selectRateBands`).
 */
export function placementRate(cells: DisclosedCells, at: Record<string, string>): Cell {
  const u: [string, Record<string, string>] = ['grad', { ...at, group: 'unemployed' }];
  const n: [string, Record<string, string>] = ['grad', at];
  const unemployed = cells.share(u, n, 1);
  return typeof unemployed === 'number' ? Math.round((100 - unemployed) * 10) / 10 : (cells.band(u, n) ?? unemployed);
}
