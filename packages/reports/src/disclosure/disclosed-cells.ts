import type { Cell, RateBand } from '../document/types.js';
import { roundHalfAway } from '../document/format-number.js';
import { cellKey, type Coords } from './count-system.js';
import type { CountCells } from './linked-systems.js';
import type { Protection } from './protect.js';
import { DEFAULT_RULES, type DisclosureRules } from './rules.js';

/**
 * Table cells under the run's protection: what a publication writes into its tables. Counts carry
 * their key in the count system (`ref`), so the audit can read the documents back; derived cells
 * (shares, ratios) are withheld whenever an input is, since a share of a published total gives
 * the withheld count back to within rounding.
 */
export class DisclosedCells {
  constructor(
    readonly system: CountCells,
    readonly protection: Protection,
    readonly rules: DisclosureRules = DEFAULT_RULES,
    /** Rates printed as bands, by the key of their 待就业 count (`selectRateBands`). */
    readonly bands: ReadonlyMap<string, RateBand> = new Map(),
  ) {}

  private value(key: string): number {
    const c = this.system.cells.get(key);
    if (!c) throw new Error(`no count ${key} in the system`);
    return c.value;
  }

  private isWithheld(key: string): boolean {
    return this.protection.status.get(key) !== 'published';
  }

  /** A count of persons. */
  count(measure: string, coords: Coords): Cell {
    const ref = cellKey(measure, coords);
    const status = this.protection.status.get(ref);
    const value = this.value(ref);
    if (status === 'primary') return { withheld: 'small-count', ref };
    if (status === 'complementary') return { withheld: 'complementary', ref };
    return { value, ref };
  }

  /** A percentage `numerator / denominator × 100`, withheld on a denominator under the rule's minimum. */
  share(numerator: [string, Coords], denominator: [string, Coords], digits = 2): Cell {
    const n = cellKey(...numerator);
    const d = cellKey(...denominator);
    if (this.isWithheld(n) || this.isWithheld(d)) return { withheld: 'derived' };
    const den = this.value(d);
    if (den < this.rules.minDenominator) return { withheld: 'small-denominator' };
    return roundHalfAway((this.value(n) / den) * 100, digits);
  }

  /**
   * The band selected for the rate 1 − unemployed / graduates (a rate that would be withheld), as a
   * cell; undefined when none was.
   */
  band(unemployed: [string, Coords], graduates: [string, Coords]): Cell | undefined {
    const b = this.bands.get(cellKey(...unemployed));
    return b && b.graduates === cellKey(...graduates) ? { band: b } : undefined;
  }

  /** A ratio of two counts (e.g. 求人倍率 = demand / seekers), two decimals. */
  ratio(numerator: [string, Coords], denominator: [string, Coords], digits = 2): Cell {
    const n = cellKey(...numerator);
    const d = cellKey(...denominator);
    if (this.isWithheld(n) || this.isWithheld(d)) return { withheld: 'derived' };
    const den = this.value(d);
    return den === 0 ? null : roundHalfAway(this.value(n) / den, digits);
  }

  /** A mean or median over `n` persons, withheld for groups under the rule's minimum. */
  mean(value: number, n: number, digits = 0): Cell {
    if (n < this.rules.minGroupForMean) return { withheld: 'small-group' };
    return roundHalfAway(value, digits);
  }
}
