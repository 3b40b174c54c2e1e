/**
 * Disclosure-control thresholds, from `METHODS.md` §7 (ours, anchored on HESA and Ofqual):
 * counts of 1–4 persons are sensitive (a true 0 may be shown, as Ofqual does); a percentage needs a
 * denominator of at least 23 persons (HESA's 22.5, rounded up); a mean or median needs at least 8
 * persons (HESA: not for groups of 7 or fewer).
 */
export interface DisclosureRules {
  /** Smallest publishable count of persons; counts 1 … minCount − 1 are sensitive. */
  minCount: number;
  /** Smallest denominator of a published percentage. */
  minDenominator: number;
  /** Smallest group behind a published mean or median. */
  minGroupForMean: number;
  /**
   * Protection range of a sensitive cell: the tightest interval an attacker can derive from
   * everything published must contain [lower, upper]. With [1, 5] every value 1–4 stays possible
   * and so does a publishable value (≥ 5): the outputs neither give the count nor show that the
   * cell is a small one.
   */
  protection: { lower: number; upper: number };
  /** Whether a true zero may be published (it is not a person). */
  showZeros: boolean;
}

export const DEFAULT_RULES: DisclosureRules = {
  minCount: 5,
  minDenominator: 23,
  minGroupForMean: 8,
  protection: { lower: 1, upper: 5 },
  showZeros: true,
};

/** True when a count of persons may not be published as such. */
export function isSensitiveCount(value: number, rules: DisclosureRules = DEFAULT_RULES): boolean {
  if (value === 0) return !rules.showZeros;
  return value > 0 && value < rules.minCount;
}
