import type { DuckDBConnection } from '@duckdb/node-api';
import { appendRows } from './append-rows.js';
import { inTransaction } from './transaction.js';
import type { ReferenceTable } from './reference-table.js';

/** What happened to one reference list during a load. */
export interface ReferenceLoadResult {
  listId: string;
  table: string;
  edition: string;
  rows: number;
  /** `loaded` for a new or changed list, `unchanged` when its content hash was already in ref. */
  status: 'loaded' | 'unchanged';
}

/**
 * Brings schema `ref` in line with the given reference tables, in one transaction.
 *
 * A table is rewritten only when the content hash of one of its lists differs from the hash
 * recorded in `meta.reference_loads`; otherwise it is left untouched, so a second nightly run
 * changes nothing. Several lists may share a table (the four major catalogs share `ref.major`):
 * the table is then rebuilt from all of them together.
 */
export async function loadReference(conn: DuckDBConnection, tables: ReferenceTable[]): Promise<ReferenceLoadResult[]> {
  const ids = new Set<string>();
  for (const t of tables) {
    if (ids.has(t.listId)) throw new Error(`Reference list ${t.listId} given twice`);
    ids.add(t.listId);
  }
  const recorded = new Map(
    (await conn.runAndReadAll(`SELECT list_id, file_sha256, target_table FROM meta.reference_loads`))
      .getRowObjects()
      .map((r) => [String(r.list_id), { sha: String(r.file_sha256), table: String(r.target_table) }]),
  );
  const byTable = new Map<string, ReferenceTable[]>();
  for (const t of tables) byTable.set(t.table, [...(byTable.get(t.table) ?? []), t]);
  const stale = new Set(
    [...byTable].filter(([table, lists]) => {
      const listsThere = [...recorded].filter(([, r]) => r.table === table).length;
      return listsThere !== lists.length || lists.some((l) => recorded.get(l.listId)?.sha !== l.sha256);
    }).map(([table]) => table),
  );

  const results: ReferenceLoadResult[] = [];
  await inTransaction(conn, async () => {
    for (const [table, lists] of byTable) {
      const changed = stale.has(table);
      if (changed) {
        await conn.run(`DELETE FROM ${table}`);
        await conn.run(`DELETE FROM meta.reference_loads WHERE target_table = $1`, [table]);
      }
      for (const list of lists) {
        if (changed) {
          await appendRows(conn, table, list.rows);
          await conn.run(`INSERT INTO meta.reference_loads VALUES ($1, $2, $3, $4, $5, now())`, [
            list.listId, table, list.edition, list.sha256, list.rows.length,
          ]);
        }
        results.push({ listId: list.listId, table, edition: list.edition, rows: list.rows.length, status: changed ? 'loaded' : 'unchanged' });
      }
    }
  });
  return results;
}
