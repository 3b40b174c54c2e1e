import type { RateBand } from '../document/types.js';
import { auditCounts, type AuditResult } from './audit.js';
import { rateBandInequalities, type Inequality } from './count-system.js';
import type { CountCells } from './linked-systems.js';
import type { CellStatus } from './protect.js';
import { DEFAULT_RULES, isSensitiveCount, type DisclosureRules } from './rules.js';

/**
 * The band of width `width` percentage points, anchored at 100%, that holds the rate
 * 1 − unemployed / graduates: [100 − (k+1)·w, 100 − k·w) with the top band closed at 100% (so 95%
 * lies in [95, 100], not in [90, 95)), and the lowest cut at 0. Exact in whole numbers.
 * @example rateBand(2, 40, 5) // { lower: 95, upper: 100 } (95%)
 * @example rateBand(3, 40, 5) // { lower: 90, upper: 95 } (92.5%)
 */
export function rateBand(unemployed: number, graduates: number, width: number): { lower: number; upper: number } {
  // The rate lies in band k when k < 100·u / (n·w) ≤ k + 1: k = ⌈100·u / (n·w)⌉ − 1, 0 at u = 0.
  const q = 100 * unemployed;
  const d = graduates * width;
  const k = Math.max(0, Math.floor((q + d - 1) / d) - 1);
  return { lower: Math.max(0, 100 - (k + 1) * width), upper: 100 - k * width };
}

/** Throws unless the widths are whole percentage points, fine to coarse, each a multiple of the one before (so bands nest). */
export function checkBandWidths(widths: readonly number[]): void {
  if (widths.length === 0 || widths.some((w, i) => !Number.isInteger(w) || w <= 0 || w > 100 || (i > 0 && w % widths[i - 1]! !== 0)))
    throw new Error(`rate band widths [${widths.join(', ')}]: whole percentage points, fine to coarse, each a multiple of the one before`);
}

/** The inequalities a printed band adds to the attacker's problem. */
export function bandInequalities(band: RateBand): Inequality[] {
  return rateBandInequalities(band.unemployed, band.graduates, band.lower, band.upper);
}

/** A rate that may be printed as a band: the keys of its 待就业 and 毕业生数 counts. */
export interface BandCandidate {
  unemployed: string;
  graduates: string;
}

export interface BandSelection {
  /** The printed band of each banded rate, by the key of its 待就业 count. */
  bands: ReadonlyMap<string, RateBand>;
  /** Candidates whose rate is withheld and whose denominator allows a percentage (the ones tried). */
  tried: number;
  /** Of those, left withheld: no width can pass by arithmetic alone, or still in a violation at the coarsest. */
  withheld: number;
  /** Of the withheld, those no width can pass by arithmetic alone (never attacked). */
  unreachable: number;
  widths: readonly number[];
  /** Banded rates at each width (index of `widths`). */
  byWidth: number[];
  rounds: number;
  lpSolved: number;
  seconds: number;
}

/**
 * Selection of rate bands after protection. Every candidate rate that protection leaves withheld
 * (a count behind it is withheld) and whose 毕业生数 allows a percentage starts at the finest width;
 * the attack runs with the bands' inequalities; the bands a violating cell's bound leans on (their
 * inequalities carry a nonzero dual in the attacker's LP for the too-narrow side) are coarsened one
 * width, or, at the coarsest, withheld; and the attack runs again on the cells that violated. A
 * band that no attacker's optimum uses keeps its width. The widths nest (each a multiple of the one
 * before), so a coarser band contains the finer one and withholding is weaker than any band: the
 * attacker's set only grows, a cell shown safe stays safe, and the loop ends.
 */
