import { createReadStream } from 'node:fs';
import { LineDecoder, type TextEncoding } from './decode.js';
import { PhysicalLines } from './physical-lines.js';
import type { SourceRow } from './source-row.js';

/**
 * Streams a JSON-lines file; a line that is not a JSON object becomes a row carrying the error.
 * Blank lines are yielded with no cells (the mapper counts them as explained).
 */
export function readJsonl(
  path: string,
  encoding: TextEncoding = 'auto',
): { rows: AsyncIterable<SourceRow>; decoder: LineDecoder; lines: PhysicalLines } {
  const decoder = new LineDecoder(encoding);
  const physical = new PhysicalLines(createReadStream(path).pipe(decoder));
  async function* rows(): AsyncGenerator<SourceRow> {
    for await (const { text, no: line } of physical) {
      if (text.trim() === '') {
        yield { line, lines: 1, cells: [''] };
        continue;
      }
      try {
        const value: unknown = JSON.parse(text);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          yield { line, lines: 1, error: 'line is not a JSON object', rawText: text };
        } else {
          yield { line, lines: 1, object: value as Record<string, unknown> };
        }
      } catch {
        // One reason for every broken line (the parser's position detail would split the tally).
        yield { line, lines: 1, error: 'not valid JSON (line cut short or corrupt)', rawText: text };
      }
    }
  }
  return { rows: rows(), decoder, lines: physical };
}
