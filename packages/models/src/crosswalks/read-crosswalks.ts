import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CodeTrees } from '../taxonomy/read-code-lists.js';
import type { ReferenceTable } from '../warehouse/reference-table.js';
import {
  MAJOR_OCCUPATION_COLUMNS,
  OCCUPATION_INDUSTRY_COLUMNS,
  majorOccupationRowSchema,
  occupationIndustryRowSchema,
} from './crosswalk-schema.js';
import { isOccupation } from './derive-crosswalks.js';

/** Weights of one major (shares of one occupation) must sum to 1 within this tolerance. */
export const WEIGHT_TOLERANCE = 1e-6;

/** One reason a crosswalk file is refused, located by file, line and code. */
export interface CrosswalkIssue {
  file: string;
  /** Line of the CSV (1 = header), or 0 for a whole-file problem. */
  line: number;
  /** The major (catalog/code) or occupation concerned, when there is one. */
  code: string;
  message: string;
}

/** A shipped crosswalk or a bureau's override that failed validation; nothing of it was used. */
export class CrosswalkValidationError extends Error {
  constructor(readonly issues: CrosswalkIssue[]) {
    const shown = issues.slice(0, 50).map((i) => `  ${i.file}:${i.line} ${i.code}: ${i.message}`);
    if (issues.length > shown.length) shown.push(`  … and ${issues.length - shown.length} more (see .issues)`);
    super(`Invalid crosswalk files:\n${shown.join('\n')}`);
    this.name = 'CrosswalkValidationError';
  }
}

type Kind = 'major_occupation' | 'occupation_industry';

interface ParsedRow {
  kind: Kind;
  key: string;
  target: string;
  line: number;
  row: Record<string, string | number>;
}

/** The code lists crosswalk rows are checked against: occupations, industries and each catalogue's majors. */
class CodeLists {
  readonly industry;
  readonly occupation;
  readonly majors = new Map<string, Set<string>>();

  constructor(trees: Pick<CodeTrees, 'industry' | 'occupation' | 'majors'>) {
    this.industry = trees.industry;
    this.occupation = trees.occupation;
    for (const [catalog, tree] of trees.majors)
      this.majors.set(catalog, new Set([...tree.entries.values()].filter((e) => e.level === '专业').map((e) => e.code)));
  }
}

const sameColumns = (header: string[], cols: readonly string[]) => header.length === cols.length && cols.every((c) => header.includes(c));

