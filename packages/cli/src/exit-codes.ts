import type { IngestProblemKind } from '@talent/ingest';

/**
 * Exit codes of `talent` (the one table; README "Commands" lists it). When a run has several
 * problems, the code is that of the first in this order: the most basic fault first.
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | done, nothing to act on |
 * | 1 | the run failed (an unexpected error; see the message) |
 * | 2 | wrong usage or configuration (unknown command or flag, a bad --max-reject-share…) |
 * | 3 | unknown source: a --source (or a file's source) has no mapping |
 * | 4 | mapping invalid: a mapping file failed its checks (the other sources still loaded) |
 * | 5 | no input found: no file matched, or a source asked for found none, or a folder stood where a file was expected |
 * | 6 | a load failed (unreadable file, unusable header…; kept in meta.loads with its message) |
 * | 7 | a load rejected more than the configured share of its records (--max-reject-share, TALENT_MAX_REJECT_SHARE; default 0.5) |
 * | 8 | another run holds the warehouse (its live lock); nothing was done, try again when it ends |
 * | 9 | `talent sql`: the query failed (syntax, unknown table or column, a write to the read-only snapshot) |
 * | 10 | the run finished and the warehouse is updated, but its snapshot could not be published (disk full, the --published path unusable); analysts keep the previous snapshot. Fix the cause and run again: nothing is reloaded |
 *
 * `talent sql` and `talent export` exit with 5 when no published snapshot exists yet.
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
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The code of each problem kind an ingest reports, in order of precedence. */
const BY_PROBLEM: readonly (readonly [IngestProblemKind, ExitCode])[] = [
  ['unknown-source', EXIT.unknownSource],
  ['mapping-invalid', EXIT.mappingInvalid],
  ['no-input', EXIT.noInput],
  ['load-failed', EXIT.loadFailed],
  ['rejects-over-threshold', EXIT.rejectsOverThreshold],
];

/** The exit code of a run from the kinds of problem its ingest reported (0 when none). */
export function exitCodeFor(problems: readonly { kind: IngestProblemKind }[]): ExitCode {
  for (const [kind, code] of BY_PROBLEM) if (problems.some((p) => p.kind === kind)) return code;
  return EXIT.ok;
}
