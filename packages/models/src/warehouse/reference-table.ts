/** A cell of a reference table as handed to the warehouse loader. */
export type ReferenceCell = string | number | boolean | null;

/**
 * One validated reference table ready to load into schema `ref`: the unit the loader compares
 * by content hash, so an unchanged file is never reloaded.
 */
export interface ReferenceTable {
  /** Stable identifier (e.g. `industry`, `framework_group`). */
  listId: string;
  /** Target table, schema-qualified (e.g. `ref.industry`). */
  table: string;
  /** Edition or version of the content (e.g. `GB/T 4754-2017 (2019 amendment)`). */
  edition: string;
  /** SHA-256 over the source files the rows came from. */
  sha256: string;
  /** Rows keyed by column name; every key must be a column of `table`. */
  rows: Record<string, ReferenceCell>[];
}
