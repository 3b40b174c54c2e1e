import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { suggest } from '../suggest.js';
import type { CodeTrees } from '../taxonomy/read-code-lists.js';
import type { ReferenceTable } from '../warehouse/reference-table.js';

/** The projection's reference files, in `datasets/reference/projection/`. */
export const PROJECTION_FILES = {
  parameters: 'parameters.csv',
  separationRates: 'separation_rates.csv',
  educationLevels: 'education_levels.csv',
  programmeLengths: 'programme_lengths.csv',
  staffingChange: 'staffing_change.csv',
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

const staffingChangeRow = z.object({
  industry_code: z.string().regex(/^(\*|[A-T]|\d{2})$/, 'a GB/T 4754 门类 letter, a 大类 code or *'),
  occupation_code: z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'a 职业分类大典 2022 code'),
  // A share halving or doubling within about two years is beyond any staffing trend.
  annual_change: z.coerce.number().gt(-0.3).lt(0.3),
  basis: z.string().min(1),
});

/** A change factor's key: a bureau's row replaces the default of the same industry and occupation. */
const changeKey = (r: z.infer<typeof staffingChangeRow>) => `${r.industry_code}|${r.occupation_code}`;

const programmeRow = z.object({ school_level: z.string().min(1), years: z.coerce.number().int().min(1).max(8), basis: z.string().min(1) });

/** The values a projection parameter may take. */
export interface ParameterRange {
  min: number;
  max: number;
  /** The bound itself is refused (a divisor, or a factor that must stay positive). */
  minOpen?: boolean;
  maxOpen?: boolean;
  /** Whole numbers only (years, quarters, counts, steps). */
  integer?: boolean;
}

const YEAR: ParameterRange = { min: 1990, max: 2100, integer: true };
const YEARS: ParameterRange = { min: 1, max: 30, integer: true };
const PSEUDO_COUNT: ParameterRange = { min: 0, max: Infinity };
const UNIT: ParameterRange = { min: 0, max: 1 };

/**
 * Every parameter the projections read, with the values that make sense for it: a file without one of them, with a
 * name not listed here, or with a value outside its range is refused. The SQL models read them through
 * core.projection_parameter; what each means is the description column of parameters.csv.
 */
export const PROJECTION_PARAMETERS: Readonly<Record<string, ParameterRange>> = {
  horizon_years: { min: 1, max: 15, integer: true },
  shock_year: YEAR,
  history_first_year: YEAR,
  estimate_years: { min: 0, max: 30, integer: true },
  division_share_city_weight: PSEUDO_COUNT,
  division_share_prior_weight: PSEUDO_COUNT,
  staffing_prior_weight: PSEUDO_COUNT,
  staffing_min_share: { min: 0, max: 1, maxOpen: true },
  posting_intensity_prior_weight: PSEUDO_COUNT,
  posting_intensity_iterations: { min: 1, max: 10_000, integer: true },
  completion_prior_weight: PSEUDO_COUNT,
  outcome_years: YEARS,
  outcome_prior_weight: PSEUDO_COUNT,
  registration_years: YEARS,
  registration_min_quarters: { min: 1, max: 4, integer: true },
  registration_weight: UNIT,
  benchmark_factor_min: { min: 0, max: Infinity, minOpen: true },
  benchmark_factor_max: { min: 0, max: Infinity, minOpen: true },
  benchmark_group_min_listed: { min: 1, max: 10_000, integer: true },
  shortage_weight_ratio: UNIT,
  shortage_weight_posting_growth: UNIT,
  shortage_weight_pay_growth: UNIT,
  shortage_weight_official_list: UNIT,
  education_prior_weight: PSEUDO_COUNT,
  shortage_growth_min_vacancies: PSEUDO_COUNT,
  shortage_growth_saturation: { min: 0, max: Infinity, minOpen: true },
  // The ratio score divides by log(saturation).
  shortage_ratio_saturation: { min: 1, max: Infinity, minOpen: true },
  shortage_threshold_acute: UNIT,
  shortage_threshold_tight: UNIT,
  shortage_threshold_balanced: UNIT,
  seeker_ratio_years: YEARS,
  seeker_rate_default: { min: 0, max: Infinity },
};

/** A range in words: "a whole number from 1 to 15", "a number above 0". */
export function describeRange(r: ParameterRange): string {
  const kind = r.integer ? 'a whole number' : 'a number';
  const low = `${r.min}`;
  if (r.max === Infinity) return `${kind} ${r.minOpen ? 'above' : 'of at least'} ${low}`;
  const high = `${r.max}`;
  if (r.minOpen || r.maxOpen) return `${kind} ${r.minOpen ? 'above' : 'from'} ${low} ${r.maxOpen ? 'and below' : 'up to'} ${high}`;
  return `${kind} from ${low} to ${high}`;
}

function inRange(value: number, r: ParameterRange): boolean {
  if (r.integer && !Number.isInteger(value)) return false;
  if (r.minOpen ? value <= r.min : value < r.min) return false;
  return r.maxOpen ? value < r.max : value <= r.max;
}

