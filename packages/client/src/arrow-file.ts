import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { RecordBatchFileWriter } from 'apache-arrow';
import { arrowSchemaOf, recordBatchOf, type StringBytesCache } from './arrow-from-duckdb.js';

export interface ArrowFileSummary {
  path: string;
  rows: number;
}

/**
 * Writes a query's result to an Arrow IPC file (the random-access "file" format, `.arrow`), one
 * record batch per DuckDB chunk, so a table of millions of rows never sits in memory whole.
 */
export async function writeArrowFile(conn: DuckDBConnection, sql: string, path: string): Promise<ArrowFileSummary> {
  const result = await conn.run(sql);
  const schema = arrowSchemaOf(result.columnNames(), result.columnTypes());
  const strings: StringBytesCache = new Map();
  const writer = new RecordBatchFileWriter();
  const written = pipeline(writer.toNodeStream(), createWriteStream(path));
  writer.reset(undefined, schema);
  let rows = 0;
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    writer.write(recordBatchOf(schema, chunk, strings));
    rows += chunk.rowCount;
  }
  writer.finish();
  await written;
  return { path, rows };
}
