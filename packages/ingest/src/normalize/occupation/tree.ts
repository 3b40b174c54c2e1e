/**
 * The 大典 2022 code tree as the occupation coder reads it: which codes are occupations (leaves),
 * the level a code states, and a code's prefix at a coarser level.
 */
import type { Occupation } from '../reference.js';

/** The four levels of the 大典 code. */
export type OccupationLevel = '大类' | '中类' | '小类' | '细类';

/** Levels from coarse to fine. */
export const LEVELS: readonly OccupationLevel[] = ['大类', '中类', '小类', '细类'];

const DEPTH: Record<OccupationLevel, number> = { 大类: 1, 中类: 2, 小类: 3, 细类: 4 };
const PADDING = ['', '-00-00-00', '-00-00', '-00', ''];

/** The level a code's digits state: `2-02-10-03` 细类, `2-02-10-00` 小类, `2-02-00-00` 中类, `2-00-00-00` 大类. */
export function structuralLevel(code: string): OccupationLevel {
  const [, b, c, d] = code.split('-');
  if (b === '00') return '大类';
  if (c === '00') return '中类';
  if (d === '00') return '小类';
  return '细类';
}

/** Depth 1–4 of a level. */
export function levelDepth(level: OccupationLevel): number {
  return DEPTH[level];
}

/** The code cut to `depth` parts and padded with `-00`: `truncate('2-02-10-03', 2)` is `2-02-00-00`. */
export function truncateCode(code: string, depth: number): string {
  // The 大典's own layout (`2-02-10-03`) is cut by position; anything else by its parts.
  if (code.length === 10 && depth >= 1 && depth <= 4) return depth === 4 ? code : code.slice(0, 3 * depth - 2) + PADDING[depth]!;
  const parts = code.split('-');
  return parts.map((p, i) => (i < depth ? p : '00')).join('-');
}

/** A code list indexed for the coder. */
export interface OccupationTree {
  /** Every code of the list. */
  has(code: string): boolean;
  name(code: string): string | null;
  definition(code: string): string;
  /**
   * The level a code states: 细类 for every occupation, including those the 大典 defines at 小类 or
   * 中类 level with no 细类 below them (`2-06-03-00` 会计专业人员); otherwise its structural level.
   */
  level(code: string): OccupationLevel;
  /** Codes with no code below them: the occupations. */
  leaves(): string[];
}

/** Indexes a code list; a code is an occupation when no other code of the list lies below it. */
export function buildOccupationTree(occupations: readonly Occupation[]): OccupationTree {
  const byCode = new Map(occupations.map((o) => [o.code, o]));
  const inner = new Set<string>();
  for (const o of occupations) {
    const depth = DEPTH[structuralLevel(o.code)];
    for (let d = 1; d < depth; d++) inner.add(truncateCode(o.code, d));
  }
  const levels = new Map(occupations.map((o) => [o.code, inner.has(o.code) ? structuralLevel(o.code) : '细类']));
  const level = (code: string): OccupationLevel => levels.get(code) ?? (inner.has(code) ? structuralLevel(code) : '细类');
  return {
    has: (code) => byCode.has(code),
    name: (code) => byCode.get(code)?.name ?? null,
    definition: (code) => byCode.get(code)?.definition ?? '',
    level,
    leaves: () => occupations.filter((o) => !inner.has(o.code)).map((o) => o.code),
  };
}
