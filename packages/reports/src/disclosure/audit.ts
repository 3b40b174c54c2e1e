import type { CountCells } from './linked-systems.js';
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
  /**
   * A side of the interval is a value the cell takes at a witness point rather than its bound
   * (the bound lies beyond it): the interval is then inside the attacker's, and still contains the
   * protection range.
   */
  witnessed?: boolean;
  /**
   * For a violation, when the audit was asked to name them: the inequalities (indices into the
   * system's `inequalities()`) the attacker's optimum leans on (a nonzero dual of the LP that bound
   * the too-narrow side). Relaxing one of them is what can widen the interval.
   */
  binding?: number[];
}

export interface AuditResult {
  intervals: CellInterval[];
  /** Sensitive cells whose interval is narrower than the rule allows (published ones included, as [v, v]). */
  violations: CellInterval[];
  /** Variables and equations of the attacker's problem, and LPs solved. */
  variables: number;
  equations: number;
  lpSolved: number;
  /** Unpublished cells in the largest group linked by the equations (the largest LP solved). */
  largestGroup: number;
  seconds: number;
  /**
   * The group of an unpublished cell (cells tied by equations or inequalities share one; a
   * cell's bounds depend on its group only); undefined for a published cell.
   */
  groupOf: (key: string) => number | undefined;
}

export interface AuditOptions {
  rules?: DisclosureRules;
  /** Cells to bound (default: every sensitive cell and every unpublished cell of the system). */
  targets?: Iterable<string>;
  /** Bound every target by its own two LPs, without witness points (exact intervals throughout). */
  exact?: boolean;
  /** Name the binding inequalities of each violation (`CellInterval.binding`). */
  blame?: boolean;
}