/** Parses and checks one crosswalk CSV, row by row; problems go to `issues`, good rows are returned. */
function readCrosswalkFile(file: string, lists: CodeLists, issues: CrosswalkIssue[]): ParsedRow[] {
  const records = parse(readFileSync(file, 'utf8'), {
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    info: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const header = records[0]?.record ?? [];
  const kind: Kind | undefined = sameColumns(header, MAJOR_OCCUPATION_COLUMNS)
    ? 'major_occupation'
    : sameColumns(header, OCCUPATION_INDUSTRY_COLUMNS)
      ? 'occupation_industry'
      : undefined;
  if (!kind) {
    issues.push({
      file,
      line: 1,
      code: '',
      message: `header "${header.join(',')}" is neither ${MAJOR_OCCUPATION_COLUMNS.join(',')} nor ${OCCUPATION_INDUSTRY_COLUMNS.join(',')}`,
    });
    return [];
  }
  const out: ParsedRow[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const raw = Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
    const code = kind === 'major_occupation' ? `${raw.catalog}/${raw.major_code}` : (raw.occupation_code ?? '');
    if (record.length !== header.length) {
      issues.push({ file, line, code, message: `${record.length} fields, header has ${header.length}` });
      continue;
    }
    const parsed = (kind === 'major_occupation' ? majorOccupationRowSchema : occupationIndustryRowSchema).safeParse(raw);
    if (!parsed.success) {
      for (const e of parsed.error.issues) issues.push({ file, line, code, message: `${e.path.join('.')}: ${e.message}` });
      continue;
    }
    const row = parsed.data as Record<string, string | number>;
    const problems: string[] = [];
    const occCode = String(row.occupation_code);
    const occ = lists.occupation.get(occCode);
    if (!occ) problems.push(`unknown occupation ${occCode}`);
    else if (!isOccupation(occ)) problems.push(`${occCode} ${occ.name} is a ${occ.level} grouping, not an occupation (职业)`);
    let target: string;
    if (kind === 'major_occupation') {
      const majors = lists.majors.get(String(row.catalog));
      if (!majors) problems.push(`unknown catalog ${row.catalog} (known: ${[...lists.majors.keys()].join(', ')})`);
      else if (!majors.has(String(row.major_code)))
        problems.push(`unknown major ${row.major_code} at level 专业 in catalog ${row.catalog}`);
      target = occCode;
    } else {
      if (!lists.industry.get(String(row.industry_code))) problems.push(`unknown industry ${row.industry_code}`);
      target = String(row.industry_code);
    }
    if (seen.has(`${code}|${target}`)) problems.push(`${target} is listed twice for ${code}`);
    seen.add(`${code}|${target}`);
    if (problems.length) {
      for (const message of problems) issues.push({ file, line, code, message });
      continue;
    }
    out.push({ kind, key: code, target, line, row });
  }
  return out;
}

/** Checks that the weights (shares) of every major (occupation) of one file sum to 1. */
function checkSums(file: string, rows: ParsedRow[], issues: CrosswalkIssue[]): void {
  const sums = new Map<string, { sum: number; line: number }>();
  for (const r of rows) {
    const s = sums.get(r.key) ?? { sum: 0, line: r.line };
    s.sum += Number(r.kind === 'major_occupation' ? r.row.weight : r.row.share);
    sums.set(r.key, s);
  }
  for (const [key, { sum, line }] of sums) {
    if (Math.abs(sum - 1) > WEIGHT_TOLERANCE)
      issues.push({ file, line, code: key, message: `weights sum to ${sum.toFixed(9)}, not 1 (± ${WEIGHT_TOLERANCE})` });
  }
}

function sha256Of(files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(basename(f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/**
 * Reads the shipped crosswalks (`major_occupation.csv`, `occupation_industry.csv` in `dir`) and
 * applies a bureau's overrides: every `*.csv` in `overridesDir` with the columns of either file
 * replaces all rows of each major (catalog + major_code) or occupation it names. Each file is
 * checked row by row (codes exist at the right level, weights in (0, 1], no repeats) and per
 * major or occupation (weights sum to 1 ± 1e-6); a major or occupation overridden by two files is
 * refused too. Rows keep their `origin` (`derived` or the override's file name).
 * @throws CrosswalkValidationError with file, line and code of every problem; nothing is applied.
 * @example const tables = readCrosswalks(join(ref, 'crosswalks'), join(ref, 'crosswalks', 'overrides'), codeLists.trees); // → ref.crosswalk_major_occupation, ref.crosswalk_occupation_industry
 */
export function readCrosswalks(
  dir: string,
  overridesDir: string,
  trees: Pick<CodeTrees, 'industry' | 'occupation' | 'majors'>,
): ReferenceTable[] {
  const lists = new CodeLists(trees);
  const issues: CrosswalkIssue[] = [];
  const base = { major_occupation: join(dir, 'major_occupation.csv'), occupation_industry: join(dir, 'occupation_industry.csv') };
  const rows: Record<Kind, ParsedRow[]> = { major_occupation: [], occupation_industry: [] };
  for (const kind of ['major_occupation', 'occupation_industry'] as const) {
    const parsed = readCrosswalkFile(base[kind], lists, issues);
    for (const r of parsed.filter((p) => p.kind !== kind))
      issues.push({ file: base[kind], line: r.line, code: r.key, message: `expected the columns of ${kind}` });
    checkSums(base[kind], parsed, issues);
    rows[kind] = parsed.filter((p) => p.kind === kind).map((p) => ({ ...p, row: { ...p.row, origin: 'derived' } }));
  }

  const overrideFiles = existsSync(overridesDir)
    ? readdirSync(overridesDir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => join(overridesDir, f))
    : [];
  const overriddenBy = new Map<string, string>();
  const replacements: ParsedRow[] = [];
  for (const file of overrideFiles) {
    const parsed = readCrosswalkFile(file, lists, issues);
    checkSums(file, parsed, issues);
    for (const r of parsed) {
      const id = `${r.kind}|${r.key}`;
      const other = overriddenBy.get(id);
      if (other && other !== file) {
        issues.push({
          file,
          line: r.line,
          code: r.key,
          message: `also overridden by ${basename(other)}; keep one file per major or occupation`,
        });
        continue;
      }
      overriddenBy.set(id, file);
      replacements.push({ ...r, row: { ...r.row, origin: basename(file) } });
    }
  }
  if (issues.length) throw new CrosswalkValidationError(issues);

  for (const kind of ['major_occupation', 'occupation_industry'] as const) {
    const fresh = replacements.filter((r) => r.kind === kind);
    const replaced = new Set(fresh.map((r) => r.key));
    rows[kind] = [...rows[kind].filter((r) => !replaced.has(r.key)), ...fresh];
  }

  const sha256 = sha256Of([base.major_occupation, base.occupation_industry, ...overrideFiles]);
  const edition = `approximate v1 derived from catalog structure${overrideFiles.length ? `; overrides: ${overrideFiles.map((f) => basename(f)).join(', ')}` : ''}`;
  return [
    {
      listId: 'crosswalk_major_occupation',
      table: 'ref.crosswalk_major_occupation',
      edition,
      sha256,
      rows: rows.major_occupation.map((r) => r.row),
    },
    {
      listId: 'crosswalk_occupation_industry',
      table: 'ref.crosswalk_occupation_industry',
      edition,
      sha256,
      rows: rows.occupation_industry.map((r) => r.row),
    },
  ];
}
