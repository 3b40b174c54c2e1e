import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * The projection stage's marts tables with the contract columns only, for tests that fill them by
 * hand. Whatever relation of these names the warehouse's own models made is dropped first.
 */
const TABLES: Record<string, string> = {
  fct_industry_trend: `run_id VARCHAR, framework VARCHAR, group_code VARCHAR, region_code VARCHAR, year INTEGER, employment DOUBLE,
    employment_lo DOUBLE, employment_hi DOUBLE, openings DOUBLE, is_forecast BOOLEAN`,
  fct_talent_gap: `run_id VARCHAR, framework VARCHAR, group_code VARCHAR, occupation_code VARCHAR, region_code VARCHAR,
    education_level VARCHAR, year INTEGER, demand DOUBLE, supply DOUBLE, gap DOUBLE, ratio DOUBLE, shortage_level VARCHAR,
    demand_lo DOUBLE, demand_hi DOUBLE, is_forecast BOOLEAN`,
  fct_occupation_shortage: `run_id VARCHAR, occupation_code VARCHAR, region_code VARCHAR, year INTEGER, demand DOUBLE, supply DOUBLE,
    gap DOUBLE, ratio DOUBLE, shortage_index DOUBLE, shortage_level VARCHAR, rank INTEGER, is_forecast BOOLEAN`,
};

export async function createProjectionMarts(conn: DuckDBConnection): Promise<void> {
  for (const table of Object.keys(TABLES)) {
    const existing = (
      await conn.runAndReadAll(
        `SELECT 'VIEW' AS kind FROM duckdb_views() WHERE schema_name = 'marts' AND view_name = $1
         UNION ALL SELECT 'TABLE' FROM duckdb_tables() WHERE schema_name = 'marts' AND table_name = $1`,
        [table],
      )
    ).getRowObjects();
    for (const { kind } of existing) await conn.run(`DROP ${String(kind)} marts.${table} CASCADE`);
    await conn.run(`CREATE TABLE marts.${table} (${TABLES[table]})`);
  }
}
