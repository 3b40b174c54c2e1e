import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one place where the platform reads its configuration: command-line flags first, then the
 * environment (`TALENT_*`), then defaults relative to the repository. Every other module gets the
 * resolved values passed in and never reads the environment or the repository layout itself.
 */

/**
 * A load rejecting more than half of its records is almost always the wrong file or a broken
 * mapping rather than bad rows (the real samples reject at most a few per cent).
 */
export const DEFAULT_MAX_REJECT_SHARE = 0.5;

/** Buffer pool of a warehouse file when nothing else is said: keeps a nightly run near 1.3 GB. */
export const DEFAULT_MEMORY_LIMIT = '1GB';

/**
 * The smallest buffer pool a nightly run completes with. Measured on the demo province (2 cores,
 * a fresh warehouse): at 64MB loads and the projection's models run out of memory; at 128MB every
 * stage finishes. A real province's larger files need more.
 */
export const MIN_MEMORY_LIMIT = '128MB';

/** Bytes of a size as DuckDB reads it: KB, MB, GB, TB by 1000, KiB, MiB, GiB, TiB by 1024. */
export function sizeBytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT])(i?)B$/i.exec(size.trim());
  if (!m) return NaN;
  const power = 'KMGT'.indexOf(m[2]!.toUpperCase()) + 1;
  return Number(m[1]) * (m[3] ? 1024 : 1000) ** power;
}

/**
 * DuckDB's appender (a stream read's staging) says it ran out of memory without the error type its
 * queries name: it is given that type, so that it reads and is advised like theirs.
 */
const APPENDER_OUT_OF_MEMORY = /^Failed to append: (?=(?:could not|failed to) allocate)/;

/**
 * DuckDB's out-of-memory message ends with advice to `SET memory_limit` (and threads, insertion
 * order), which an operator cannot do: it is replaced by the flag that sets the limit.
 */
export function memoryLimitAdvice(message: string, memoryLimit: string): string {
  const said = message.replace(APPENDER_OUT_OF_MEMORY, 'Out of Memory Error: ');
  if (!/Out of Memory Error/i.test(said)) return message;
  const advice = `raise --memory-limit (TALENT_MEMORY_LIMIT; now ${memoryLimit}, default ${DEFAULT_MEMORY_LIMIT}) and run again`;
  return said.replace(/\s*Possible solutions:[\s\S]*?(?:how_to_tune_workloads|$)/, `: ${advice}`);
}

/** 02:00 Beijing time: after the job boards' midnight exports, long before the bureaus open. */
export const DEFAULT_CRON = '0 2 * * *';

/**
 * A failed night is retried twice: the failures seen in practice (a source file still being copied,
 * a lock held by a manual run) clear within minutes, and a retry redoes only what failed.
 */
export const DEFAULT_RETRIES = 2;

/** First retry after 5 minutes, the second after 10. */
export const DEFAULT_RETRY_DELAY_S = 300;

/** Bureaus read Beijing time. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Debian's Chromium (`apt-get install chromium fonts-noto-cjk`), which prints the PDFs. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** One value a command line may set: its environment variable, its default and its help line. */
export interface ConfigOption {
  /** Name in {@link ConfigFlags}; the flag is its kebab-case form (`memoryLimit` → `--memory-limit`). */
  key: string;
  env: string;
  /** Placeholder of the value in the help (`<dir>`). */
  value: string;
  /** What it sets, in the help. */
  help: string;
  /** The default as the help states it (what {@link resolveConfig} does when neither flag nor variable is given). */
  default: string;
}

