import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

/**
 * A rule across fields of one record, as SQL over the validated columns of a load (numbers and
 * dates already cast). It is the only statement of the rule: the record schemas check single
 * fields, these check combinations.
 */
export interface CrossCheck {
  /** The field blamed in `meta.rejected_rows`. */
  column: string;
  /** SQL condition that is TRUE when the row is wrong; `{today}` is replaced by the load date. */
  when: string;
  reason: string;
}

/** A count of current rows whose names or codes ref does not know (kept, flagged, reported). */
export interface UnmatchedFigure {
  /** What is unmatched, as the ingest summary names it. */
  what: 'majors' | 'schools' | 'occupations' | 'regions' | 'industries';
  /** SQL over the kind's core table: the value shown as an example. */
  label: string;
  /** SQL condition over the kind's core table selecting the unmatched rows. */
  where: string;
}

/** Everything the platform knows about one record kind. */
export interface KindDefinition {
  /** Chinese label in summaries bureau staff read. */
  label: string;
  /** Fields of a record as a source delivers them, each with its single-field rules. */
  schema: z.ZodObject;
  /** Rules across fields (see {@link CrossCheck}). */
  checks: readonly CrossCheck[];
  /** Table of the rows as read (every field as text). */
  rawTable: string;
  /** Table the kind's core model fills, load by load. */
  coreTable: string;
  /** The core model: SQL turning one load's accepted rows into core rows (see `run-models.ts`). */
  coreModel: SqlModelFile;
  /** Fields holding dates in any of the usual spellings, read into DATE values. */
  dateFields: readonly string[];
  /**
   * Text fields that identify or code the record: a U+FFFD (bytes no decoder could read) there
   * rejects the row. Elsewhere (skills, descriptions) it is kept, since scrapers leave such marks.
   */
  keyText: readonly string[];
  /**
   * Text fields that may hold line breaks (a quoted cell spanning lines). A line break elsewhere
   * whose continuation holds the delimiter means the parser went out of step (an unclosed quote
   * swallowing the following records), and the record is rejected rather than merged.
   */
  multilineText?: readonly string[];
  /**
   * Columns computed across rows of the file for the checks (window functions over the rows read,
   * in file order within each partition), named `__<name>` and dropped after validation.
   */
  windowed?: {
    /** SQL of the window's PARTITION BY and ORDER BY over the columns as read (text). */
    partitionBy: string;
    orderBy: string;
    /** Column name → SQL using `OVER prev`. */
    columns: Readonly<Record<string, string>>;
  };
  /** Figures of unmatched names or codes the ingest summary reports. */
  unmatched: readonly UnmatchedFigure[];
  /** Further models of the kind (macros, views) its core model reads, built with the model layer. */
  models?: readonly SqlModelFile[];
}

/** A `.sql` model file: its path and text. */
export interface SqlModelFile {
  file: string;
  sql: string;
}

/**
 * Reads a model file that sits beside the module naming it; a missing file fails when the
 * module loads, so a kind without its core model never starts.
 */
export function sqlModelFile(url: URL): SqlModelFile {
  const file = fileURLToPath(url).replace(/[/\\]dist[/\\]/, '/src/');
  return { file, sql: readFileSync(file, 'utf8') };
}
