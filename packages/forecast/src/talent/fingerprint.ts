import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import { listModels, loadWithRows } from '@talent/models';

/**
 * A hash of everything a projection reads: the loads whose rows are in the warehouse (with what
 * superseded them), the reference lists and the model files as they are in the code (not as
 * `meta.models` last recorded them: a table model whose file changed waits there for the projection
 * to build it). Equal fingerprints mean a new vintage
 * would repeat the last one. Loads that wrote no row do not count: a file skipped as already
 * loaded, a failed one, and one whose every row was rejected or that held none (a header alone);
 * otherwise such a file would redo the projection for the same rows. A load that replaced others
 * still counts through theirs, whose superseded_by it set.
 */
export async function projectionFingerprint(conn: DuckDBConnection, engineVersion: string): Promise<string> {
  const parts = await conn.runAndReadAll(`
    SELECT 'load' AS kind, string_agg(load_id || ':' || status || ':' || coalesce(superseded_by, ''), ',' ORDER BY load_id) AS items
      FROM meta.loads WHERE ${loadWithRows()}
    UNION ALL SELECT 'reference', string_agg(list_id || ':' || file_sha256, ',' ORDER BY list_id) FROM meta.reference_loads`);
  const hash = createHash('sha256').update(engineVersion);
  for (const row of parts.getRowsJson()) hash.update(`${String(row[0])}=${String(row[1])}\n`);
  const models = listModels()
    .map((m) => `${m.name}:${m.checksum}`)
    .sort();
  hash.update(`model=${models.join(',')}\n`);
  return hash.digest('hex');
}
