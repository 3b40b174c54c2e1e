import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { findRepoRoot } from '../../config.js';

/** The build's own inputs: decisions, sources and totals per list (see the README there). */
export const defaultBuildDir = (): string => join(findRepoRoot(), 'datasets', 'reference', 'build');

/** A build input that does not hold what the build expects; the message starts with `file:line`. */
export class BuildDataError extends Error {
  override name = 'BuildDataError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super(`${line === undefined ? file : `${file}:${line}`}: ${problem}`);
  }
}

/** One record of a build input, with the line it starts on (the header is line 1). */
export interface DataRow<K extends string = string> {
  file: string;
  line: number;
  values: Record<K, string>;
}

/**
 * Reads a CSV whose header must name exactly `columns` (in any order): an unknown column is
 * refused rather than ignored, since it would be a setting the build silently does not apply.
 */
export function readDataCsv<K extends string>(file: string, columns: readonly K[]): DataRow<K>[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(readFileSync(file, 'utf8'), { bom: true, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new BuildDataError(file, err.lines, err.message);
  }
  const header = records[0]?.record ?? [];
  for (const c of header)
    if (!(columns as readonly string[]).includes(c))
      throw new BuildDataError(file, 1, `unknown column ${JSON.stringify(c)}; expected ${columns.join(', ')}`);
  for (const c of columns) if (!header.includes(c)) throw new BuildDataError(file, 1, `missing column ${c}`);
  return records.slice(1).map(({ record, info }) => ({
    file,
    // info.lines is where the record ends; quoted line breaks push it past the start.
    line: info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0),
    values: Object.fromEntries(header.map((c, i) => [c, record[i]!])) as Record<K, string>,
  }));
}
