import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildCoders, readCoderReference, readCsv } from '@talent/ingest';
import { toCsv, writeFileAtomic, type Config } from '@talent/models';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** Columns the command adds (or overwrites) on every row. */
export const CODE_TITLE_COLUMNS = ['occupation_code', 'occupation_name', 'occupation_level', 'occupation_confidence'] as const;

/** A CSV the command cannot use (no `title` column, no header). */
export class CodeTitlesInputError extends Error {
  override name = 'CodeTitlesInputError';
}

/** A line of the input that is not written back, and why. */
export interface CodeTitlesReject {
  line: number;
  reason: string;
}

/** What was coded. */
export interface CodeTitlesResult {
  rows: number;
  coded: number;
  /** Lines that could not be read as a row of the header's columns; every other line is written back. */
  rejected: CodeTitlesReject[];
  /** Blank lines, skipped. */
  blank: number;
  /** The CSV or JSON written (also to `out` when given). */
  text: string;
}

/** How the coded rows are written: CSV (every input column kept) or a JSON array of row objects. */
export type CodeTitlesFormat = 'csv' | 'json';

/**
 * Codes the `title` column of a CSV (with its optional `industry` and `description` as context) to
 * the 职业分类大典 2022 with the coder of the nightly run (same configuration, same `buildCoders`),
 * and writes every row back with the code, its name, the level it states and its confidence.
 * Text cells are written formula-safe, with a byte-order mark so that Excel reads the UTF-8.
 */
export async function codeTitles(config: Config, input: string, out?: string, format: CodeTitlesFormat = 'csv'): Promise<CodeTitlesResult> {
  const coders = buildCoders(await readCoderReference(config));
  let header: string[] | null = null;
  const records: string[][] = [];
  const rejected: CodeTitlesReject[] = [];
  let blank = 0;
  for await (const row of readCsv(input).rows) {
    if (row.error !== undefined || !row.cells) {
      if (!header) throw new CodeTitlesInputError(`${input}: line ${row.line}: ${row.error ?? 'not a header row'}`);
      rejected.push({ line: row.line, reason: row.error ?? 'not a delimited row' });
      continue;
    }
    const cells = row.cells;
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    if (cells.every((c) => c.trim() === '')) {
      blank++;
      continue;
    }
    // Text beyond the header's columns is most often a comma inside an unquoted title: coding the part before it
    // would give a confident code for half a title.
    const extra = cells.slice(header.length).findIndex((c) => c.trim() !== '');
    if (extra >= 0) {
      rejected.push({
        line: row.line,
        reason: `${cells.length} cells where the header has ${header.length} (column ${header.length + extra + 1} holds "${cells[header.length + extra]!.trim()}"); quote a cell that holds a comma`,
      });
      continue;
    }
    records.push(cells);
  }
  if (!header) throw new CodeTitlesInputError(`${input}: empty file (a header row with a title column is needed)`);
  const at = (name: string) => header!.indexOf(name);
  const title = at('title');
  if (title < 0) throw new CodeTitlesInputError(`${input}: no "title" column (columns: ${header.join(', ')})`);
  const industry = at('industry');
  const description = at('description');
  const kept = header.filter((c) => !(CODE_TITLE_COLUMNS as readonly string[]).includes(c));
  const columns = [...kept, ...CODE_TITLE_COLUMNS];
  let coded = 0;
  const rows = records.map((cells) => {
    const context = [industry, description]
      .map((i) => (i >= 0 ? (cells[i] ?? '').trim() : ''))
      .filter(Boolean)
      .join(' ');
    const m = coders.occupation(cells[title] ?? '', context);
    if (m.code) coded++;
    const values: Record<string, string | number | null> = {};
    header!.forEach((c, i) => {
      if (kept.includes(c) && !(c in values)) values[c] = cells[i] ?? '';
    });
    values.occupation_code = m.code;
    values.occupation_name = m.name;
    values.occupation_level = m.level;
    values.occupation_confidence = m.code ? m.confidence : null;
    return values;
  });
  const text = format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : toCsv(columns, rows, { bom: true });
  if (out) writeFileAtomic(out, text);
  return { rows: rows.length, coded, rejected, blank, text };
}

