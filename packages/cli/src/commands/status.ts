import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { openForReading } from '../read-only.js';
import type { StageRecord } from '../run-record.js';

/** Something a partial or failed run left to act on; its message says what to do. */
export interface RunProblem {
  /** The stage that reported it. */
  stage: string;
  /** An ingest problem's kind (exit-codes.ts), else the stage's name. */
  kind: string;
  /** The file or source it concerns, when the problem names one apart from its message. */
  file?: string;
  source?: string;
  message: string;
}

/** One run as `talent status` shows it. */
export interface RunStatusRow {
  runId: string;
  command: string;
  status: string;
  startedAt: string;
  seconds: number | null;
  stages: StageRecord[];
  failedStage: string | null;
  error: string | null;
  kept: number;
  loads: { loaded: number; skipped: number; failed: number; rowsLoaded: number; rowsRejected: number };
  rejectedByReason: Record<string, number>;
  problems: RunProblem[];
  /**
   * For a run still marked `running`: why its process is known to be gone (a live holder of the
   * lock keeps `talent status` out, so every such run seen here is dead); null otherwise.
   */
  processGone: string | null;
}

/**
 * The problems `meta.runs.summary` records (run-result.ts `recordedSummary`): the ingest stage's with
 * their kinds, every later stage's as its messages under `stageProblems`. A summary recorded before
 * `stageProblems` existed names a later stage only where its figures hold the message, else `run`.
 */
export function summaryProblems(summary: unknown): RunProblem[] {
  if (!summary || typeof summary !== 'object') return [];
  const s = summary as {
    problems?: unknown;
    stageProblems?: Record<string, unknown>;
    stages?: Record<string, { problems?: unknown } | undefined>;
  };
  const ingest = Array.isArray(s.stages?.ingest?.problems) ? (s.stages.ingest.problems as Record<string, unknown>[]) : [];
  const out: RunProblem[] = ingest.map((p) => ({
    stage: 'ingest',
    kind: String(p.kind),
    ...(typeof p.file === 'string' ? { file: p.file } : {}),
    ...(typeof p.source === 'string' ? { source: p.source } : {}),
    message: String(p.message),
  }));
  const ingestMessages = new Set(out.map((p) => p.message));
  const holds = (list: unknown, message: string) => Array.isArray(list) && list.some((m) => String(m) === message);
  for (const m of Array.isArray(s.problems) ? s.problems : []) {
    const message = String(m);
    if (ingestMessages.has(message)) continue;
    const stage =
      Object.entries(s.stageProblems ?? {}).find(([name, list]) => name !== 'ingest' && holds(list, message))?.[0] ??
      Object.entries(s.stages ?? {}).find(([name, f]) => name !== 'ingest' && holds(f?.problems, message))?.[0] ??
      'run';
    out.push({ stage, kind: stage, message });
  }
  return out;
}

// A run's loads are those started while it ran: runs hold the lock, so none overlap. A file a run
// found unchanged is recorded on the row that recorded it (last_seen_at, times_seen), which keeps
// only the latest sighting: a finished run's count comes from its ingest figures (the files it saw
// less those it loaded or failed), that row count only for a run that recorded none.
const RUNS_SQL = `
  WITH r AS (SELECT * FROM meta.runs ORDER BY started_at DESC LIMIT $1),
  l AS (
    SELECT r.run_id, l.load_id, l.status, l.rows_loaded, l.rows_rejected FROM r
    JOIN meta.loads l ON l.started_at >= r.started_at AND l.started_at <= coalesce(r.finished_at, now())
  ),
  seen AS (
    SELECT r.run_id, count(*) AS n FROM r
    JOIN meta.loads l ON l.last_seen_at >= r.started_at AND l.last_seen_at <= coalesce(r.finished_at, now()) AND l.started_at < r.started_at
    GROUP BY r.run_id
  ),
  reasons AS (
    SELECT run_id, json_group_object(reason, n) AS by_reason FROM (
      SELECT l.run_id, x.reason, count(DISTINCT (x.load_id, x.line)) AS n FROM l JOIN meta.rejected_rows x USING (load_id) GROUP BY ALL
    ) GROUP BY run_id
  )
  SELECT r.run_id, r.command, r.status, strftime(r.started_at, '%Y-%m-%d %H:%M:%S%z') AS started_at,
    epoch(r.finished_at - r.started_at) AS seconds, r.stages::VARCHAR AS stages, r.failed_stage, r.error,
    r.summary::VARCHAR AS summary, r.pid,
    coalesce(json_array_length(r.kept), 0) AS kept,
    count(l.load_id) FILTER (WHERE l.status IN ('loaded', 'replaced')) AS loaded,
    coalesce(
      any_value(r.summary->>'$.stages.ingest.files')::BIGINT - any_value(r.summary->>'$.stages.ingest.loaded')::BIGINT
        - any_value(r.summary->>'$.stages.ingest.failed')::BIGINT,
      count(l.load_id) FILTER (WHERE l.status = 'skipped_duplicate') + coalesce(any_value(seen.n), 0)) AS skipped,
    count(l.load_id) FILTER (WHERE l.status = 'failed') AS failed,
    coalesce(sum(l.rows_loaded), 0) AS rows_loaded, coalesce(sum(l.rows_rejected), 0) AS rows_rejected,
    any_value(reasons.by_reason)::VARCHAR AS by_reason
  FROM r LEFT JOIN l USING (run_id) LEFT JOIN reasons USING (run_id) LEFT JOIN seen USING (run_id)
  GROUP BY ALL ORDER BY max(r.started_at) DESC`;

