import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { ReferenceTable } from '../warehouse/reference-table.js';

/** The projection's reference files, in `datasets/reference/projection/`. */
export const PROJECTION_FILES = {
  parameters: 'parameters.csv',
  separationRates: 'separation_rates.csv',
  educationLevels: 'education_levels.csv',
  programmeLengths: 'programme_lengths.csv',
} as const;

/** Education levels of the projections, lowest first. */
export const PROJECTION_EDUCATION_LEVELS = ['secondary', 'associate', 'bachelor', 'postgraduate'] as const;

const rate = z.coerce.number().min(0).max(1);

const parameterRow = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  value: z.coerce.number().finite(),
  description: z.string().min(1),
});
const separationRow = z.object({
  major_group: z.string().regex(/^[1-8]$/),
  name: z.string().min(1),
  exit_rate: rate,
  transfer_rate: rate,
  basis: z.string().min(1),
});
const educationRow = z.object({
  field: z.enum(['posting_education', 'school_level']),
  value: z.string().min(1),
  education_level: z.enum(PROJECTION_EDUCATION_LEVELS),
});

const programmeRow = z.object({ school_level: z.string().min(1), years: z.coerce.number().int().min(1).max(8), basis: z.string().min(1) });

/** Parameters every projection needs; a file without one of them is refused. */
export const REQUIRED_PARAMETERS = [
  'horizon_years',
  'shock_year',
  'history_first_year',
  'estimate_years',
  'division_share_city_weight',
  'division_share_prior_weight',
  'staffing_prior_weight',
  'staffing_min_share',
  'completion_prior_weight',
  'outcome_years',
  'outcome_prior_weight',
  'registration_years',
  'registration_min_quarters',
  'registration_weight',
  'benchmark_factor_min',
  'benchmark_factor_max',
  'benchmark_group_min_listed',
  'seeker_ratio_years',
  'seeker_rate_default',
  'shortage_weight_ratio',
  'shortage_weight_posting_growth',
  'shortage_weight_pay_growth',
  'shortage_weight_official_list',
  'education_prior_weight',
  'shortage_growth_saturation',
  'shortage_ratio_saturation',
  'shortage_threshold_acute',
  'shortage_threshold_tight',
  'shortage_threshold_balanced',
] as const;

/** A projection reference file that cannot be used, with where and why. */
export class ProjectionReferenceError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid projection reference files:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ProjectionReferenceError';
  }
}

function readRows<T>(file: string, schema: z.ZodType<T>, problems: string[]): { rows: T[]; sha: string } {
  if (!existsSync(file)) return { rows: [], sha: '' };
  const text = readFileSync(file, 'utf8');
  const records = parse(text, { bom: true, columns: true, trim: true, skip_empty_lines: true }) as Record<string, string>[];
  const rows: T[] = [];
  records.forEach((r, i) => {
    const parsed = schema.safeParse(r);
    if (parsed.success) rows.push(parsed.data);
    else problems.push(`${file}:${i + 2}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  });
  return { rows, sha: createHash('sha256').update(text).digest('hex') };
}

/** Rows of the defaults with the override file's rows put in place of those with the same key. */
function withOverrides<T>(
  dir: string,
  file: string,
  schema: z.ZodType<T>,
  key: (row: T) => string,
  problems: string[],
): { rows: T[]; sha: string } {
  const base = readRows(join(dir, file), schema, problems);
  if (!base.sha) problems.push(`${join(dir, file)}: missing`);
  const over = readRows(join(dir, 'overrides', file), schema, problems);
  if (!over.sha) return base;
  const replaced = new Set(over.rows.map(key));
  const rows = [...base.rows.filter((r) => !replaced.has(key(r))), ...over.rows];
  return { rows, sha: createHash('sha256').update(base.sha).update(over.sha).digest('hex') };
}

/**
 * Reads the projection's parameters, separation rates, education-level map and programme lengths, checks them (every
 * required parameter once, shortage weights summing to 1, thresholds in order, a rate for every
 * occupation 大类) and returns them as reference tables for `loadReference`. A bureau's own values go in
 * `overrides/` beside the defaults, in files of the same name and columns: their rows replace the
 * defaults' rows of the same key (parameter name, 大类, field and value); a shock_year override
 * replaces every default shock year.
 */
export function readProjectionReference(dir: string): ReferenceTable[] {
  const problems: string[] = [];
  const params = withOverrides(dir, PROJECTION_FILES.parameters, parameterRow, (r) => r.name, problems);
  const rates = withOverrides(dir, PROJECTION_FILES.separationRates, separationRow, (r) => r.major_group, problems);
  const levels = withOverrides(dir, PROJECTION_FILES.educationLevels, educationRow, (r) => `${r.field}|${r.value}`, problems);
  const lengths = withOverrides(dir, PROJECTION_FILES.programmeLengths, programmeRow, (r) => r.school_level, problems);
  const schoolLevels = new Set(levels.rows.filter((r) => r.field === 'school_level').map((r) => r.value));
  for (const l of lengths.rows)
    if (!schoolLevels.has(l.school_level)) problems.push(`${PROJECTION_FILES.programmeLengths}: ${l.school_level} has no education level`);
  for (const l of schoolLevels)
    if (!lengths.rows.some((r) => r.school_level === l)) problems.push(`${PROJECTION_FILES.programmeLengths}: no length for ${l}`);

  const byName = new Map<string, number[]>();
  for (const p of params.rows) byName.set(p.name, [...(byName.get(p.name) ?? []), p.value]);
  for (const name of REQUIRED_PARAMETERS) if (!byName.has(name)) problems.push(`${PROJECTION_FILES.parameters}: no row for ${name}`);
  for (const [name, values] of byName)
    if (values.length > 1 && name !== 'shock_year')
      problems.push(`${PROJECTION_FILES.parameters}: ${name} is given ${values.length} times`);
  const one = (name: string) => byName.get(name)?.[0] ?? NaN;
  const weights = ['ratio', 'posting_growth', 'pay_growth', 'official_list'].map((k) => one(`shortage_weight_${k}`));
  if (Math.abs(weights.reduce((s, w) => s + w, 0) - 1) > 1e-9)
    problems.push(`${PROJECTION_FILES.parameters}: the shortage weights must sum to 1`);
  if (!(
    one('shortage_threshold_acute') > one('shortage_threshold_tight') &&
    one('shortage_threshold_tight') > one('shortage_threshold_balanced')
  ))
    problems.push(`${PROJECTION_FILES.parameters}: shortage thresholds must fall from acute to tight to balanced`);
  const groups = new Set(rates.rows.map((r) => r.major_group));
  for (let g = 1; g <= 8; g++) if (!groups.has(String(g))) problems.push(`${PROJECTION_FILES.separationRates}: no rates for 大类 ${g}`);
  if (groups.size !== rates.rows.length) problems.push(`${PROJECTION_FILES.separationRates}: a 大类 is given twice`);
  if (problems.length) throw new ProjectionReferenceError(problems);

  const edition = 'projection defaults (datasets/reference/projection)';
  return [
    { listId: 'projection_parameter', table: 'ref.projection_parameter', edition, sha256: params.sha, rows: params.rows },
    { listId: 'separation_rate', table: 'ref.separation_rate', edition, sha256: rates.sha, rows: rates.rows },
    { listId: 'education_level', table: 'ref.education_level', edition, sha256: levels.sha, rows: levels.rows },
    { listId: 'programme_length', table: 'ref.programme_length', edition, sha256: lengths.sha, rows: lengths.rows },
  ];
}
