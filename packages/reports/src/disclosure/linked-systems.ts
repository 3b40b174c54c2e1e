import type { CountCell, Inequality, Relation } from './count-system.js';

/**
 * What protection and the audit read of a set of counts: the cells, the additive relations among
 * them and any inequalities that printed bands reveal (the audit reads both).
 */
export interface CountCells {
  readonly cells: ReadonlyMap<string, CountCell>;
  relations(): Relation[];
  inequalities?(): Inequality[];
}

/**
 * Count systems joined into the one system an attacker of the whole run faces. A cell held by two
 * systems under one key is one cell (a linking cell: a school's row in the region's by-school table
 * is the total of that school's own tables), and `links` are the relations that run across systems
 * (the region's 去向, cohort and major totals are sums over the schools' cells). Each system keeps
 * its own cells and relations; this class only puts them side by side.
 */
export class LinkedSystems implements CountCells {
  readonly cells = new Map<string, CountCell>();
  private readonly all: Relation[];

  constructor(
    readonly systems: readonly CountCells[],
    links: readonly Relation[] = [],
  ) {
    for (const s of systems)
      for (const c of s.cells.values()) {
        const old = this.cells.get(c.key);
        if (old && old.value !== c.value) throw new Error(`linking cell ${c.key} is ${old.value} in one system and ${c.value} in another`);
        this.cells.set(c.key, c);
      }
    for (const r of links) for (const k of [r.total, ...r.parts]) if (!this.cells.has(k)) throw new Error(`link names unknown cell ${k}`);
    // A linking cell's relations may be derived by both of its systems: each relation once.
    const seen = new Set<string>();
    this.all = [];
    for (const r of [...systems.flatMap((s) => s.relations()), ...links]) {
      const id = `${r.total}=${[...r.parts].sort().join('+')}`;
      if (seen.has(id)) continue;
      seen.add(id);
      this.all.push(r);
    }
  }

  relations(): Relation[] {
    return this.all;
  }

  /** Checks that every relation holds on the values. */
  checkAdditivity(): string[] {
    const problems: string[] = [];
    for (const r of this.all) {
      const sum = r.parts.reduce((s, p) => s + this.cells.get(p)!.value, 0);
      const total = this.cells.get(r.total)!.value;
      if (sum !== total) problems.push(`${r.total} = ${total} but its ${r.parts.length} parts add to ${sum}`);
    }
    return problems;
  }
}
