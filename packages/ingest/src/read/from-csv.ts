import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { LineDecoder } from './decode.js';
import type { SourceRow } from './source-row.js';

export interface CsvReadOptions {
  encoding?: 'auto' | 'utf-8' | 'gb18030';
  delimiter?: string;
}

/**
 * Streams a CSV file as records with their starting line. Tolerant by design: ragged rows and
 * stray quotes come through as they are so that the mapping step can reject them with a reason
 * instead of the parser aborting the file.
 * @returns the records, and `decoder.tally` (after iteration) says which encoding was found.
 */
export function readCsv(path: string, options: CsvReadOptions = {}): { rows: AsyncIterable<SourceRow>; decoder: LineDecoder } {
  const decoder = new LineDecoder(options.encoding ?? 'auto');
  const parser = parse({
    delimiter: options.delimiter ?? ',',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  });
  const stream = createReadStream(path).pipe(decoder).pipe(parser);
  async function* rows(): AsyncGenerator<SourceRow> {
    let prevEnd = 0;
    for await (const rec of stream as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const start = prevEnd + 1;
      prevEnd = rec.info.lines;
      const cells = rec.record;
      if (cells.length === 1 && cells[0] === '') continue;
      yield { line: start, cells };
    }
  }
  return { rows: rows(), decoder };
}
