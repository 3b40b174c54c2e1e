import type { CountSystem } from './count-system.js';
import { highs } from './lp-solver.js';
import { DEFAULT_RULES, isSensitiveCount, type DisclosureRules } from './rules.js';

/** What an attacker can derive about one unpublished cell. */
export interface CellInterval {
  key: string;
  /** Tightest bounds from every published value, every relation and non-negativity. */
  lower: number;
  upper: number;
  /** The true value (for the record and for tests; never published). */
  value: number;
  /** A sensitive count (1–4 persons). */
  sensitive: boolean;
  /** For sensitive cells: whether the interval contains the protection range. */
  protected: boolean;
}

export interface AuditResult {
  intervals: CellInterval[];
  /** Sensitive cells whose interval is narrower than the rule allows (published ones included, as [v, v]). */
  violations: CellInterval[];
  /** Variables and equations of the attacker's problem, and LPs solved. */
  variables: number;
  equations: number;
  lpSolved: number;
  seconds: number;
}

export interface AuditOptions {
  rules?: DisclosureRules;
  /** Cells to bound (default: every sensitive cell and every unpublished cell of the system). */
  targets?: Iterable<string>;
}

const TOLERANCE = 1e-6;

/**
 * The attacker's problem, solved: for each target cell, the minimum and maximum of its value over
 * all non-negative values of the unpublished cells that satisfy every additive relation with
 * the published values fixed (two LPs per cell, HiGHS, one model re-solved with a new objective
 * by primal simplex from the previous basis). Continuous LP bounds are at least as wide as
 * the integer ones, so a cell passing here may be narrower for an attacker who uses integrality
 * (equal for two-way tables, whose constraint matrices are totally unimodular).
 *
 * A sensitive cell passes when its interval contains `rules.protection` ([1, 5] by default).
 */
export async function auditCounts(
  system: CountSystem,
  published: ReadonlyMap<string, number>,
  options: AuditOptions = {},
): Promise<AuditResult> {
  const t0 = performance.now();
  const rules = options.rules ?? DEFAULT_RULES;
  const { lower: needLow, upper: needHigh } = rules.protection;
  const column = new Map<string, number>();
  const keys: string[] = [];
  for (const key of system.cells.keys()) {
    if (!published.has(key)) {
      column.set(key, keys.length);
      keys.push(key);
    }
  }
  // Equations: sum(parts) - total = 0, with published values moved to the right-hand side.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rhs: number[] = [];
  for (const r of system.relations()) {
    const coef = new Map<number, number>();
    let constant = 0;
    const add = (key: string, sign: number) => {
      const col = column.get(key);
      if (col === undefined) constant -= sign * published.get(key)!;
      else coef.set(col, (coef.get(col) ?? 0) + sign);
    };
    for (const p of r.parts) add(p, 1);
    add(r.total, -1);
    const terms = [...coef].filter(([, c]) => c !== 0);
    if (terms.length === 0) continue;
    for (const [col, c] of terms.sort((a, b) => a[0] - b[0])) {
      indices.push(col);
      values.push(c);
    }
    starts.push(indices.length);
    rhs.push(constant);
  }
  const targets = options.targets
    ? [...new Set(options.targets)]
    : [...system.cells.values()].filter((c) => !published.has(c.key) || isSensitiveCount(c.value, rules)).map((c) => c.key);
  const intervals: CellInterval[] = [];
  const judge = (key: string, lower: number, upper: number): CellInterval => {
    const value = system.cells.get(key)!.value;
    const sensitive = value > 0 && isSensitiveCount(value, rules);
    return {
      key,
      lower,
      upper,
      value,
      sensitive,
      protected: !sensitive || (lower <= needLow + TOLERANCE && upper >= needHigh - TOLERANCE),
    };
  };
  let lpSolved = 0;
  const toBound = targets.filter((k) => column.has(k));
  for (const k of targets) if (!column.has(k)) intervals.push(judge(k, published.get(k)!, published.get(k)!));
  if (toBound.length > 0) {
    const h = await highs();
    const n = keys.length;
    const m = rhs.length;
    const model = h.createModel({
      numCols: n,
      numRows: m,
      colCost: new Float64Array(n),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(h.infinity),
      rowLower: Float64Array.from(rhs),
      rowUpper: Float64Array.from(rhs),
      matrix: {
        format: 'csr',
        numRows: m,
        numCols: n,
        starts: Int32Array.from(starts),
        indices: Int32Array.from(indices),
        values: Float64Array.from(values),
      },
    });
    try {
      // After a change of objective the last basis stays primal feasible: primal simplex without
      // presolve restarts from it (about 2 iterations per LP here, against 50 from scratch).
      model.options.set({ output_flag: false, presolve: 'off', simplex_strategy: 4 });
      const { optimal, unbounded } = h.constants.modelStatus;
      const solve = (col: number, sense: 'minimize' | 'maximize'): number => {
        model.changeObjectiveSense(h.constants.objectiveSense[sense]);
        model.run();
        lpSolved++;
        const status = model.getModelStatus();
        if (status === optimal) return model.getObjectiveValue();
        if (status === unbounded && sense === 'maximize') return Infinity;
        throw new Error(`attacker LP for ${keys[col]} (${sense}) ended with HiGHS model status ${status}`);
      };
      for (const key of toBound) {
        const col = column.get(key)!;
        model.changeColCost(col, 1);
        const lower = solve(col, 'minimize');
        const upper = solve(col, 'maximize');
        model.changeColCost(col, 0);
        intervals.push(judge(key, Math.max(0, lower), upper));
      }
    } finally {
      model.dispose();
    }
  }
  intervals.sort((a, b) => a.key.localeCompare(b.key));
  return {
    intervals,
    violations: intervals.filter((i) => !i.protected),
    variables: keys.length,
    equations: rhs.length,
    lpSolved,
    seconds: (performance.now() - t0) / 1000,
  };
}
