/**
 * Conditions on a meta.loads row (alias prefix `''` or `'a.'`) that ingest, the projection's
 * fingerprint and the reports read loads by, so that a load that replaced another counts wherever
 * one that replaced none does.
 */

/** A load that wrote rows (loaded, or loaded and replacing earlier ones), superseded since or not. */
export const loadedLoad = (alias = ''): string => `${alias}status IN ('loaded', 'replaced')`;

/** A load whose rows are current: loaded or replaced, and not superseded. */
export const activeLoad = (alias = ''): string => `${loadedLoad(alias)} AND ${alias}superseded_by IS NULL`;

/**
 * A loaded load that accepted at least one row: one that accepted none (every row rejected, a header
 * alone) changes nothing the projection or the reports read.
 */
export const loadWithRows = (alias = ''): string => `${loadedLoad(alias)} AND ${alias}rows_loaded > 0`;
