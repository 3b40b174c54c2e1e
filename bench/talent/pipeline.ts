/** The runs the talent benchmark grades: the edition, reference and ingest, then the projection stage in a child process. */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline, type Stage } from '@talent/cli';
import type { Config } from '@talent/models';
import { generateEdition } from '@talent/synth';

/** What the projection child reports. */
export interface ProjectionRun {
  runId: string;
  /** The stage's own run, without starting the process or opening the warehouse. */
  seconds: number;
  /** Peak resident memory of the child process. */
  peakRssMb: number;
  /** What the stage printed. */
  lines: string[];
}

/** Generates the edition into `out`, or checks that an existing one has its truth. Returns the seconds spent generating. */
export async function prepareEdition(options: {
  edition: string;
  seed: number;
  out: string;
  reuse: boolean;
  referenceDir: string;
}): Promise<number> {
  if (options.reuse) {
    if (!existsSync(join(options.out, 'truth', 'manifest.json')))
      throw new Error(`--data ${options.out}: no truth/manifest.json (an edition made by npm run generate has one)`);
    return 0;
  }
  const summary = await generateEdition({
    edition: options.edition,
    seed: options.seed,
    out: options.out,
    referenceDir: options.referenceDir,
  });
  return summary.seconds;
}

/** Runs the given stages (reference and ingest) into the configured warehouse, logging to `logFile`. */
export async function runUpstream(config: Config, stages: readonly Stage[], logFile: string): Promise<{ runId: string; seconds: number }> {
  const fd = openSync(logFile, 'a');
  const started = performance.now();
  try {
    const summary = await runPipeline(config, { stages, command: 'bench-talent', log: (line) => writeSync(fd, `${line}\n`) });
    return { runId: summary.runId, seconds: (performance.now() - started) / 1000 };
  } finally {
    closeSync(fd);
  }
}

/**
 * Runs the projection stage alone in a child process (same Node options as this one, so the same
 * TypeScript loader and `source` condition), its output appended to `logFile`.
 */
export async function runProjectionChild(config: Config, logFile: string, resultFile: string): Promise<ProjectionRun> {
  const child = fileURLToPath(new URL('./projection-child.ts', import.meta.url));
  const fd = openSync(logFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const p = spawn(
        process.execPath,
        [...process.execArgv, child, '--warehouse', config.warehousePath, '--data', config.dataDir, '--result', resultFile],
        { stdio: ['ignore', fd, 'inherit'] },
      );
      p.on('error', reject);
      p.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`the projection stage failed (exit ${code}); its output is in ${logFile}`);
  } finally {
    closeSync(fd);
  }
  return JSON.parse(readFileSync(resultFile, 'utf8')) as ProjectionRun;
}
