import { EXIT, exitCodeFor } from '../exit-codes.js';
import type { IngestProblem } from '@talent/ingest';
import type { CommandResult } from '../command.js';
import type { RunSummary } from './run.js';

/**
 * A finished run as a command's result: exit code from the problems its ingest stage reported
 * (exit-codes.ts), unless its snapshot could not be published: then analysts see none of the run.
 */
export function runResult(summary: RunSummary): CommandResult {
  const problems = (summary.stages.find((s) => s.stage === 'ingest')?.figures.problems as IngestProblem[] | undefined) ?? [];
  return {
    exitCode: summary.publishError === null ? exitCodeFor(problems) : EXIT.publishFailed,
    result: {
      runId: summary.runId,
      status: summary.status,
      changed: summary.changed,
      seconds: summary.seconds,
      migrationsApplied: summary.migrationsApplied,
      stages: summary.timings,
      problems,
      abandoned: summary.abandoned,
      takeover: summary.takeover,
      publishError: summary.publishError,
      figures: Object.fromEntries(summary.stages.map((s) => [s.stage, s.figures])),
    },
  };
}
