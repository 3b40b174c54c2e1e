import { createHash } from 'node:crypto';
import { basename } from 'node:path';

/** How a model is materialised in the warehouse. */
export type Materialization = 'view' | 'table' | 'macro' | 'incremental';

/**
 * Which vintages an incremental marts model keeps (its rows carry the run of their projection vintage):
 * `every` vintage, or only the `recent` ones the retention rule keeps (`--keep-vintages`), besides the
 * vintages a report was built from.
 */
export type VintageRetention = 'every' | 'recent';

/** One declared column of a model: its name, its type (incremental models), its comment. */
export interface ModelColumn {
  name: string;
  /** Column definition as DDL (`BIGINT NOT NULL`, `VARCHAR GENERATED ALWAYS AS (…) VIRTUAL`). */
  type: string | null;
  comment: string;
}

/**
 * A derived table, view or macro of the warehouse, read from its `.sql` file. The file starts with
 * a header of `--` lines, then the SELECT (or, for a macro, the expression):
 *
 *   -- materialized: view | table | macro | incremental
 *   -- comment: What the relation holds (continued on lines starting `--  `).
 *   -- arguments: a, b                      (macros)
 *   -- vintages: every | recent             (incremental marts models: see {@link VintageRetention})
 *   -- column <name> [<type>]: What it holds (a type for incremental models, which the runner creates)
 *
 * Placeholders `{{ name }}` are filled by whoever runs the model (incremental models: the loader).
 */
export interface Model {
  /** `schema.name`, from the folder (core, marts) and the file name. */
  name: string;
  schema: string;
  relation: string;
  file: string;
  materialized: Materialization;
  comment: string;
  arguments: string[];
  columns: ModelColumn[];
  /** Incremental marts models: which vintages the retention rule keeps; null for every other model. */
  vintages: VintageRetention | null;
  /** The SQL after the header. */
  body: string;
  /** SHA-256 of the whole file: a changed file is rebuilt. */
  checksum: string;
}

/** A model file that does not follow the header rules. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

const MATERIALIZATIONS = new Set<Materialization>(['view', 'table', 'macro', 'incremental']);
const RETENTIONS = new Set<VintageRetention>(['every', 'recent']);

/** Splits `type: comment` at the first `: ` outside parentheses and quotes. */
function splitDefinition(text: string): [string, string] | null {
  let depth = 0;
  let quote = false;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i]!;
    if (c === "'") quote = !quote;
    else if (!quote && c === '(') depth++;
    else if (!quote && c === ')') depth--;
    else if (!quote && depth === 0 && c === ':' && text[i + 1] === ' ') return [text.slice(0, i), text.slice(i + 2)];
  }
  return null;
}

/**
 * Parses a model file.
 * @param schema the layer the model writes to (the folder name: core, marts)
 */
export function parseModel(file: string, text: string, schema: string): Model {
  const fail = (line: number, why: string): never => {
    throw new ModelFileError(`${file}:${line}: ${why}`);
  };
  const lines = text.split('\n');
  const entries: { key: string; value: string; line: number }[] = [];
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('--')) break;
    if (/^--\s{2,}\S/.test(line)) {
      const last = entries.at(-1);
      if (!last) fail(i + 1, 'a continuation line before any header entry');
      last!.value += ' ' + line.replace(/^--\s+/, '');
      continue;
    }
    const m = /^-- (materialized|comment|arguments|vintages|column)(?::| )\s*(.*)$/.exec(line);
    if (!m) fail(i + 1, `unknown header line "${line}" (expected materialized, comment, arguments, vintages or column)`);
    entries.push({ key: m![1]!, value: m![2]!, line: i + 1 });
  }
  const body = lines.slice(i).join('\n').trim();
  if (!body) fail(i + 1, 'no SQL after the header');
  const one = (key: string) => {
    const found = entries.filter((e) => e.key === key);
    if (found.length > 1) fail(found[1]!.line, `${key} given twice`);
    return found[0];
  };
  const mat = one('materialized')?.value.trim() as Materialization | undefined;
  if (!mat || !MATERIALIZATIONS.has(mat)) fail(1, `materialized must be one of ${[...MATERIALIZATIONS].join(', ')}`);
  const comment = one('comment')?.value.trim() ?? '';
  if (!comment) fail(1, 'every model needs a "-- comment:" saying what it holds');
  const columns: ModelColumn[] = entries
    .filter((e) => e.key === 'column')
    .map((e) => {
      const split = splitDefinition(e.value);
      if (!split) return fail(e.line, 'a column line reads "-- column <name> [<type>]: <comment>"');
      const [head, comment] = split;
      const [name, ...type] = head.trim().split(/\s+/);
      if (!name || !/^[a-z_][a-z0-9_]*$/.test(name)) fail(e.line, `bad column name "${name}"`);
      if (!comment.trim()) fail(e.line, `column ${name} has no comment`);
      return { name: name!, type: type.length ? type.join(' ') : null, comment: comment.trim() };
    });
  if (mat === 'incremental' && columns.some((c) => !c.type)) fail(1, 'an incremental model declares the type of every column');
  const vintages = one('vintages');
  const perVintage = schema === 'marts' && mat === 'incremental';
  if (perVintage && !vintages) fail(1, 'an incremental marts model says which vintages it keeps: "-- vintages: every" or "recent"');
  if (vintages && !perVintage) fail(vintages.line, '"-- vintages:" belongs to incremental marts models only');
  if (vintages && !RETENTIONS.has(vintages.value.trim() as VintageRetention))
    fail(vintages.line, `vintages must be one of ${[...RETENTIONS].join(', ')}`);
  const relation = basename(file, '.sql');
  return {
    name: `${schema}.${relation}`,
    schema,
    relation,
    file,
    materialized: mat!,
    comment,
    arguments:
      one('arguments')
        ?.value.split(',')
        .map((a) => a.trim())
        .filter(Boolean) ?? [],
    columns,
    vintages: vintages ? (vintages.value.trim() as VintageRetention) : null,
    body,
    checksum: createHash('sha256').update(text).digest('hex'),
  };
}

/**
 * The model's SQL with its `{{ name }}` placeholders filled; a placeholder without a value is an
 * error, never left in the SQL.
 */
export function renderModel(model: Model, values: Readonly<Record<string, string>>): string {
  return model.body.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new ModelFileError(`${model.file}: no value for {{ ${name} }}`);
    return v;
  });
}
