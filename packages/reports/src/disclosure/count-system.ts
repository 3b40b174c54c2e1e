/**
 * The counts a run publishes, as one system of cells and additive relations, so that every
 * table of every publication that shares a margin is protected and audited together.
 *
 * A cell is a measure (e.g. `demand`) at coordinates over named dimensions (e.g. `city`,
 * `industry`); a dimension left out means the total over it. Relations are derived: a cell is the
 * sum of the cells that add one dimension to its coordinates, whenever the system holds that
 * dimension's whole domain. So the province total of the by-city table and of the by-industry
 * table is one cell, and both tables are linked through it. Hierarchies inside a dimension (a city
 * into its counties, a 产业 into its 门类) are declared as `hierarchies`: a cell at a parent code is
 * the sum of the cells at its child codes. Anything else is added with {@link CountSystem.relate}.
 */

/** Dimension name → code. */
export type Coords = Readonly<Record<string, string>>;

export interface CountCell {
  key: string;
  measure: string;
  coords: Coords;
  value: number;
}

/** `total` equals the sum of `parts` (keys). */
export interface Relation {
  total: string;
  parts: readonly string[];
}

/**
 * `lower ≤ Σ coefficient × cell ≤ upper` (keys; `upper` may be Infinity): what a printed band
 * reveals, e.g. a 落实率 band [lo, hi) % is (100 − hi)·n ≤ 100·待就业 ≤ (100 − lo)·n ({@link rateBandInequalities}).
 */
export interface Inequality {
  terms: readonly (readonly [string, number])[];
  lower: number;
  upper: number;
}

/**
 * What a placement rate printed as the band [lower, upper) in percent (upper ≤ 100) tells of the
 * 待就业 count `unemployed` among `graduates`: (100 − upper)·graduates ≤ 100·unemployed ≤
 * (100 − lower)·graduates, written with whole coefficients so that a rate on an edge satisfies its
 * band exactly.
 */
export function rateBandInequalities(unemployed: string, graduates: string, lower: number, upper: number): Inequality[] {
  return [
    {
      terms: [
        [unemployed, 100],
        [graduates, -(100 - upper)],
      ],
      lower: 0,
      upper: Infinity,
    },
    {
      terms: [
        [unemployed, 100],
        [graduates, -(100 - lower)],
      ],
      lower: -Infinity,
      upper: 0,
    },
  ];
}

/**
 * The key of a cell: measure, then dimensions in name order.
 * @example cellKey('demand', { industry: 'C', city: '450200' }) // 'demand|city=450200|industry=C'
 */
export function cellKey(measure: string, coords: Coords): string {
  const dims = Object.keys(coords).sort();
  return [measure, ...dims.map((d) => `${d}=${coords[d]}`)].join('|');
}

export class CountSystem {
  readonly cells = new Map<string, CountCell>();
  private readonly explicit: Relation[] = [];

  private readonly known = new Map<string, Set<string>>();
  private derived: Relation[] | undefined;

  /**
   * @param domains the top-level codes of each dimension, which add up to its total (a relation
   *   needs all of them).
   * @param hierarchies per dimension, parent code → child codes that add up to it (children may be
   *   parents in turn).
   */
  constructor(
    readonly domains: Readonly<Record<string, readonly string[]>>,
    readonly hierarchies: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {},
  ) {
    for (const [d, codes] of Object.entries(domains)) this.known.set(d, new Set(codes));
    for (const [d, tree] of Object.entries(hierarchies)) {
      const set = this.known.get(d);
      if (!set) throw new Error(`hierarchy for unknown dimension ${d}`);
      for (const [parent, children] of Object.entries(tree)) for (const c of [parent, ...children]) set.add(c);
    }
  }

  /** Adds a cell (a non-negative integer count) and returns its key; adding a key twice with another value throws. */
  add(measure: string, coords: Coords, value: number): string {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`count ${value} at ${cellKey(measure, coords)} is not a non-negative integer`);
    for (const [d, code] of Object.entries(coords)) {
      const known = this.known.get(d);
      if (!known) throw new Error(`unknown dimension ${d}`);
      if (!known.has(code)) throw new Error(`${code} is not a code of ${d}`);
    }
    const key = cellKey(measure, coords);
    const old = this.cells.get(key);
    if (old && old.value !== value) throw new Error(`${key} added as ${old.value} and ${value}`);
    this.cells.set(key, { key, measure, coords: { ...coords }, value });
    this.derived = undefined;
    return key;
  }

  /** Adds a relation the dimensions do not imply (e.g. a 产业 as the sum of its 门类). */
  relate(total: string, parts: readonly string[]): void {
    for (const k of [total, ...parts]) if (!this.cells.has(k)) throw new Error(`relation names unknown cell ${k}`);
    this.explicit.push({ total, parts: [...parts] });
    this.derived = undefined;
  }

  /** Every additive relation among the cells: the derived ones, then the explicit ones (kept until a cell or relation is added). */
  relations(): Relation[] {
    if (this.derived) return this.derived;
    const out: Relation[] = [];
    // The parts over `codes`, or undefined as soon as one is missing (most cells lack most domains).
    const partsOf = (cell: CountCell, dim: string, codes: readonly string[]): string[] | undefined => {
      const parts: string[] = [];
      for (const code of codes) {
        const k = cellKey(cell.measure, { ...cell.coords, [dim]: code });
        if (!this.cells.has(k)) return undefined;
        parts.push(k);
      }
      return parts;
    };
    for (const cell of this.cells.values()) {
      for (const [dim, domain] of Object.entries(this.domains)) {
        if (dim in cell.coords) continue;
        const parts = partsOf(cell, dim, domain);
        if (parts) out.push({ total: cell.key, parts });
      }
      for (const [dim, tree] of Object.entries(this.hierarchies)) {
        const children = cell.coords[dim] === undefined ? undefined : tree[cell.coords[dim]];
        if (!children) continue;
        const parts = partsOf(cell, dim, children);
        if (parts) out.push({ total: cell.key, parts });
      }
    }
    this.derived = [...out, ...this.explicit];
    return this.derived;
  }

  /** Checks that every relation holds on the values (a system that does not add up cannot be audited). */
  checkAdditivity(): string[] {
    const problems: string[] = [];
    for (const r of this.relations()) {
      const sum = r.parts.reduce((s, p) => s + this.cells.get(p)!.value, 0);
      const total = this.cells.get(r.total)!.value;
      if (sum !== total) problems.push(`${r.total} = ${total} but its ${r.parts.length} parts add to ${sum}`);
    }
    return problems;
  }
}
