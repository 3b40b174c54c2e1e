import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { readMapping, resolveFiles } from '@talent/ingest';
import type { Config, SourceMapping } from '@talent/models';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { ingestStage, type IngestStageOptions } from '../stages/ingest.js';
import { referenceStage } from '../stages/reference.js';
import { runPipeline, type RunOptions, type RunSummary } from './run.js';
import { runResult } from './run-result.js';

/**
 * Loads the reference data (names are matched against it), then the sources, and prints per
 * source: rows read, loaded, rejected by reason, duplicates collapsed and coding coverage. Runs
 * under the run lock and is recorded in `meta.runs` like a full run.
 */
export async function ingestCommand(
  config: Config,
  options: IngestStageOptions & Pick<RunOptions, 'log' | 'output'> = {},
): Promise<RunSummary> {
  const { log, output, ...stageOptions } = options;
  return runPipeline(config, {
    command: 'ingest',
    stages: [referenceStage, ingestStage(stageOptions)],
    ...(log ? { log } : {}),
    ...(output ? { output } : {}),
  });
}

/** A source id is a bare name: an argument with a folder separator or a file extension was meant as a path. */
export function looksLikePath(arg: string): boolean {
  return arg.includes('/') || arg.includes(sep) || extname(arg) !== '';
}

/** The mappings of the sources folder that parse (an invalid one is reported by the load itself). */
function mappings(sourcesDir: string): SourceMapping[] {
  if (!existsSync(sourcesDir)) return [];
  return readdirSync(sourcesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      try {
        return [readMapping(join(sourcesDir, f))];
      } catch {
        return [];
      }
    });
}

/** The source whose file patterns name this file (tried against the folder the pattern's directory part sits in). */
export function sourceOfFile(file: string, all: readonly SourceMapping[]): string | null {
  const path = resolve(file);
  for (const m of all)
    for (const pattern of m.files) {
      const sub = dirname(pattern);
      const dir = dirname(path);
      const root = sub === '.' ? dir : dir.endsWith(sep + sub) ? dir.slice(0, -(sub.length + 1)) : null;
      if (root !== null && resolveFiles({ ...m, files: [pattern] }, [root]).includes(path)) return m.source;
    }
  return null;
}

/** `talent ingest [path or source…]`. */
export const ingestCliCommand: Command = {
  name: 'ingest',
  summary: 'load the reference data and the sources (all, or the files, folders or sources named)',
  help: `Usage: talent ingest [path or source…] [options]

Loads the reference data, then the source files, and prints per source the rows read, loaded and
rejected by reason, duplicates and coding coverage. With no argument: every file the mappings
name in --data. An argument may be a file (its source is the mapping whose pattern names it), a
folder (used as the data folder) or a source id. Files already loaded with the same content hash
are skipped; a file with the path, size and modification time of a load that hashed it is not
read again (touch it to have it hashed). A path that does not exist is reported (exit 5) and
nothing is loaded.

A file that would replace the earlier loads of its source and period with fewer than 2/3 of
their rows is refused (exit 6): the earlier rows stay. --reload loads the named files anyway.

Options:
  --source <id>    only this source; repeatable (same as naming it)
  --samples        also the real public samples of the shared reference folder
  --reload         load the named files even if their content was loaded before (after a mapping
                   fix), replacing that earlier load and the period's earlier loads, however few
                   rows they hold`,
  positionals: true,
  options: { samples: { type: 'boolean' }, source: { type: 'string', multiple: true }, reload: { type: 'boolean' } },
  async run({ config, args, values, output }) {
    const sources = [...((values.source as string[] | undefined) ?? [])];
    const files: { source: string; path: string }[] = [];
    let data = config.dataDir;
    const all = mappings(config.sourcesDir);
    const missing = args.filter((arg) => !existsSync(arg) && looksLikePath(arg));
    if (missing.length) {
      for (const arg of missing)
        output.error(`talent ingest: ${resolve(arg)}: no such file or folder; check the path (nothing was loaded)`);
      return { exitCode: EXIT.noInput, result: { error: 'no such file or folder', files: missing.map((a) => resolve(a)) } };
    }
    for (const arg of args) {
      if (!existsSync(arg)) sources.push(arg);
      else if (statSync(arg).isDirectory()) data = resolve(arg);
      else {
        const source = sourceOfFile(arg, all);
        if (!source) {
          output.error(`talent ingest: no mapping in ${config.sourcesDir} names ${arg}: add its pattern to a mapping's "files"`);
          return { exitCode: EXIT.unknownSource, result: { error: 'no mapping names the file', file: resolve(arg) } };
        }
        files.push({ source, path: resolve(arg) });
      }
    }
    const reload = values.reload === true;
    if (reload && files.length === 0) {
      output.error('talent ingest: --reload loads again only the files named: give the path of each file to reload');
      return { exitCode: EXIT.usage, result: { error: '--reload without a file' } };
    }
    const summary = await ingestCommand(
      { ...config, dataDir: data },
      { output, samples: values.samples === true, sources, reload, ...(files.length ? { files } : {}) },
    );
    return runResult(summary);
  },
};
