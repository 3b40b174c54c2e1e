/**
 * How a stated code is judged against a label, the same way in training, tests and the benchmark.
 * A label or a code states a level (a code the 大典 defines without finer codes states 细类). At a
 * level L a code is right when it states the same depth as the label there (both cut at L) and the
 * cut codes agree: a coarser code is right only at the levels it states, a finer one is wrong
 * below the label's level, and a title that decides nothing is right only when left uncoded.
 */
import { levelDepth, truncateCode, type OccupationLevel, type OccupationTree } from './tree.js';

/** A stated code (null when uncoded) with its level. */
export interface Stated {
  code: string | null;
  level: OccupationLevel | null;
}

/** Depth 1–4 a stated code or a label code states. */
function statedDepth(code: string, level: OccupationLevel | null, tree: OccupationTree): number {
  return levelDepth(level ?? tree.level(code));
}

/**
 * Whether `stated` is right at `depth` (1 大类 … 4 细类) for a label (`null`: the title decides nothing).
 * @example rightAt('2-02-10-03', { code: '2-02-10-00', level: '小类' }, 3, tree) // true
 * @example rightAt('2-02-10-03', { code: '2-02-10-00', level: '小类' }, 4, tree) // false
 */
export function rightAt(label: string | null, stated: Stated, depth: number, tree: OccupationTree): boolean {
  if (label === null) return stated.code === null;
  if (stated.code === null) return false;
  const dl = Math.min(depth, levelDepth(tree.level(label)));
  const ds = Math.min(depth, statedDepth(stated.code, stated.level, tree));
  return dl === ds && truncateCode(label, dl) === truncateCode(stated.code, ds);
}

/** Whether a coded title is right at the level it states (what its confidence is a probability of). */
export function rightAtStatedLevel(label: string | null, stated: Stated, tree: OccupationTree): boolean {
  if (stated.code === null) return label === null;
  return rightAt(label, stated, statedDepth(stated.code, stated.level, tree), tree);
}

/** One bin of a reliability table. */
export interface ReliabilityBin {
  /** Lower bound of the bin's stated confidence. */
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/**
 * Reliability by confidence decile and the expected calibration error (the count-weighted mean of
 * |accuracy − mean confidence| over the bins).
 */
export function reliability(points: readonly { confidence: number; right: boolean }[], bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = [];
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = points.filter((p) => p.confidence >= from && (b === bins - 1 ? p.confidence <= to : p.confidence < to));
    const count = inBin.length;
    const meanConfidence = count ? inBin.reduce((s, p) => s + p.confidence, 0) / count : 0;
    const accuracy = count ? inBin.filter((p) => p.right).length / count : 0;
    if (points.length) ece += (count / points.length) * Math.abs(accuracy - meanConfidence);
    out.push({ from, to, count, meanConfidence, accuracy });
  }
  return { bins: out, ece };
}
