import type { DisclosedCells } from '../../disclosure/disclosed-cells.js';
import type { Cell } from '../../document/types.js';

/** 毕业去向落实率 = 100% − the 未就业 share: withheld whenever that share is. */
export function placementRate(cells: DisclosedCells, at: Record<string, string>): Cell {
  const unemployed = cells.share(['grad', { ...at, group: 'unemployed' }], ['grad', at], 1);
  return typeof unemployed === 'number' ? Math.round((100 - unemployed) * 10) / 10 : unemployed;
}
