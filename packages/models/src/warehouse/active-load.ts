/**
 * SQL condition of a load whose rows are current (loaded or replaced, and not superseded), for a
 * meta.loads row with the given alias prefix (`''` or `'a.'`). Ingest, the reports' fingerprint and
 * their list of sources read the loads by it, so a load that replaced another counts wherever one
 * that replaced none does.
 */
export const activeLoad = (alias = ''): string => `${alias}status IN ('loaded', 'replaced') AND ${alias}superseded_by IS NULL`;