/**
 * Codes titles given as text (standard input): a CSV with a `title` column as {@link codeTitles}
 * reads, or else one title per line.
 */
export async function codeTitlesText(
  config: Config,
  input: string,
  out?: string,
  format: CodeTitlesFormat = 'csv',
): Promise<CodeTitlesResult> {
  const lines = input.replace(/^\uFEFF/, '').split(/\r?\n/);
  const isCsv = lines[0]!.split(',').some((c) => c.trim().replace(/^"|"$/g, '') === 'title');
  const csv = isCsv
    ? input
    : ['title', ...lines.filter((l) => l.trim() !== '').map((l) => `"${l.trim().replaceAll('"', '""')}"`)].join('\n') + '\n';
  const dir = mkdtempSync(join(tmpdir(), 'code-titles-'));
  try {
    const file = join(dir, 'titles.csv');
    writeFileSync(file, csv);
    return await codeTitles(config, file, out, format);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `talent code-titles [file|-] [--out <file>]`: the configuration's --out names the output file here. */
export const codeTitlesCommand: Command = {
  name: 'code-titles',
  summary: 'code job titles to the 大典 2022 with the nightly run’s coder',
  help: `Usage: talent code-titles [in.csv|-] [--out <file>]

Codes the title column of a UTF-8 CSV (optional industry and description columns give context) to the
职业分类大典 2022 with the coder the nightly run uses, and writes every row back with
${CODE_TITLE_COLUMNS.join(', ')}. Without a file, or with -, reads standard input: such a CSV, or one
title per line. Writes the CSV to --out (for this command a file), else to standard output; with --json the coded rows are
the result document's "titles". A CSV without a title column exits 2. A line that is not a row of the header's columns
(an unclosed quote, text beyond the last column) is not written back: each is named with its line and reason on
standard error (or in the log with --out), and more than --max-reject-share of them exits 7. Blank lines are skipped
and counted.

Options:
  --out <file>               write the coded CSV here`,
  positionals: true,
  async run({ config, args, values, output }) {
    const out = typeof values.out === 'string' ? resolve(values.out) : undefined;
    const format: CodeTitlesFormat = values.json ? 'json' : 'csv';
    const input = args[0];
    let result: CodeTitlesResult;
    try {
      result =
        input && input !== '-'
          ? await codeTitles(config, resolve(input), out, format)
          : await codeTitlesText(config, readFileSync(0, 'utf8'), out, format);
    } catch (err) {
      if (!(err instanceof CodeTitlesInputError)) throw err;
      output.error(`talent code-titles: ${err.message}`);
      return { exitCode: EXIT.usage, result: { error: err.message } };
    }
    // With the CSV on standard output, what is said of the input goes to standard error, never into the CSV.
    const warn = (message: string, fields?: Record<string, unknown>) =>
      out || values.json ? output.warn(message, fields) : process.stderr.write(`${message}\n`);
    const source = input && input !== '-' ? input : 'standard input';
    for (const r of result.rejected)
      warn(`talent code-titles: ${source} line ${r.line} not coded: ${r.reason}`, { line: r.line, reason: r.reason });
    const skipped = [
      result.rejected.length ? `${result.rejected.length} line${result.rejected.length === 1 ? '' : 's'} rejected (above)` : '',
      result.blank ? `${result.blank} blank line${result.blank === 1 ? '' : 's'} skipped` : '',
    ].filter(Boolean);
    const tail = skipped.length ? `; ${skipped.join(', ')}` : '';
    if (out)
      output.info(`Coded ${result.coded} of ${result.rows} titles → ${out}${tail}`, { file: out, rows: result.rows, coded: result.coded });
    else {
      if (!values.json) process.stdout.write(result.text);
      if (tail) warn(`talent code-titles: ${result.rows} rows written${tail}`);
    }
    const share = result.rejected.length / Math.max(1, result.rows + result.rejected.length);
    return {
      exitCode: share > config.maxRejectShare ? EXIT.rejectsOverThreshold : EXIT.ok,
      result: {
        rows: result.rows,
        coded: result.coded,
        rejected: result.rejected,
        blank: result.blank,
        ...(values.json ? { titles: JSON.parse(result.text) as unknown } : {}),
      },
    };
  },
};