/** Every value a command line may set, in the order the help lists them. */
export const CONFIG_OPTIONS = [
  { key: 'warehouse', env: 'TALENT_WAREHOUSE', value: '<file>', help: 'DuckDB file', default: 'warehouse/talent.duckdb' },
  {
    key: 'data',
    env: 'TALENT_DATA',
    value: '<dir>',
    help: 'folder of the source files the mappings name: an edition made by `npm run generate` or a bureau’s drop folder runs with this flag alone',
    default: '<datasets>/demo',
  },
  {
    key: 'datasets',
    env: 'TALENT_DATASETS',
    value: '<dir>',
    help: 'datasets root: reference/, sources/, dictionaries/, demo/; every folder below follows it unless set on its own',
    default: 'datasets',
  },
  {
    key: 'reference',
    env: 'TALENT_REFERENCE',
    value: '<dir>',
    help: 'code lists, frameworks, crosswalks',
    default: '<datasets>/reference',
  },
  { key: 'sources', env: 'TALENT_SOURCES', value: '<dir>', help: 'source mapping files', default: '<datasets>/sources' },
  {
    key: 'dictionaries',
    env: 'TALENT_DICTIONARIES',
    value: '<dir>',
    help: 'normalisation dictionaries',
    default: '<datasets>/dictionaries',
  },
  {
    key: 'sharedReference',
    env: 'TALENT_SHARED_REFERENCE',
    value: '<dir>',
    help: 'copies of official lists and real public samples',
    default: '../shared/reference beside the repository, when it exists',
  },
  {
    key: 'crosswalkOverrides',
    env: 'TALENT_CROSSWALK_OVERRIDES',
    value: '<dir>',
    help: 'crosswalk overrides of a bureau',
    default: '<reference>/crosswalks/overrides',
  },
  {
    key: 'projectionOverrides',
    env: 'TALENT_PROJECTION_OVERRIDES',
    value: '<dir>',
    help: 'a bureau’s projection parameters, separation rates, education levels, programme lengths and staffing change factors',
    default: '<reference>/projection/overrides',
  },
  {
    key: 'memoryLimit',
    env: 'TALENT_MEMORY_LIMIT',
    value: '<size>',
    help: `DuckDB buffer pool, e.g. 1GB or 512MB; at least ${MIN_MEMORY_LIMIT}`,
    default: DEFAULT_MEMORY_LIMIT,
  },
  { key: 'out', env: 'TALENT_OUT', value: '<dir>', help: 'reports and exports', default: 'out' },
  {
    key: 'regions',
    env: 'TALENT_REGIONS',
    value: '<codes>',
    help: 'the regions whose publications `talent run` and `talent report` write, with PDFs: GB/T 2260 codes separated by commas, e.g. 450200 for 柳州 alone',
    default: 'the regions with data of their own (core.region_coverage), PDFs for the provinces',
  },
  {
    key: 'chromium',
    env: 'TALENT_CHROMIUM',
    value: '<file>',
    help: 'the Chromium that prints the PDFs (Debian: apt-get install chromium fonts-noto-cjk)',
    default: DEFAULT_CHROMIUM,
  },
  {
    key: 'published',
    env: 'TALENT_PUBLISHED',
    value: '<file>',
    help: 'the published snapshot: a read-only copy of the warehouse every successful run swaps in, for analysts, `talent sql` and `talent export`',
    default: 'published/talent.duckdb beside the warehouse',
  },
  {
    key: 'exports',
    env: 'TALENT_EXPORTS',
    value: '<dir>',
    help: 'the Parquet and Arrow lake `talent export` writes',
    default: 'lake/ beside the published snapshot',
  },
  {
    key: 'keepVintages',
    env: 'TALENT_KEEP_VINTAGES',
    value: '<n>',
    help: 'projection vintages that keep their occupation-level rows, newest first; older ones keep their industry trend and accuracy record, and a vintage a report under <out>/reports was built from keeps everything',
    default: 'all',
  },
  {
    key: 'timeZone',
    env: 'TALENT_TIME_ZONE',
    value: '<zone>',
    help: 'IANA time zone of dates, schedules and reports',
    default: DEFAULT_TIME_ZONE,
  },
  {
    key: 'maxRejectShare',
    env: 'TALENT_MAX_REJECT_SHARE',
    value: '<0–1>',
    help: 'share of a load’s records that may be rejected before the exit code of `talent ingest` and `talent run` says so (the rows still load)',
    default: String(DEFAULT_MAX_REJECT_SHARE),
  },
  {
    key: 'cron',
    env: 'TALENT_CRON',
    value: '<expr>',
    help: 'when `talent schedule` starts a run (node-cron, in the time zone)',
    default: `"${DEFAULT_CRON}"`,
  },
  {
    key: 'alertCommand',
    env: 'TALENT_ALERT_COMMAND',
    value: '<cmd>',
    help: 'shell command run when a scheduled night ends failed or partial, with the run summary as JSON on its stdin',
    default: 'none',
  },
  {
    key: 'retries',
    env: 'TALENT_RETRIES',
    value: '<n>',
    help: 'further attempts after a failed scheduled night',
    default: String(DEFAULT_RETRIES),
  },
  {
    key: 'retryDelay',
    env: 'TALENT_RETRY_DELAY',
    value: '<seconds>',
    help: 'before the first retry; each later one waits twice as long',
    default: String(DEFAULT_RETRY_DELAY_S),
  },
] as const satisfies readonly ConfigOption[];