export async function selectRateBands(
  system: CountCells,
  status: ReadonlyMap<string, CellStatus>,
  candidates: readonly BandCandidate[],
  widths: readonly number[],
  rules: DisclosureRules = DEFAULT_RULES,
): Promise<BandSelection> {
  const t0 = performance.now();
  checkBandWidths(widths);
  const value = (k: string) => {
    const c = system.cells.get(k);
    if (!c) throw new Error(`band candidate names unknown cell ${k}`);
    return c.value;
  };
  const withheldRate = (c: BandCandidate) => status.get(c.unemployed) !== 'published' || status.get(c.graduates) !== 'published';
  const tried = candidates.filter((c) => withheldRate(c) && value(c.graduates) >= rules.minDenominator);
  const band = (c: BandCandidate, i: number): RateBand => ({ ...rateBand(value(c.unemployed), value(c.graduates), widths[i]!), ...c });
  // A band on a sensitive 待就业 bounds it by itself to [(100 − upper)·n, (100 − lower)·n] / 100: a
  // width whose band of the true rate leaves out 1 or 5 cannot pass, so each rate starts at the
  // first width that can (and one with none stays withheld without an attack).
  const { lower: needLow, upper: needHigh } = rules.protection;
  const firstWidth = (c: BandCandidate) => {
    const u = value(c.unemployed);
    const n = value(c.graduates);
    if (u === 0 || !isSensitiveCount(u, rules)) return 0;
    const i = widths.findIndex((_, j) => {
      const b = band(c, j);
      return (100 - b.upper) * n <= 100 * needLow && (100 - b.lower) * n >= 100 * needHigh;
    });
    return i;
  };
  // Width index of each candidate still banded.
  const starts = tried.map((c) => [c, firstWidth(c)] as const);
  const level = new Map(starts.filter(([, i]) => i >= 0));
  const unreachable = starts.length - level.size;
  const published = new Map<string, number>();
  for (const c of system.cells.values()) if (status.get(c.key) === 'published') published.set(c.key, c.value);
  // Protection showed every sensitive cell safe without bands: only those in a group that a band
  // joins need attacking (the groups, with the bands' inequalities, cost no LP to find).
  const withBands = (inequalities: Inequality[]) => ({
    cells: system.cells,
    relations: () => system.relations(),
    inequalities: () => inequalities,
  });
  // Each printed band's inequalities, with the band they belong to.
  const bandRows = () => [...level].flatMap(([c, i]) => bandInequalities(band(c, i)).map((q) => [q, c] as const));
  const grouping = await auditCounts(withBands(bandRows().map(([q]) => q)), published, {
    rules,
    targets: [],
  });
  const banded = new Set(
    [...level.keys()]
      .flatMap((c) => [c.unemployed, c.graduates].map((k) => grouping.groupOf(k)))
      .filter((g): g is number => g !== undefined),
  );
  let targets = [...system.cells.values()]
    .filter((c) => c.value > 0 && isSensitiveCount(c.value, rules) && banded.has(grouping.groupOf(c.key) ?? -1))
    .map((c) => c.key);
  let rounds = 0;
  let lpSolved = 0;
  while (level.size > 0 && targets.length > 0) {
    rounds++;
    const rows = bandRows();
    const attack: AuditResult = await auditCounts(withBands(rows.map(([q]) => q)), published, { rules, targets, blame: true });
    lpSolved += attack.lpSolved;
    if (attack.violations.length === 0) break;
    // The bands to coarsen: those whose inequalities the attacker's bound on a violating cell leans
    // on (a nonzero dual). Protection left every cell safe without bands, so each violation names one.
    const step = new Set<BandCandidate>();
    const unexplained = attack.violations.filter((v) => !v.binding?.length);
    if (unexplained.length > 0)
      throw new Error(
        `rate bands: ${unexplained.length} violations (${unexplained[0]!.key} first) lean on no band (protection does not hold)`,
      );
    for (const v of attack.violations) for (const j of v.binding!) step.add(rows[j]![1]);
    for (const c of step) {
      const i = level.get(c)!;
      if (i + 1 < widths.length) level.set(c, i + 1);
      else level.delete(c);
    }
    targets = attack.violations.map((v) => v.key);
  }
  const bands = new Map<string, RateBand>();
  const byWidth = widths.map(() => 0);
  for (const [c, i] of level) {
    bands.set(c.unemployed, band(c, i));
    byWidth[i]!++;
  }
  return {
    bands,
    tried: tried.length,
    withheld: tried.length - level.size,
    unreachable,
    widths,
    byWidth,
    rounds,
    lpSolved,
    seconds: (performance.now() - t0) / 1000,
  };
}
