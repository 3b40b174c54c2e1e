import type { DuckDBConnection } from '@duckdb/node-api';
import { fillIncrementalMarts, inTransaction, runModels, sqlLiteral } from '@talent/models';
import { projectEmployment, type EmploymentProjectionResult } from './project-employment.js';

/** What one projection run wrote. */
export interface ProjectionResult extends EmploymentProjectionResult {
  /** Years projected after the last observed one. */
  horizon: number;
  /** Rows added to each incremental marts model. */
  marts: Record<string, number>;
  seconds: number;
}

/** The parameters the engine needs, read from ref.projection_parameter. */
async function readParameters(conn: DuckDBConnection) {
  const rows = (await conn.runAndReadAll(`SELECT name, value FROM ref.projection_parameter`)).getRowsJson();
  const values = (name: string) => rows.filter((r) => r[0] === name).map((r) => Number(r[1]));
  const one = (name: string) => {
    const v = values(name)[0];
    if (v === undefined) throw new Error(`ref.projection_parameter has no ${name}: run the reference stage (talent run) first`);
    return v;
  };
  return { horizon: one('horizon_years'), firstYear: one('history_first_year'), shockYears: values('shock_year') };
}

/**
 * Writes one vintage of the projections under `runId`: rebuilds the table models from the
 * current core data, forecasts every employment series with the engine, then fills the marts
 * models in dependency order and records the vintage in meta.projection_runs — all of it in one
 * transaction, so a killed run leaves no partial vintage.
 */
export async function runProjection(
  conn: DuckDBConnection,
  runId: string,
  fingerprint: string,
  log: (line: string) => void = () => {},
): Promise<ProjectionResult> {
  // One thread: DuckDB's parallel aggregates add doubles in whatever order the threads finish, so
  // two runs on the same inputs differed in the last bits, and a rank or a rounded figure of the
  // publications with them. A vintage must be a function of its inputs.
  const threads = Number((await conn.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0]![0]);
  await conn.run('SET threads = 1');
  try {
    return await project(conn, runId, fingerprint, log);
  } finally {
    await conn.run(`SET threads = ${threads}`);
  }
}

async function project(conn: DuckDBConnection, runId: string, fingerprint: string, log: (line: string) => void): Promise<ProjectionResult> {
  const started = performance.now();
  const rebuilt = (await runModels(conn, { rebuildTables: true })).filter((m) => m.action !== 'unchanged');
  log(
    `Projection: ${rebuilt.length} table models rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s (${rebuilt
      .map((m) => `${m.name} ${m.seconds.toFixed(1)} s`)
      .join(', ')}).`,
  );
  const params = await readParameters(conn);
  let result: ProjectionResult | undefined;
  await inTransaction(conn, async () => {
    const employment = await projectEmployment(conn, runId, params);
    if (employment.series === 0) {
      result = { ...employment, horizon: params.horizon, marts: {}, seconds: (performance.now() - started) / 1000 };
      return;
    }
    log(
      `Projection: ${employment.series} employment series forecast to ${employment.lastYear + params.horizon} (${((performance.now() - started) / 1000).toFixed(1)} s from the start).`,
    );
    const marts = await fillIncrementalMarts(conn, { run_id: sqlLiteral(runId) }, (name, rows, seconds) =>
      log(`  ${name.padEnd(32)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(1)} s`),
    );
    const seconds = (performance.now() - started) / 1000;
    await conn.run(
      // The clock, not now(): DuckDB's now() is the transaction's start, the better part of the projection earlier.
      `INSERT INTO meta.projection_runs (run_id, fingerprint, last_observed_year, series, seconds, finished_at) VALUES ($1, $2, $3, $4, $5, $6::TIMESTAMPTZ)`,
      [runId, fingerprint, employment.lastYear, employment.series, seconds, new Date().toISOString()],
    );
    result = { ...employment, horizon: params.horizon, marts: Object.fromEntries(marts), seconds };
  });
  return result!;
}
