import type { DuckDBConnection } from '@duckdb/node-api';

/** A time-ordered run id, e.g. `20261124T031502Z-4821`. */
export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${process.pid}`;
}

/** One stage of a run as `meta.runs.stages` keeps it. */
export interface StageRecord {
  stage: string;
  status: 'running' | 'done' | 'failed';
  seconds: number;
  /** Rows the stage wrote (reference rows, loaded records, marts rows). */
  rows: number;
  changed: boolean;
}

/** A load a failed or abandoned run left committed. */
export interface KeptLoad {
  load_id: string;
  source: string;
  file_path: string;
  status: string;
  rows_loaded: number;
}

export type RunStatus = 'succeeded' | 'partial' | 'failed';

/** Loads committed since `startedAt` (runs hold the lock, so these are the run's own). */
async function keptSince(conn: DuckDBConnection, startedAt: string): Promise<KeptLoad[]> {
  const r = await conn.runAndReadAll(
    `SELECT load_id, source, file_path, status, rows_loaded FROM meta.loads
     WHERE started_at >= $1::TIMESTAMPTZ AND status IN ('loaded', 'replaced') ORDER BY started_at`,
    [startedAt],
  );
  return r.getRowObjectsJson().map((x) => ({
    load_id: String(x.load_id),
    source: String(x.source),
    file_path: String(x.file_path),
    status: String(x.status),
    rows_loaded: Number(x.rows_loaded),
  }));
}

/**
 * Marks runs left `running` as abandoned: under the lock no other run can be going, so their
 * process died (killed, machine restarted). Each keeps the stage it was in and the loads it had
 * committed. Returns the run ids marked.
 */
export async function abandonDeadRuns(conn: DuckDBConnection, reason: string): Promise<string[]> {
  const rows = (
    await conn.runAndReadAll(`SELECT run_id, started_at::VARCHAR AS started_at, stages FROM meta.runs WHERE status = 'running'`)
  ).getRowObjectsJson();
  for (const row of rows) {
    const stages = row.stages ? (JSON.parse(String(row.stages)) as StageRecord[]) : [];
    const inStage = stages.find((s) => s.status === 'running')?.stage ?? null;
    const kept = await keptSince(conn, String(row.started_at));
    await conn.run(
      `UPDATE meta.runs SET status = 'abandoned', finished_at = now(), failed_stage = $2, error = $3, kept = $4 WHERE run_id = $1`,
      [String(row.run_id), inStage, reason, JSON.stringify(kept)],
    );
  }
  return rows.map((r) => String(r.run_id));
}

/**
 * A run's row in `meta.runs`, kept up to date as stages start and end, so a run killed mid-stage
 * still says which stage it was in.
 */
/** How a run whose snapshot could not be published states it (meta.runs.error, the nightly alert's problems). */
export function unpublishedProblem(message: string): string {
  return `snapshot not published: ${message}`;
}

export class RunRecord {
  readonly stages: StageRecord[] = [];
  private stageClock = 0;

  private constructor(
    private readonly conn: DuckDBConnection,
    readonly runId: string,
    readonly startedAt: string,
  ) {}

  static async start(conn: DuckDBConnection, command: string, now = new Date()): Promise<RunRecord> {
    // Two runs of one process within a second (a command right after another) would share the id:
    // the later takes the next free second, so ids stay unique and in order.
    let runId = newRunId(now);
    for (let s = 1; (await conn.runAndReadAll(`SELECT 1 FROM meta.runs WHERE run_id = $1`, [runId])).currentRowCount > 0; s++)
      runId = newRunId(new Date(now.getTime() + s * 1000));
    const startedAt = now.toISOString();
    await conn.run(
      `INSERT INTO meta.runs (run_id, command, started_at, status, pid, stages) VALUES ($1, $2, $3::TIMESTAMPTZ, 'running', $4, '[]')`,
      [runId, command, startedAt, process.pid],
    );
    return new RunRecord(conn, runId, startedAt);
  }

  private async saveStages(): Promise<void> {
    await this.conn.run(`UPDATE meta.runs SET stages = $2 WHERE run_id = $1`, [this.runId, JSON.stringify(this.stages)]);
  }

  async stageStarted(stage: string): Promise<void> {
    this.stageClock = performance.now();
    this.stages.push({ stage, status: 'running', seconds: 0, rows: 0, changed: false });
    await this.saveStages();
  }

  async stageEnded(outcome: { rows: number; changed: boolean } | { error: Error }): Promise<void> {
    const s = this.stages.at(-1)!;
    s.seconds = Math.round((performance.now() - this.stageClock) / 10) / 100;
    if ('error' in outcome) s.status = 'failed';
    else Object.assign(s, { status: 'done', rows: outcome.rows, changed: outcome.changed });
    await this.saveStages();
  }

  async finish(status: Exclude<RunStatus, 'failed'>, summary: object): Promise<void> {
    await this.conn.run(`UPDATE meta.runs SET finished_at = now(), status = $2, summary = $3, stages = $4 WHERE run_id = $1`, [
      this.runId,
      status,
      JSON.stringify(summary),
      JSON.stringify(this.stages),
    ]);
  }

  /** Marks a finished run partial: its loads are committed, but its snapshot could not be published. */
  async notPublished(message: string): Promise<void> {
    await this.conn.run(`UPDATE meta.runs SET status = 'partial', error = $2 WHERE run_id = $1`, [this.runId, unpublishedProblem(message)]);
  }

  /** Records the failure: the stage it happened in, the message and the loads that stay committed. */
  async fail(error: Error): Promise<KeptLoad[]> {
    const failedStage = this.stages.find((s) => s.status === 'failed' || s.status === 'running')?.stage ?? null;
    const kept = await keptSince(this.conn, this.startedAt);
    await this.conn.run(
      `UPDATE meta.runs SET finished_at = now(), status = 'failed', failed_stage = $2, error = $3, kept = $4, stages = $5,
         summary = $6 WHERE run_id = $1`,
      [
        this.runId,
        failedStage,
        error.message,
        JSON.stringify(kept),
        JSON.stringify(this.stages),
        JSON.stringify({ error: error.message, failedStage, kept: kept.length }),
      ],
    );
    return kept;
  }
}
