import type { Rng } from '../prng.js';
import type { World } from '../world/build-world.js';

/** One printed row of the yearbook table: the 合计, a 门类, or a 大类 printed below its 门类. */
export interface YearbookRow {
  level: 'total' | 'section' | 'division';
  /** Section letter or 2-digit division code; empty for the 合计 row. */
  code: string;
  name: string;
  /** Rows this row sums (the 合计 sums sections, a section with printed divisions sums them). */
  parts: number[];
  /** Index into `World.industries.divisions` of a division row, or the divisions a leaf section sums. */
  divisions: number[];
  /** False for sections the world has no employment in (their cells stay blank). */
  published: boolean;
}

/** A cell of the yearbook grid: `[row][column]`, column 0 the province, then the cities; null = blank. */
export type YearbookGrid = (number | null)[][];

/** One year's table: the figures as first printed and the yearbook's own true figures. */
export interface YearbookTable {
  year: number;
  /** The statistical office's true figures (after any later revision). */
  value: YearbookGrid;
  /** What the year's table prints: equal to `value` except a revised cell and the sums over it. */
  published: YearbookGrid;
}

/** A cell of `year`'s table printed wrong and corrected in the next year's table. */
export interface YearbookRevision {
  year: number;
  row: number;
  /** 1-based city column (never the province column: that is a sum). */
  column: number;
  published: number;
  revised: number;
}

export interface YearbookFigures {
  rows: YearbookRow[];
  tables: YearbookTable[];
  revisions: YearbookRevision[];
}

/** The rows of the table: 合计, then every 门类 of the reference in order, with 大类 rows below the configured sections. */
export function yearbookRows(world: World): YearbookRow[] {
  const { a, ref, industries } = world;
  const rows: YearbookRow[] = [{ level: 'total', code: '', name: '合计', parts: [], divisions: [], published: true }];
  for (const section of ref.sections) {
    const divisions = industries.divisions.flatMap((d, i) => (d.section === section.code ? [i] : []));
    const published = divisions.length > 0;
    if (published && a.yearbook.coverage[section.code] === undefined)
      throw new Error(`assumptions.json yearbook.coverage has no share for section ${section.code}`);
    const sectionRow = rows.push({ level: 'section', code: section.code, name: section.name, parts: [], divisions, published }) - 1;
    rows[0]!.parts.push(sectionRow);
    if (!published || !a.yearbook.divisionRowsUnder.includes(section.code)) continue;
    for (const d of divisions) {
      const div = industries.divisions[d]!;
      rows[sectionRow]!.parts.push(rows.length);
      rows.push({ level: 'division', code: div.code, name: div.name, parts: [], divisions: [d], published: true });
    }
  }
  return rows;
}

/** Fills every sum of a grid whose leaf rows hold the city cells: sections over divisions, the 合计, the province column. */
function sumUp(rows: YearbookRow[], grid: YearbookGrid): void {
  const cities = grid[0]!.length - 1;
  // Rows are ordered total → section → its divisions, so summing from the bottom up sees parts first.
  for (let r = rows.length - 1; r >= 0; r--) {
    const row = rows[r]!;
    if (!row.published || row.parts.length === 0) continue;
    for (let c = 1; c <= cities; c++) {
      let sum = 0;
      for (const p of row.parts) sum += grid[p]![c] ?? 0;
      grid[r]![c] = sum;
    }
  }
  for (let r = 0; r < rows.length; r++) {
    if (!rows[r]!.published) continue;
    let sum = 0;
    for (let c = 1; c <= cities; c++) sum += grid[r]![c]!;
    grid[r]![0] = sum;
  }
}

/**
 * The yearbook's figures for every observed year: a 大类 cell is the truth's (rounded) employment
 * times the section's coverage share, rounded; every other cell is a sum. In about `revisionRate`
 * of years the table revises one leaf cell of the previous year's table, which had been printed
 * off by `revisionSize` (its sums printed off with it).
 */
export function yearbookFigures(world: World, rng: Rng): YearbookFigures {
  const { a, axis, ref, industries } = world;
  const rows = yearbookRows(world);
  const nCities = ref.cities.length;
  const tables: YearbookTable[] = [];
  for (let year = axis.first; year <= axis.latest; year++) {
    const t = year - axis.y0;
    const value: YearbookGrid = rows.map(() => new Array<number | null>(nCities + 1).fill(null));
    rows.forEach((row, r) => {
      if (!row.published || row.parts.length > 0) return;
      const share = a.yearbook.coverage[industries.divisions[row.divisions[0]!]!.section]!;
      for (let c = 0; c < nCities; c++) {
        let cell = 0;
        for (const d of row.divisions) cell += Math.round(Math.round(industries.employment[d]![c]![t]!) * share);
        value[r]![c + 1] = cell;
      }
    });
    sumUp(rows, value);
    tables.push({ year, value, published: value.map((r) => [...r]) });
  }

  const leaves = rows.flatMap((row, r) => (row.published && row.parts.length === 0 ? [r] : []));
  const [lo, hi] = a.yearbook.revisionSize;
  const revisions: YearbookRevision[] = [];
  for (let k = 1; k < tables.length; k++) {
    if (!rng.chance(a.yearbook.revisionRate)) continue;
    const previous = tables[k - 1]!;
    const row = rng.pick(leaves);
    const column = rng.int(1, nCities);
    const revised = previous.value[row]![column]!;
    const error = (rng.chance(0.5) ? 1 : -1) * rng.uniform(lo, hi);
    let published = Math.max(0, Math.round(revised * (1 + error)));
    if (published === revised) published = revised + 1;
    previous.published[row]![column] = published;
    sumUp(rows, previous.published);
    revisions.push({ year: previous.year, row, column, published, revised });
  }
  return { rows, tables, revisions };
}
