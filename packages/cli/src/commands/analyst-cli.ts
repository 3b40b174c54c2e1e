import type { Config } from '@talent/models';
import { EXIT } from '../exit-codes.js';
import { exportLake, NoSnapshotError } from './export.js';
import { SqlQueryError, sqlCommand, type SqlFormat } from './sql.js';

/** `talent export`: the lake from the published snapshot; a line per table, or the summary as JSON. */
export async function exportCommand(config: Config, json: boolean): Promise<number> {
  try {
    const summary = await exportLake(config);
    if (json) console.log(JSON.stringify(summary, null, 2));
    else {
      for (const t of summary.tables) {
        console.log(
          `  ${t.table.padEnd(34)} ${String(t.rows).padStart(9)} rows  ${String(t.parquetFiles).padStart(4)} Parquet files  by ${t.partitionBy.join(', ') || '(none)'}`,
        );
      }
      console.log(
        `Exported ${summary.tables.length} tables from ${summary.snapshot} to ${summary.lake} in ${summary.seconds.toFixed(1)} s.`,
      );
    }
    return EXIT.ok;
  } catch (err) {
    if (err instanceof NoSnapshotError) {
      console.error(`talent export: ${err.message}`);
      return EXIT.noInput;
    }
    throw err;
  }
}

/** `talent sql "<query>"`: prints the result; exit 8 when DuckDB refuses the query, 5 without a snapshot. */
export async function sqlCli(config: Config, query: string | undefined, format: SqlFormat): Promise<number> {
  if (!query) {
    console.error('talent sql: give the query as one argument, e.g. talent sql "SELECT count(*) FROM marts.fct_talent_gap"');
    return EXIT.usage;
  }
  try {
    console.log(await sqlCommand(config, query, format));
    return EXIT.ok;
  } catch (err) {
    if (err instanceof SqlQueryError) {
      console.error(`talent sql: ${err.message}`);
      return EXIT.sqlError;
    }
    if (err instanceof NoSnapshotError) {
      console.error(`talent sql: ${err.message}`);
      return EXIT.noInput;
    }
    throw err;
  }
}