const fmt = (n: number) => n.toLocaleString('en-US');

function formatRun(r: RunStatusRow): string[] {
  const status = r.processGone ? 'running (its process is gone: the next run takes over and marks it abandoned)' : r.status.padEnd(10);
  const lines = [
    `${r.runId}  ${r.command.padEnd(9)} ${status} ${r.startedAt}  ${r.seconds === null ? (r.processGone ? 'unfinished' : 'running') : `${r.seconds.toFixed(1)} s`}`,
  ];
  if (r.processGone) lines.push(`  ${r.processGone}`);
  if (r.stages.length)
    lines.push(`  stages: ${r.stages.map((s) => `${s.stage} ${s.status} ${s.seconds.toFixed(1)} s ${fmt(s.rows)} rows`).join(' · ')}`);
  const l = r.loads;
  if (l.loaded + l.skipped + l.failed)
    lines.push(
      `  loads: ${l.loaded} loaded, ${l.skipped} unchanged, ${l.failed} failed; rows ${fmt(l.rowsLoaded)} loaded, ${fmt(l.rowsRejected)} rejected`,
    );
  const reasons = Object.entries(r.rejectedByReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length)
    lines.push(
      `  rejected by reason: ${reasons
        .slice(0, 5)
        .map(([k, n]) => `${k} ${fmt(n)}`)
        .join(', ')}${reasons.length > 5 ? ', …' : ''}`,
    );
  if (r.failedStage || r.error)
    lines.push(
      `  ${r.failedStage ? `stopped in ${r.failedStage}: ` : ''}${r.error ?? ''}${r.failedStage ? ` (${r.kept} loads kept)` : ''}`,
    );
  if (r.problems.length) {
    lines.push(`  ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} to act on:`);
    for (const p of r.problems) {
      const about = [p.source, p.file].filter((x) => x && !p.message.includes(x)).join(' ');
      // A later stage's message names its stage already, for the lists that print messages alone (the nightly alert).
      const kind = p.message.startsWith(`${p.kind}: `) ? '' : `${p.kind}: `;
      lines.push(`    ${kind}${about ? `${about}: ` : ''}${p.message}`);
    }
  }
  return lines;
}

/** `talent status`: the recent runs from `meta.runs`, read-only. */
export const statusCommand: Command = {
  name: 'status',
  summary: 'recent runs: status, per-stage timing and rows, loads and rejected rows (--json)',
  help: `Usage: talent status [--limit <n>] [options]

Lists the most recent runs of meta.runs, newest first: command, status (succeeded, partial,
failed, abandoned, running), duration, per-stage timing and rows written, the loads each run made
(loaded, unchanged, failed; rows loaded and rejected), rejected rows by reason, for a partial run
each problem (kind, file or source, and what to do), and for a failed or abandoned run the stage
it stopped in, the error and how many loads it kept. A run still marked running whose process is
gone (killed) is said so: the next run takes it over and marks it abandoned. Opens the warehouse
read-only; while a run holds it, says which.

Options:
  --limit <n>      how many runs (default 10)`,
  options: { limit: { type: 'string' } },
  async run({ config, values, output }) {
    const limit = Number(values.limit ?? 10);
    if (!Number.isInteger(limit) || limit < 1) {
      output.error(`talent status: --limit must be a whole number from 1, not "${String(values.limit)}"`);
      return { exitCode: EXIT.usage, result: { error: '--limit must be a whole number from 1' } };
    }
    const lock: { stale: string | null } = { stale: null };
    const wh = await openForReading(config, output, (reason) => (lock.stale = reason));
    if (!('conn' in wh)) return wh;
    try {
      const rows = (await wh.conn.runAndReadAll(RUNS_SQL, [limit])).getRowObjectsJson();
      const runs: RunStatusRow[] = rows.map((r) => ({
        runId: String(r.run_id),
        command: String(r.command),
        status: String(r.status),
        startedAt: String(r.started_at),
        seconds: r.seconds === null ? null : Number(r.seconds),
        stages: r.stages ? (JSON.parse(String(r.stages)) as StageRecord[]) : [],
        failedStage: r.failed_stage === null ? null : String(r.failed_stage),
        error: r.error === null ? null : String(r.error),
        kept: Number(r.kept),
        loads: {
          loaded: Number(r.loaded),
          skipped: Number(r.skipped),
          failed: Number(r.failed),
          rowsLoaded: Number(r.rows_loaded),
          rowsRejected: Number(r.rows_rejected),
        },
        rejectedByReason: r.by_reason ? (JSON.parse(String(r.by_reason)) as Record<string, number>) : {},
        problems: summaryProblems(r.summary ? JSON.parse(String(r.summary)) : null),
        processGone:
          r.status !== 'running'
            ? null
            : (lock.stale ??
              `no lock holds the warehouse${r.pid === null ? '' : `: process ${String(r.pid)} ended without finishing the run`}`),
      }));
      if (runs.length === 0) output.line(`No runs recorded in ${config.warehousePath} yet.`);
      else output.line([`Recent runs of ${config.warehousePath} (newest first):`, ...runs.flatMap(formatRun)].join('\n'));
      return { exitCode: EXIT.ok, result: { warehouse: config.warehousePath, runs } };
    } finally {
      wh.close();
    }
  },
};
