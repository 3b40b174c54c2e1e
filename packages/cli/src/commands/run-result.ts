import { EXIT, exitCodeFor } from '../exit-codes.js';
import type { IngestProblem } from '@talent/ingest';
import type { CommandResult } from '../command.js';
import type { StageResult } from '../pipeline.js';
import type { RunSummary } from './run.js';

/** The problems the ingest stage reported, with their kinds (exit-codes.ts orders them). */
export function ingestProblems(stages: readonly StageResult[]): IngestProblem[] {
  return (stages.find((s) => s.stage === 'ingest')?.figures.problems as IngestProblem[] | undefined) ?? [];
}

/** What the stages after ingest reported: a run left partial by these alone exits 11. */
export function problemsAfterIngest(stages: readonly StageResult[]): string[] {
  return stages.filter((s) => s.stage !== 'ingest').flatMap((s) => s.problems ?? []);
}

/**
 * What `meta.runs.summary` records of a finished run: its problems (the messages of every stage,
 * ingest's first), the stage of each (`talent status` names it) and every stage's figures.
 */
export function recordedSummary(
  stages: readonly StageResult[],
  changed: boolean,
): { changed: boolean; problems: string[]; stageProblems: Record<string, string[]>; stages: Record<string, Record<string, unknown>> } {
  return {
    changed,
    problems: stages.flatMap((s) => s.problems ?? []),
    stageProblems: Object.fromEntries(stages.filter((s) => s.problems?.length).map((s) => [s.stage, s.problems!])),
    stages: Object.fromEntries(stages.map((s) => [s.stage, s.figures])),
  };
}

/**
 * A finished run as a command's result: exit code from the problems its ingest stage reported
 * (exit-codes.ts), unless its snapshot could not be published: then analysts see none of the run;
 * a run that loaded cleanly but ended partial because a later stage reported a problem exits 11.
 */
export function runResult(summary: RunSummary): CommandResult {
  const problems = ingestProblems(summary.stages);
  const stageProblems = problemsAfterIngest(summary.stages);
  const ingestCode = exitCodeFor(problems);
  return {
    exitCode:
      summary.publishError !== null
        ? EXIT.publishFailed
        : ingestCode !== EXIT.ok
          ? ingestCode
          : stageProblems.length > 0
            ? EXIT.stageProblem
            : EXIT.ok,
    result: {
      runId: summary.runId,
      status: summary.status,
      changed: summary.changed,
      seconds: summary.seconds,
      migrationsApplied: summary.migrationsApplied,
      stages: summary.timings,
      problems,
      stageProblems,
      abandoned: summary.abandoned,
      takeover: summary.takeover,
      publishError: summary.publishError,
      figures: Object.fromEntries(summary.stages.map((s) => [s.stage, s.figures])),
    },
  };
}
