import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { LineDecoder } from './decode.js';
import type { SourceRow } from './source-row.js';

/** Streams a JSON-lines file; a line that is not a JSON object becomes a row carrying the error. */
export function readJsonl(
  path: string,
  encoding: 'auto' | 'utf-8' | 'gb18030' = 'auto',
): { rows: AsyncIterable<SourceRow>; decoder: LineDecoder } {
  const decoder = new LineDecoder(encoding);
  const lines = createInterface({ input: createReadStream(path).pipe(decoder), crlfDelay: Infinity });
  async function* rows(): AsyncGenerator<SourceRow> {
    let line = 0;
    for await (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      try {
        const value: unknown = JSON.parse(text);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          yield { line, error: 'line is not a JSON object', rawText: text };
        } else {
          yield { line, object: value as Record<string, unknown> };
        }
      } catch (err) {
        // One reason for every broken line (the parser's position detail would split the tally).
        void err;
        yield { line, error: 'not valid JSON (line cut short or corrupt)', rawText: text };
      }
    }
  }
  return { rows: rows(), decoder };
}
