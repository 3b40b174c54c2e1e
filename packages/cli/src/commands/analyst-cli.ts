import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { exportLake, NoSnapshotError } from './export.js';
import { SqlQueryError, sqlCommand } from './sql.js';

/** `talent export`: the lake from the published snapshot; a line per table, or the summary as JSON. */
export const exportCliCommand: Command = {
  name: 'export',
  summary: "write the published snapshot's core and marts tables as Parquet and Arrow files",
  help: `Usage: talent export [--json]

Writes every core and marts table of the published snapshot (never the warehouse the night run
writes) as Parquet in hive folders, by year (else graduation_year, else the posting date's year) and
region_code where the table has one, and as one Arrow IPC file per table, into the lake (--exports,
default lake/ beside the snapshot). The new lake is built aside and swapped in whole. Exits 5 when
no snapshot has been published yet.`,
  async run({ config, output }) {
    try {
      const summary = await exportLake(config);
      for (const t of summary.tables)
        output.line(
          `  ${t.table.padEnd(34)} ${String(t.rows).padStart(9)} rows  ${String(t.parquetFiles).padStart(4)} Parquet files  by ${t.partitionBy.join(', ') || '(none)'}`,
        );
      output.info(
        `Exported ${summary.tables.length} tables from ${summary.snapshot} to ${summary.lake} in ${summary.seconds.toFixed(1)} s.`,
      );
      return { exitCode: EXIT.ok, result: summary };
    } catch (err) {
      if (!(err instanceof NoSnapshotError)) throw err;
      output.error(`talent export: ${err.message}`);
      return { exitCode: EXIT.noInput, result: { error: err.message } };
    }
  },
};

/** `talent sql "<query>"`: prints the result; exits 9 when DuckDB refuses the query, 5 without a snapshot. */
export const sqlCliCommand: Command = {
  name: 'sql',
  summary: 'run a query against the published snapshot, read-only',
  help: `Usage: talent sql "<query>" [--csv | --json]

Runs one query against the published snapshot (read-only; a write is refused) and prints an aligned
table, or with --csv a CSV with a header row; with --json the rows are the result document's "rows".
Exits 9 when the query fails (syntax, unknown table or column, a write), 5 when no snapshot exists.

Options:
  --csv                      CSV with a header row instead of a table`,
  positionals: true,
  options: { csv: { type: 'boolean' } },
  async run({ config, args, values, output }) {
    const query = args.join(' ').trim();
    if (!query) {
      output.error('talent sql: give the query as one argument, e.g. talent sql "SELECT count(*) FROM marts.fct_talent_gap"');
      return { exitCode: EXIT.usage, result: { error: 'no query' } };
    }
    try {
      const text = await sqlCommand(config, query, values.json ? 'json' : values.csv ? 'csv' : 'table');
      if (values.json) return { exitCode: EXIT.ok, result: { rows: JSON.parse(text) as unknown } };
      process.stdout.write(`${text}\n`);
      return { exitCode: EXIT.ok, result: {} };
    } catch (err) {
      if (err instanceof SqlQueryError) {
        output.error(`talent sql: ${err.message}`);
        return { exitCode: EXIT.sqlError, result: { error: err.message } };
      }
      if (err instanceof NoSnapshotError) {
        output.error(`talent sql: ${err.message}`);
        return { exitCode: EXIT.noInput, result: { error: err.message } };
      }
      throw err;
    }
  },
};
