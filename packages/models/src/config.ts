import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one place where the platform reads its configuration: command-line flags first, then the
 * environment (`TALENT_*`), then defaults relative to the repository. Every other module gets the
 * resolved values passed in and never reads the environment or the repository layout itself.
 */

/** Values a command line may set; each has an environment variable and a default (see {@link resolveConfig}). */
export interface ConfigFlags {
  /** DuckDB warehouse file. Env `TALENT_WAREHOUSE`; default `<repo>/warehouse/talent.duckdb`. */
  warehouse?: string;
  /**
   * A datasets root holding `reference/`, `sources/`, `dictionaries/` and the demo edition `demo/`:
   * everything below follows it unless set on its own. Env `TALENT_DATASETS`; default `<repo>/datasets`.
   */
  datasets?: string;
  /** Code lists, frameworks and crosswalks. Env `TALENT_REFERENCE`; default `<datasets>/reference`. */
  reference?: string;
  /** Source mapping files. Env `TALENT_SOURCES`; default `<datasets>/sources`. */
  sources?: string;
  /** Normalisation dictionaries. Env `TALENT_DICTIONARIES`; default `<datasets>/dictionaries`. */
  dictionaries?: string;
  /**
   * The folder of source files the mappings name (an edition made by the generator, or a bureau's
   * drop folder). Env `TALENT_DATA`; default `<datasets>/demo`.
   */
  data?: string;
  /**
   * Copies of official lists and real public samples (`../shared/reference` beside the repository).
   * Env `TALENT_SHARED_REFERENCE`; default `<repo>/../shared/reference` when it exists.
   */
  sharedReference?: string;
  /** Crosswalk overrides of a bureau. Env `TALENT_CROSSWALK_OVERRIDES`; default `<reference>/crosswalks/overrides`. */
  crosswalkOverrides?: string;
  /** DuckDB buffer pool limit (e.g. `1GB`, `512MB`). Env `TALENT_MEMORY_LIMIT`; default {@link DEFAULT_MEMORY_LIMIT}. */
  memoryLimit?: string;
  /** Where reports and exports go. Env `TALENT_OUT`; default `<repo>/out`. */
  out?: string;
  /**
   * The published snapshot: a read-only copy of the warehouse that every successful run swaps in,
   * for analysts and `talent sql` / `talent export`. Env `TALENT_PUBLISHED`; default
   * `published/talent.duckdb` beside the warehouse (`<repo>/warehouse/published/talent.duckdb`).
   */
  published?: string;
  /**
   * The Parquet and Arrow lake `talent export` writes from the published snapshot. Env
   * `TALENT_EXPORTS`; default `lake/` beside the published snapshot.
   */
  exports?: string;
  /** IANA time zone of dates, schedules and reports. Env `TALENT_TIME_ZONE`; default `Asia/Shanghai`. */
  timeZone?: string;
  /**
   * Share of a load's records (0–1) that may be rejected before the load counts as failed in the
   * exit code of `talent ingest` and `talent run` (the rows still load; the operator is told).
   * Env `TALENT_MAX_REJECT_SHARE`; default {@link DEFAULT_MAX_REJECT_SHARE}.
   */
  maxRejectShare?: string;
  /** When `talent schedule` starts a run (node-cron, in `timeZone`). Env `TALENT_CRON`; default {@link DEFAULT_CRON}. */
  cron?: string;
  /**
   * Shell command `talent schedule` runs when a night ends failed or partial, with the run summary
   * as JSON on its stdin. Env `TALENT_ALERT_COMMAND`; default none.
   */
  alertCommand?: string;
  /** Further attempts `talent schedule` makes after a failed night. Env `TALENT_RETRIES`; default {@link DEFAULT_RETRIES}. */
  retries?: string;
  /**
   * Seconds before the first retry; each later one waits twice as long. Env `TALENT_RETRY_DELAY`;
   * default {@link DEFAULT_RETRY_DELAY_S}.
   */
  retryDelay?: string;
}

/**
 * A load rejecting more than half of its records is almost always the wrong file or a broken
 * mapping rather than bad rows (the real samples reject at most a few per cent).
 */
export const DEFAULT_MAX_REJECT_SHARE = 0.5;

/** Buffer pool of a warehouse file when nothing else is said: keeps a nightly run near 1.3 GB. */
export const DEFAULT_MEMORY_LIMIT = '1GB';

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
  memoryLimit: z
    .string()
    .regex(/^\d+(?:\.\d+)?\s*(?:[KMGT]i?B)$/i, 'a size such as 1GB, 512MB or 2GiB')
    .describe('DuckDB buffer pool limit.'),
  outDir: path.describe('Reports and exports root.'),
  publishedPath: path
    .nullable()
    .describe('Published read-only snapshot of the warehouse; NULL for an in-memory warehouse (nothing to copy).'),
  exportsDir: path.nullable().describe('Parquet and Arrow lake written from the published snapshot; NULL without a snapshot.'),
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
const ENV: Record<keyof ConfigFlags, string> = {
  warehouse: 'TALENT_WAREHOUSE',
  datasets: 'TALENT_DATASETS',
  reference: 'TALENT_REFERENCE',
  sources: 'TALENT_SOURCES',
  dictionaries: 'TALENT_DICTIONARIES',
  data: 'TALENT_DATA',
  sharedReference: 'TALENT_SHARED_REFERENCE',
  crosswalkOverrides: 'TALENT_CROSSWALK_OVERRIDES',
  memoryLimit: 'TALENT_MEMORY_LIMIT',
  out: 'TALENT_OUT',
  published: 'TALENT_PUBLISHED',
  exports: 'TALENT_EXPORTS',
  timeZone: 'TALENT_TIME_ZONE',
  maxRejectShare: 'TALENT_MAX_REJECT_SHARE',
  cron: 'TALENT_CRON',
  alertCommand: 'TALENT_ALERT_COMMAND',
  retries: 'TALENT_RETRIES',
  retryDelay: 'TALENT_RETRY_DELAY',
};

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
    memoryLimit: given('memoryLimit') ?? DEFAULT_MEMORY_LIMIT,
    outDir: abs('out', () => join(repoRoot, 'out')),
    publishedPath,
    exportsDir: given('exports') !== undefined ? resolve(given('exports')!) : publishedPath && join(dirname(publishedPath), 'lake'),
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
          return `--${flag.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} (${ENV[flag as keyof ConfigFlags] ?? 'no variable'}): ${i.message}`;
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