/** A projection reference file that cannot be used, with where and why. */
export class ProjectionReferenceError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid projection reference files:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ProjectionReferenceError';
  }
}

/** Rows of a file, each with the file and line it came from (`where`). */
interface ReadRows<T> {
  rows: T[];
  where: string[];
  sha: string;
}

function readRows<T>(file: string, schema: z.ZodType<T>, problems: string[]): ReadRows<T> {
  if (!existsSync(file)) return { rows: [], where: [], sha: '' };
  const text = readFileSync(file, 'utf8');
  const records = parse(text, { bom: true, columns: true, trim: true, skip_empty_lines: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  const rows: T[] = [];
  const where: string[] = [];
  for (const { record, info } of records) {
    const parsed = schema.safeParse(record);
    if (parsed.success) {
      rows.push(parsed.data);
      where.push(`${file}:${info.lines}`);
    } else problems.push(`${file}:${info.lines}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
  }
  return { rows, where, sha: createHash('sha256').update(text).digest('hex') };
}

/** Rows read with overrides applied, and the defaults' rows as they were. */
type Read<T> = ReadRows<T> & { defaults: T[] };

/** Rows of the defaults with the override file's rows put in place of those with the same key. */
function withOverrides<T>(
  dir: string,
  overridesDir: string,
  file: string,
  schema: z.ZodType<T>,
  key: (row: T) => string,
  problems: string[],
  /** A file whose absence means no rows (the staffing change factors, which a reference folder may predate). */
  optional = false,
): Read<T> {
  const base = readRows(join(dir, file), schema, problems);
  if (!base.sha && !optional) problems.push(`${join(dir, file)}: missing`);
  const over = readRows(join(overridesDir, file), schema, problems);
  if (!over.sha) return { ...base, defaults: base.rows };
  const replaced = new Set(over.rows.map(key));
  const kept = base.rows.map((r, i) => [r, base.where[i]!] as const).filter(([r]) => !replaced.has(key(r)));
  return {
    rows: [...kept.map(([r]) => r), ...over.rows],
    where: [...kept.map(([, w]) => w), ...over.where],
    sha: createHash('sha256').update(base.sha).update(over.sha).digest('hex'),
    defaults: base.rows,
  };
}

type ParameterRow = z.infer<typeof parameterRow>;

/** Every school level has a length and an education level. */
function programmeLengthProblems(
  levels: readonly z.infer<typeof educationRow>[],
  lengths: readonly z.infer<typeof programmeRow>[],
): string[] {
  const problems: string[] = [];
  const schoolLevels = new Set(levels.filter((r) => r.field === 'school_level').map((r) => r.value));
  for (const l of lengths)
    if (!schoolLevels.has(l.school_level)) problems.push(`${PROJECTION_FILES.programmeLengths}: ${l.school_level} has no education level`);
  for (const l of schoolLevels)
    if (!lengths.some((r) => r.school_level === l)) problems.push(`${PROJECTION_FILES.programmeLengths}: no length for ${l}`);
  return problems;
}

/**
 * Every parameter of {@link PROJECTION_PARAMETERS} once (shock_year may repeat), each within its range, no other
 * name; the factor bounds, shortage weights and thresholds consistent.
 */
function parameterProblems(params: Read<ParameterRow>): string[] {
  const problems: string[] = [];
  const byName = new Map<string, number[]>();
  for (const p of params.rows) byName.set(p.name, [...(byName.get(p.name) ?? []), p.value]);
  const one = (name: string) => byName.get(name)?.[0] ?? NaN;
  const known = Object.keys(PROJECTION_PARAMETERS);
  params.rows.forEach((p, i) => {
    const range = PROJECTION_PARAMETERS[p.name];
    if (!range) {
      problems.push(
        `${params.where[i]}: "${p.name}" is not a parameter of the projections${suggest(p.name, known)}; ` +
          `correct the name (the defaults' ${PROJECTION_FILES.parameters} lists them) or delete the row`,
      );
      return;
    }
    if (inRange(p.value, range)) return;
    const fallback = params.defaults.find((d) => d.name === p.name);
    const isDefault = params.defaults.includes(p);
    problems.push(
      `${params.where[i]}: ${p.name} = ${p.value} is not ${describeRange(range)}; correct it` +
        (!isDefault && fallback ? `, or delete the row to take the default (${fallback.value})` : ''),
    );
  });
  for (const name of known) if (!byName.has(name)) problems.push(`${PROJECTION_FILES.parameters}: no row for ${name}`);
  if (one('benchmark_factor_min') > one('benchmark_factor_max'))
    problems.push(`${PROJECTION_FILES.parameters}: benchmark_factor_min must not exceed benchmark_factor_max`);
  for (const [name, values] of byName)
    if (values.length > 1 && name !== 'shock_year')
      problems.push(`${PROJECTION_FILES.parameters}: ${name} is given ${values.length} times`);
  const weights = ['ratio', 'posting_growth', 'pay_growth', 'official_list'].map((k) => one(`shortage_weight_${k}`));
  if (Math.abs(weights.reduce((s, w) => s + w, 0) - 1) > 1e-9)
    problems.push(`${PROJECTION_FILES.parameters}: the shortage weights must sum to 1`);
  if (!(
    one('shortage_threshold_acute') > one('shortage_threshold_tight') &&
    one('shortage_threshold_tight') > one('shortage_threshold_balanced')
  ))
    problems.push(`${PROJECTION_FILES.parameters}: shortage thresholds must fall from acute to tight to balanced`);
  return problems;
}

/** One row per occupation 大类, each with exits and transfers of at most all its workers. */
function separationRateProblems(rates: Read<z.infer<typeof separationRow>>): string[] {
  const problems: string[] = [];
  const groups = new Set(rates.rows.map((r) => r.major_group));
  for (let g = 1; g <= 8; g++) if (!groups.has(String(g))) problems.push(`${PROJECTION_FILES.separationRates}: no rates for 大类 ${g}`);
  if (groups.size !== rates.rows.length) problems.push(`${PROJECTION_FILES.separationRates}: a 大类 is given twice`);
  rates.rows.forEach((r, i) => {
    if (r.exit_rate + r.transfer_rate > 1)
      problems.push(
        `${rates.where[i]}: 大类 ${r.major_group}'s exit_rate + transfer_rate = ${r.exit_rate + r.transfer_rate} is more than every ` +
          'worker of the year; give annual rates (shares of the year before’s workers) that sum to at most 1',
      );
  });
  return problems;
}

/** One row per industry × occupation, with codes of the code lists when they are given. */
function staffingChangeProblems(
  changes: Read<z.infer<typeof staffingChangeRow>>,
  trees: Pick<CodeTrees, 'industry' | 'occupation'> | undefined,
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  changes.rows.forEach((r, i) => {
    const key = changeKey(r);
    if (seen.has(key)) problems.push(`${changes.where[i]}: ${r.industry_code} × ${r.occupation_code} is given twice; keep one row`);
    seen.add(key);
    if (trees && !trees.occupation.get(r.occupation_code))
      problems.push(`${changes.where[i]}: ${r.occupation_code} is not a code of ${basename(trees.occupation.file)}`);
    if (trees && r.industry_code !== '*' && !trees.industry.get(r.industry_code))
      problems.push(`${changes.where[i]}: ${r.industry_code} is not a code of ${basename(trees.industry.file)}`);
  });
  return problems;
}

/**
 * Reads the projection's parameters, separation rates, education-level map and programme lengths, checks them (every
 * required parameter once, shortage weights summing to 1, thresholds in order, a rate for every
 * occupation 大类) and returns them as reference tables for `loadReference`. A bureau's own values go in
 * `overridesDir` (by default `overrides/` beside the defaults; the configuration's projectionOverridesDir), in files
 * of the same name and columns: their rows replace the defaults' rows of the same key (parameter name, 大类, field
 * and value); a shock_year override replaces every default shock year. Every problem is named with its file and
 * line, and what to do.
 */
export function readProjectionReference(
  dir: string,
  overridesDir = join(dir, 'overrides'),
  trees?: Pick<CodeTrees, 'industry' | 'occupation'>,
): ReferenceTable[] {
  const problems: string[] = [];
  const read = <T>(file: string, schema: z.ZodType<T>, key: (row: T) => string, optional = false) =>
    withOverrides(dir, overridesDir, file, schema, key, problems, optional);
  const params = read(PROJECTION_FILES.parameters, parameterRow, (r) => r.name);
  const rates = read(PROJECTION_FILES.separationRates, separationRow, (r) => r.major_group);
  const levels = read(PROJECTION_FILES.educationLevels, educationRow, (r) => `${r.field}|${r.value}`);
  const lengths = read(PROJECTION_FILES.programmeLengths, programmeRow, (r) => r.school_level);
  const changes = read(PROJECTION_FILES.staffingChange, staffingChangeRow, changeKey, true);
  problems.push(
    ...programmeLengthProblems(levels.rows, lengths.rows),
    ...parameterProblems(params),
    ...separationRateProblems(rates),
    ...staffingChangeProblems(changes, trees),
  );
  if (problems.length) throw new ProjectionReferenceError(problems);

  const edition = 'projection defaults (datasets/reference/projection)';
  return [
    { listId: 'projection_parameter', table: 'ref.projection_parameter', edition, sha256: params.sha, rows: params.rows },
    { listId: 'separation_rate', table: 'ref.separation_rate', edition, sha256: rates.sha, rows: rates.rows },
    { listId: 'education_level', table: 'ref.education_level', edition, sha256: levels.sha, rows: levels.rows },
    { listId: 'programme_length', table: 'ref.programme_length', edition, sha256: lengths.sha, rows: lengths.rows },
    { listId: 'staffing_change', table: 'ref.staffing_change', edition, sha256: changes.sha, rows: changes.rows },
  ];
}