/** Values a command line may set, by {@link CONFIG_OPTIONS} key; what is not given comes from the environment, then the default. */
export type ConfigFlags = Partial<Record<(typeof CONFIG_OPTIONS)[number]['key'], string>>;

/** The command-line flag of an option (`--memory-limit`). */
export function configFlag(option: Pick<ConfigOption, 'key'>): string {
  return `--${option.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const path = z.string().min(1);

/** The resolved configuration every stage and command receives. */
export const configSchema = z.object({
  repoRoot: path.describe('The repository (the folder holding datasets/ and package.json).'),
  warehousePath: path.describe('DuckDB warehouse file, or :memory:.'),
  datasetsDir: path.describe('Datasets root.'),
  referenceDir: path.describe('Code lists, frameworks and crosswalks (reference/).'),
  sourcesDir: path.describe('Source mapping files (sources/).'),
  dictionariesDir: path.describe('Normalisation dictionaries (dictionaries/).'),
  dataDir: path.describe('Folder of source files the mappings name.'),
  sharedReferenceDir: path.nullable().describe('Official list copies and public samples, when present.'),
  crosswalkOverridesDir: path.describe('Crosswalk overrides folder.'),
  projectionOverridesDir: path.describe('Projection reference overrides folder.'),
  memoryLimit: z
    .string()
    .regex(/^\d+(?:\.\d+)?\s*(?:[KMGT]i?B)$/i, 'a size such as 1GB, 512MB or 2GiB')
    .refine(
      (size) => !(sizeBytes(size) < sizeBytes(MIN_MEMORY_LIMIT)),
      `at least ${MIN_MEMORY_LIMIT}: below it the nightly run runs out of memory; give ${MIN_MEMORY_LIMIT} or more (default ${DEFAULT_MEMORY_LIMIT})`,
    )
    .describe('DuckDB buffer pool limit.'),
  outDir: path.describe('Reports and exports root.'),
  chromiumPath: path.describe('Chromium executable that prints the PDFs.'),
  regions: z
    .array(z.string().regex(/^\d{6}$/, 'GB/T 2260 codes of six digits separated by commas, such as 450000,450200'))
    .min(1, 'GB/T 2260 codes of six digits separated by commas, such as 450000,450200')
    .nullable()
    .describe('Regions whose publications are written; NULL: the regions with data of their own (core.region_coverage).'),
  publishedPath: path
    .nullable()
    .describe('Published read-only snapshot of the warehouse; NULL for an in-memory warehouse (nothing to copy).'),
  exportsDir: path.nullable().describe('Parquet and Arrow lake written from the published snapshot; NULL without a snapshot.'),
  keepVintages: z.coerce
    .number('a whole number of vintages such as 30')
    .int('a whole number of vintages such as 30')
    .min(1, 'a whole number of vintages such as 30')
    .nullable()
    .describe('Vintages that keep their occupation-level marts rows, newest first; NULL keeps every vintage whole.'),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as Asia/Shanghai')
    .describe('Time zone of dates, schedules and reports.'),
  maxRejectShare: z.coerce
    .number('a number from 0 to 1 such as 0.5')
    .min(0, 'a number from 0 to 1 such as 0.5')
    .max(1, 'a number from 0 to 1 such as 0.5')
    .describe('Share of rejected records above which a load counts as failed in the exit code.'),
  cron: z.string().min(1).describe('When `talent schedule` starts a run (node-cron expression, in timeZone).'),
  alertCommand: z.string().min(1).nullable().describe('Shell command run with the run summary on stdin when a scheduled night fails.'),
  retries: z.coerce
    .number('a whole number from 0 to 10')
    .int('a whole number from 0 to 10')
    .min(0, 'a whole number from 0 to 10')
    .max(10, 'a whole number from 0 to 10')
    .describe('Further attempts after a failed scheduled night.'),
  retryDelaySeconds: z.coerce
    .number('a number of seconds such as 300')
    .min(0, 'a number of seconds such as 300')
    .describe('Seconds before the first retry; doubled for each later one.'),
});
export type Config = z.infer<typeof configSchema>;

/** Environment variables read, by flag. */
const ENV = Object.fromEntries(CONFIG_OPTIONS.map((o) => [o.key, o.env])) as Record<keyof ConfigFlags, string>;

/** A configuration value that failed validation: names the flag, the variable and what was wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The repository root: the nearest ancestor of this module that holds `datasets/` and `package.json`. */
export function findRepoRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ;) {
    if (existsSync(join(dir, 'datasets')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new ConfigError(`cannot find the repository root (a folder holding datasets/ and package.json) above ${from}`);
    dir = up;
  }
}

/**
 * Resolves flags, environment and defaults into a validated {@link Config}. Relative paths are
 * taken from the working directory.
 * @example const config = resolveConfig({ data: '/srv/province' }); // the repository's code lists, the edition's files
 */
export function resolveConfig(flags: ConfigFlags = {}, env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const given = (key: keyof ConfigFlags): string | undefined => {
    const v = flags[key] ?? env[ENV[key]];
    return v === undefined || v === '' ? undefined : v;
  };
  const abs = (key: keyof ConfigFlags, fallback: () => string): string => {
    const v = given(key);
    return v === undefined ? fallback() : v === ':memory:' ? v : resolve(v);
  };
  const repoRoot = findRepoRoot();
  const datasetsDir = abs('datasets', () => join(repoRoot, 'datasets'));
  const referenceDir = abs('reference', () => join(datasetsDir, 'reference'));
  const shared = join(repoRoot, '..', 'shared', 'reference');
  const warehousePath = abs('warehouse', () => join(repoRoot, 'warehouse', 'talent.duckdb'));
  // An in-memory warehouse has no file to copy: it publishes nothing.
  const publishedPath =
    warehousePath === ':memory:'
      ? null
      : given('published') !== undefined
        ? resolve(given('published')!)
        : join(dirname(warehousePath), 'published', 'talent.duckdb');
  const raw = {
    repoRoot,
    warehousePath,
    datasetsDir,
    referenceDir,
    sourcesDir: abs('sources', () => join(datasetsDir, 'sources')),
    dictionariesDir: abs('dictionaries', () => join(datasetsDir, 'dictionaries')),
    dataDir: abs('data', () => join(datasetsDir, 'demo')),
    sharedReferenceDir: given('sharedReference') ? resolve(given('sharedReference')!) : existsSync(shared) ? resolve(shared) : null,
    crosswalkOverridesDir: abs('crosswalkOverrides', () => join(referenceDir, 'crosswalks', 'overrides')),
    projectionOverridesDir: abs('projectionOverrides', () => join(referenceDir, 'projection', 'overrides')),
    memoryLimit: given('memoryLimit') ?? DEFAULT_MEMORY_LIMIT,
    outDir: abs('out', () => join(repoRoot, 'out')),
    chromiumPath: abs('chromium', () => DEFAULT_CHROMIUM),
    regions:
      given('regions')
        ?.split(',')
        .map((c) => c.trim()) ?? null,
    publishedPath,
    exportsDir: given('exports') !== undefined ? resolve(given('exports')!) : publishedPath && join(dirname(publishedPath), 'lake'),
    keepVintages: given('keepVintages') ?? null,
    timeZone: given('timeZone') ?? DEFAULT_TIME_ZONE,
    maxRejectShare: given('maxRejectShare') ?? DEFAULT_MAX_REJECT_SHARE,
    cron: given('cron') ?? DEFAULT_CRON,
    alertCommand: given('alertCommand') ?? null,
    retries: given('retries') ?? DEFAULT_RETRIES,
    retryDelaySeconds: given('retryDelay') ?? DEFAULT_RETRY_DELAY_S,
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const flagOf = (field: string) =>
      (Object.keys(ENV) as (keyof ConfigFlags)[]).find((k) => field.toLowerCase().startsWith(k.toLowerCase())) ?? field;
    throw new ConfigError(
      parsed.error.issues
        .map((i) => {
          const flag = flagOf(String(i.path[0]));
          return `${configFlag({ key: flag })} (${ENV[flag as keyof ConfigFlags] ?? 'no variable'}): ${i.message}`;
        })
        .join('; '),
    );
  }
  for (const [label, dir] of [
    ['--reference', parsed.data.referenceDir],
    ['--sources', parsed.data.sourcesDir],
  ] as const) {
    if (!existsSync(dir)) throw new ConfigError(`${label} ${dir} does not exist: point it (or --datasets) at a folder that has it`);
  }
  return parsed.data;
}

/** Today's date in the configured zone, `YYYY-MM-DD`: the date future dates are refused against. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