const TOLERANCE = 1e-6;
/** Groups with at least this many targets look for witness points before solving per cell. */
const WITNESS_MIN_TARGETS = 16;
/** Witness LPs per side: each pass retries the targets the previous point did not show. */
const WITNESS_PASSES = 3;

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
  system: CountCells,
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
  // Rows: sum(parts) - total = 0 (lower = upper), and the inequalities of printed bands, with
  // published values moved to the bounds.
  // `inequality`: the row's index in the system's inequalities (relations have none).
  const equations: { terms: [number, number][]; lower: number; upper: number; inequality?: number }[] = [];
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
    const terms = [...coef].filter(([, c]) => c !== 0).sort((x, y) => x[0] - y[0]);
    if (terms.length > 0) equations.push({ terms, lower: constant, upper: constant });
  }
  for (const [index, q] of (system.inequalities?.() ?? []).entries()) {
    const coef = new Map<number, number>();
    let constant = 0;
    for (const [key, c] of q.terms) {
      const col = column.get(key);
      if (col === undefined) constant += c * published.get(key)!;
      else coef.set(col, (coef.get(col) ?? 0) + c);
    }
    const terms = [...coef].filter(([, c]) => c !== 0).sort((x, y) => x[0] - y[0]);
    if (terms.length > 0) equations.push({ terms, lower: q.lower - constant, upper: q.upper - constant, inequality: index });
  }
  const targets = options.targets
    ? [...new Set(options.targets)]
    : [...system.cells.values()].filter((c) => !published.has(c.key) || isSensitiveCount(c.value, rules)).map((c) => c.key);
  const intervals: CellInterval[] = [];
  const sensitiveCell = (key: string) => {
    const value = system.cells.get(key)!.value;
    return value > 0 && isSensitiveCount(value, rules);
  };
  const judge = (key: string, lower: number, upper: number, witnessed = false, binding?: number[]): CellInterval => {
    const sensitive = sensitiveCell(key);
    const isProtected = !sensitive || (lower <= needLow + TOLERANCE && upper >= needHigh - TOLERANCE);
    return {
      key,
      lower,
      upper,
      value: system.cells.get(key)!.value,
      sensitive,
      protected: isProtected,
      ...(witnessed ? { witnessed } : {}),
      ...(binding && !isProtected ? { binding } : {}),
    };
  };
  // The unpublished cells fall apart into groups linked by no equation (the schools of a region,
  // say): the bounds of a cell depend only on its own group, so each group is solved as its own LP.
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const e of equations) for (const [col] of e.terms.slice(1)) parent[find(col)] = find(e.terms[0]![0]);
  let lpSolved = 0;
  let largestGroup = 0;
  const toBound = targets.filter((k) => column.has(k));
  for (const k of targets) if (!column.has(k)) intervals.push(judge(k, published.get(k)!, published.get(k)!));
  if (toBound.length > 0) {
    const h = await highs();
    const byGroup = new Map<number, string[]>();
    for (const key of toBound) {
      const g = find(column.get(key)!);
      (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(key);
    }
    const equationsOf = new Map<number, typeof equations>();
    for (const e of equations) {
      const g = find(e.terms[0]![0]);
      if (byGroup.has(g)) (equationsOf.get(g) ?? equationsOf.set(g, []).get(g)!).push(e);
    }
    const columnsOf = new Map<number, number[]>();
    keys.forEach((_, col) => {
      const g = find(col);
      if (byGroup.has(g)) (columnsOf.get(g) ?? columnsOf.set(g, []).get(g)!).push(col);
    });
    for (const [g, groupTargets] of byGroup) {
      const cols = columnsOf.get(g)!;
      largestGroup = Math.max(largestGroup, cols.length);
      const local = new Map(cols.map((c, i) => [c, i]));
      const rows = equationsOf.get(g) ?? [];
      const starts: number[] = [0];
      const indices: number[] = [];
      const values: number[] = [];
      for (const e of rows) {
        for (const [col, c] of e.terms) {
          indices.push(local.get(col)!);
          values.push(c);
        }
        starts.push(indices.length);
      }
      const n = cols.length;
      const m = rows.length;
      const bound = (v: number) => (v === Infinity ? h.infinity : v === -Infinity ? -h.infinity : v);
      const model = h.createModel({
        numCols: n,
        numRows: m,
        colCost: new Float64Array(n),
        colLower: new Float64Array(n),
        colUpper: new Float64Array(n).fill(h.infinity),
        rowLower: Float64Array.from(rows.map((e) => bound(e.lower))),
        rowUpper: Float64Array.from(rows.map((e) => bound(e.upper))),
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
        const solve = (key: string, sense: 'minimize' | 'maximize'): number => {
          model.changeObjectiveSense(h.constants.objectiveSense[sense]);
          model.run();
          lpSolved++;
          const status = model.getModelStatus();
          if (status === optimal) return model.getObjectiveValue();
          if (status === unbounded && sense === 'maximize') return Infinity;
          throw new Error(`attacker LP for ${key} (${sense}) ended with HiGHS model status ${status}`);
        };
        // Witnesses first, in a large group: one LP minimising the sum of the targets gives a point
        // of the attacker's set where many of them are at most the rule's lower end at once, and one
        // maximising their sum with each capped at the upper end a point where many reach it. A
        // cell shown on both sides by such points contains the protection range — its exact bounds
        // are not needed; the others get their own LPs.
        const low = new Map<string, number>();
        const high = new Map<string, number>();
        if (!options.exact && groupTargets.length >= WITNESS_MIN_TARGETS) {
          const colOf = (k: string) => local.get(column.get(k)!)!;
          // HiGHS takes a set of columns in increasing order.
          const colsOf = (list: readonly string[]) => Int32Array.from(list.map(colOf)).sort();
          const select = (cs: Int32Array) => ({ kind: 'set' as const, indices: cs });
          const witness = (side: 'low' | 'high') => {
            const found = side === 'low' ? low : high;
            for (let pass = 0; pass < WITNESS_PASSES; pass++) {
              const open = groupTargets.filter((k) => !found.has(k));
              if (open.length < WITNESS_MIN_TARGETS) break;
              const cs = colsOf(open);
              if (side === 'high')
                model.changeColsBounds(select(cs), new Float64Array(cs.length), new Float64Array(cs.length).fill(needHigh));
              model.changeColsCost(select(cs), new Float64Array(cs.length).fill(1));
              model.changeObjectiveSense(side === 'low' ? h.constants.objectiveSense.minimize : h.constants.objectiveSense.maximize);
              model.run();
              lpSolved++;
              const ok = model.getModelStatus() === optimal;
              const x = ok ? model.getSolution().colValue : undefined;
              model.changeColsCost(select(cs), new Float64Array(cs.length));
              if (side === 'high')
                model.changeColsBounds(select(cs), new Float64Array(cs.length), new Float64Array(cs.length).fill(h.infinity));
              if (!x) break;
              let added = 0;
              for (const k of open) {
                const v = x[colOf(k)]!;
                if (side === 'low' ? v <= needLow + TOLERANCE : v >= needHigh - TOLERANCE) {
                  found.set(k, side === 'low' ? Math.max(0, v) : v);
                  added++;
                }
              }
              if (added === 0) break;
            }
          };
          witness('low');
          witness('high');
        }
        // The inequality rows with a nonzero dual at the optimum just solved: the bound is a
        // combination of exactly those rows (and relations), so they are what narrows the cell.
        const bindingRows = (into: Set<number>) => {
          const dual = model.getSolution().rowDual;
          rows.forEach((e, r) => {
            if (e.inequality !== undefined && Math.abs(dual[r]!) > TOLERANCE) into.add(e.inequality);
          });
        };
        for (const key of groupTargets) {
          const col = local.get(column.get(key)!)!;
          const blame = options.blame && sensitiveCell(key) ? new Set<number>() : undefined;
          model.changeColCost(col, 1);
          const lower = low.get(key) ?? solve(key, 'minimize');
          if (blame && !low.has(key) && lower > needLow + TOLERANCE) bindingRows(blame);
          const upper = high.get(key) ?? solve(key, 'maximize');
          if (blame && !high.has(key) && upper < needHigh - TOLERANCE) bindingRows(blame);
          model.changeColCost(col, 0);
          intervals.push(judge(key, Math.max(0, lower), upper, low.has(key) || high.has(key), blame && [...blame]));
        }
      } finally {
        model.dispose();
      }
    }
  }
  intervals.sort((a, b) => a.key.localeCompare(b.key));
  return {
    intervals,
    violations: intervals.filter((i) => !i.protected),
    variables: keys.length,
    equations: equations.length,
    lpSolved,
    largestGroup,
    seconds: (performance.now() - t0) / 1000,
    groupOf: (key) => {
      const col = column.get(key);
      return col === undefined ? undefined : find(col);
    },
  };
}
