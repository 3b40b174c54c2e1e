import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { LineDecoder, type TextEncoding } from './decode.js';
import { UnreadableFileError, type SourceRow } from './source-row.js';

/** Largest JSON array file read (it is parsed in memory); larger exports belong in JSON lines. */
export const MAX_JSON_BYTES = 512 * 1024 * 1024;

/**
 * Reads a file holding one JSON array of objects. Each element is a record whose `line` is its
 * position in the array (1 = first): an array written on one line has no other unique place. An
 * element that is not valid JSON, or not an object, is a row carrying the error; an array cut
 * short rejects the incomplete last element and says so.
 */
export async function readJsonArray(
  path: string,
  encoding: TextEncoding = 'auto',
): Promise<{ rows: SourceRow[]; decoder: LineDecoder; elements: number }> {
  const { size } = await stat(path);
  if (size > MAX_JSON_BYTES)
    throw new UnreadableFileError(
      `JSON file is ${size} bytes, above the ${MAX_JSON_BYTES} read in one piece: export it as JSON lines (format jsonl)`,
    );
  const decoder = new LineDecoder(encoding);
  const parts: string[] = [];
  for await (const chunk of createReadStream(path).pipe(decoder)) parts.push((chunk as Buffer).toString('utf8'));
  const text = parts.join('');
  let i = skipSpace(text, 0);
  if (text[i] !== '[')
    throw new UnreadableFileError(
      text[i] === '{'
        ? 'file is not a JSON array (it starts with "{"): for one object per line use format jsonl'
        : 'file is not a JSON array (it does not start with "[")',
    );
  const rows: SourceRow[] = [];
  i++;
  for (;;) {
    i = skipSpace(text, i);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === ']' || i >= text.length) break;
    const start = i;
    const end = valueEnd(text, i);
    const line = rows.length + 1;
    if (end < 0) {
      rows.push({
        line,
        lines: 1,
        error: 'JSON array cut short: the last element is incomplete',
        rawText: text.slice(start, start + 1000),
      });
      return { rows, decoder, elements: rows.length };
    }
    const raw = text.slice(start, end);
    try {
      const value: unknown = JSON.parse(raw);
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        rows.push({ line, lines: 1, error: 'array element is not a JSON object', rawText: raw });
      else rows.push({ line, lines: 1, object: value as Record<string, unknown> });
    } catch {
      rows.push({ line, lines: 1, error: 'not valid JSON (element corrupt)', rawText: raw });
    }
    i = end;
  }
  if (i >= text.length) rows.push({ line: rows.length + 1, lines: 1, error: 'JSON array cut short: no closing "]"', rawText: '' });
  return { rows, decoder, elements: rows.length };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  return i;
}

/** Index just past the JSON value starting at `i` (strings and nesting respected), or -1 when the text ends first. */
function valueEnd(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (i >= text.length) return -1;
      if (depth === 0) return i + 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return i;
    } else if (depth === 0 && (c === ',' || c === ' ' || c === '\n' || c === '\r' || c === '\t')) return i;
  }
  return depth === 0 ? i : -1;
}
