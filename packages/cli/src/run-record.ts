import type { DuckDBConnection } from '@duckdb/node-api';

/** A time-ordered run id, e.g. `20261124T031502Z-4821`. */
export function newRunId(now = new Date()): string {
  return `${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${process.pid}`;
}

/** Records a run in `meta.runs` around `fn`, marking it failed (with the error) if it throws. */
export async function recordRun<T extends object>(conn: DuckDBConnection, command: string, fn: (runId: string) => Promise<T>): Promise<T> {
  const runId = newRunId();
  await conn.run(`INSERT INTO meta.runs VALUES ($1, $2, now(), NULL, 'running', NULL)`, [runId, command]);
  try {
    const summary = await fn(runId);
    await conn.run(`UPDATE meta.runs SET finished_at = now(), status = 'succeeded', summary = $2 WHERE run_id = $1`, [
      runId,
      JSON.stringify(summary),
    ]);
    return summary;
  } catch (err) {
    await conn.run(`UPDATE meta.runs SET finished_at = now(), status = 'failed', summary = $2 WHERE run_id = $1`, [
      runId,
      JSON.stringify({ error: (err as Error).message }),
    ]);
    throw err;
  }
}
