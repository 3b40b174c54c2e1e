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

/** What was coded. */
export interface CodeTitlesResult {
  rows: number;
  coded: number;
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
  for await (const row of readCsv(input).rows) {
    const cells = row.cells ?? [];
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
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
  return { rows: rows.length, coded, text };
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
the result document's "titles". A CSV without a title column exits 2.

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
    if (out) output.info(`Coded ${result.coded} of ${result.rows} titles → ${out}`, { file: out, rows: result.rows, coded: result.coded });
    else if (!values.json) process.stdout.write(result.text);
    return {
      exitCode: EXIT.ok,
      result: { rows: result.rows, coded: result.coded, ...(values.json ? { titles: JSON.parse(result.text) as unknown } : {}) },
    };
  },
};
