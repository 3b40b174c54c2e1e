import type { IngestProblemKind } from '@talent/ingest';

/**
 * Exit codes of `talent` (the one table: `--help` prints `EXIT_MEANING`, the README's "Commands"
 * explains each). When a run has several problems, the code is that of the first in `BY_PROBLEM`'s
 * order (the README's table order): the most basic fault first. `talent sql` and `talent export` exit with 5 when no published
 * snapshot exists yet.
 */
export const EXIT = {
  ok: 0,
  runFailed: 1,
  usage: 2,
  unknownSource: 3,
  mappingInvalid: 4,
  noInput: 5,
  loadFailed: 6,
  rejectsOverThreshold: 7,
  lockHeld: 8,
  sqlError: 9,
  publishFailed: 10,
  stageProblem: 11,
  demandMismatch: 12,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Each code in a few words, as `--help` lists them. */
export const EXIT_MEANING: Record<ExitCode, string> = {
  0: 'done, nothing to act on',
  1: 'the run failed (an unexpected error; see the message)',
  2: 'wrong usage or configuration (a flag, a variable, or a bureau’s override file)',
  3: "unknown source: a --source (or a file's source) has no mapping",
  4: 'a mapping file is invalid (the other sources still loaded)',
  5: 'no input found',
  6: 'a load failed (kept in meta.loads with its message)',
  7: 'a load rejected more than --max-reject-share of its records',
  8: 'another run holds the warehouse; nothing was done',
  9: 'talent sql: the query failed',
  10: 'the run finished, but its snapshot could not be published (analysts keep the previous one)',
  11: 'the run finished partial: a stage after ingest reported a problem (the message says what to do)',
  12: "a source's demand records did not change as its loaded postings and duplicates say (postings lost or counted twice)",
};

/** The code of each problem kind an ingest reports, in order of precedence. */
const BY_PROBLEM: readonly (readonly [IngestProblemKind, ExitCode])[] = [
  ['unknown-source', EXIT.unknownSource],
  ['mapping-invalid', EXIT.mappingInvalid],
  ['no-input', EXIT.noInput],
  ['load-failed', EXIT.loadFailed],
  ['rejects-over-threshold', EXIT.rejectsOverThreshold],
  ['demand-mismatch', EXIT.demandMismatch],
];

/** The exit code of a run from the kinds of problem its ingest reported (0 when none). */
export function exitCodeFor(problems: readonly { kind: IngestProblemKind }[]): ExitCode {
  for (const [kind, code] of BY_PROBLEM) if (problems.some((p) => p.kind === kind)) return code;
  return EXIT.ok;
}
