import type { DuckDBConnection } from '@duckdb/node-api';
import { activeLoad, loadWithRows, RECORD_KINDS, kindDefinition, type RecordKind } from '@talent/models';
import { isProjectionModel } from '../document/provenance.js';
import type { Column, Provenance } from '../document/types.js';
import { defaultFrameworkOf, type PublicationRules } from './rules.js';
import { query } from './sql.js';

export interface Region {
  code: string;
  name: string;
  level: string;
  /** The province the region belongs to (itself for a province). */
  provinceCode: string;
}

/** Everything a publication function reads besides the warehouse tables themselves. */
export interface PublicationContext {
  conn: DuckDBConnection;
  /** The run writing the reports (the folder and every source line name it). */
  runId: string;
  /** The projection vintage read from the marts (`run_id` of meta.projection_runs), when there is one. */
  vintage: { runId: string; lastObservedYear: number } | null;
  region: Region;
  /** The region's province (itself for a province). */
  province: Region;
  /** Cities of the region's province (the province edition's breakdowns). */
  cities: readonly Region[];
  /** Report year: the last observed year; forecasts run after it. */
  year: number;
  framework: { id: string; name: string };
  rules: PublicationRules;
  /** Date printed under the titles (YYYY-MM-DD). */
  issued: string;
}

/** The newest projection vintage, or null when the projection stage has written none. */
export async function newestVintage(conn: DuckDBConnection): Promise<PublicationContext['vintage']> {
  const rows = await query<{ run_id: string; y: number }>(
    conn,
    `SELECT run_id, last_observed_year::INTEGER AS y FROM meta.projection_runs ORDER BY finished_at DESC, run_id DESC LIMIT 1`,
  );
  return rows[0] ? { runId: rows[0].run_id, lastObservedYear: rows[0].y } : null;
}

export async function readRegion(conn: DuckDBConnection, code: string): Promise<Region | undefined> {
  const rows = await query<{ code: string; name: string; level: string; province_code: string }>(
    conn,
    `SELECT code, name, level, province_code FROM ref.region WHERE code = $1`,
    [code],
  );
  const r = rows[0];
  return r ? { code: r.code, name: r.name, level: r.level, provinceCode: r.province_code } : undefined;
}

export async function citiesOf(conn: DuckDBConnection, provinceCode: string): Promise<Region[]> {
  const rows = await query<{ code: string; name: string; level: string; province_code: string }>(
    conn,
    `SELECT code, name, level, province_code FROM ref.region WHERE parent_code = $1 AND level = '市' ORDER BY code`,
    [provinceCode],
  );
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level, provinceCode: r.province_code }));
}

/** The framework of a region's editions: the one asked for, else the rules' default for it or its province. */
export async function resolveFramework(
  conn: DuckDBConnection,
  region: Region,
  rules: PublicationRules,
  asked?: string,
): Promise<{ id: string; name: string }> {
  const id = asked ?? defaultFrameworkOf(rules, region) ?? 'gbt4754';
  if (id === 'gbt4754') return { id, name: '国民经济行业大类' };
  const rows = await query<{ name: string }>(conn, `SELECT name FROM ref.framework WHERE framework = $1`, [id]);
  if (!rows[0]) throw new Error(`unknown framework ${id}`);
  return { id, name: rows[0].name };
}

/**
 * The year a catalogue is named for, in its title, cover, folder and file names alike: the year it is
 * in force, the one after the data (as 淮安 2023 / 盐城 2025 目录 are named, ../shared/PUBLICATIONS.md §2).
 * Every other publication reports on observed data and is named for the data year (`ctx.year`; the
 * graduate reports for their cohort), as 2015年河南省高校毕业生就业质量年度报告 and the quarterly 供求状况分析 are.
 */
export function catalogueYear(ctx: Pick<PublicationContext, 'year'>): number {
  return ctx.year + 1;
}

/** Issuing body of a region's labour-market publications. */
export function labourIssuer(region: Region): string {
  return `${region.name}人力资源和社会保障${region.level === '省' ? '厅' : '局'}`;
}

export function educationIssuer(region: Region): string {
  return `${region.name}教育${region.level === '省' ? '厅' : '局'}`;
}

/** 区 / 省 / 市: the word a province's releases use for itself (区内、区外; 省内、省外). */
export function provinceWord(province: Region): string {
  return province.name.endsWith('自治区') ? '区' : province.name.endsWith('市') ? '市' : '省';
}

/** 全区 / 全省 / 全市: how the releases name the whole of the region. */
export function wholeRegion(region: Region): string {
  return region.level === '省' ? `全${provinceWord(region)}` : '全市';
}

export function source(ctx: PublicationContext, model: string, detail?: string): Provenance {
  const runId = ctx.runId;
  const vintage = ctx.vintage && isProjectionModel(model) ? `预测版本 ${ctx.vintage.runId}` : undefined;
  const words = [detail, vintage].filter(Boolean).join('；');
  return { model, runId, ...(words ? { detail: words } : {}) };
}

/** A year as a row or column label: projected years say so. */
export function yearName(year: number, isForecast: boolean): string {
  return isForecast ? `${year}年（预测）` : `${year}年`;
}

export const FORMAT = {
  int: { kind: 'integer' } as Column['format'],
  text: { kind: 'text' } as Column['format'],
  pct1: { kind: 'percent', digits: 1 } as Column['format'],
  dec2: { kind: 'decimal', digits: 2 } as Column['format'],
  dec3: { kind: 'decimal', digits: 3 } as Column['format'],
};

/** Model estimates are printed as whole persons; they are not registered counts, so no disclosure rule applies. */
export function persons(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v);
}

/**
 * Persons as the releases' prose writes them: 万 with one decimal from ten thousand up (134.5万), whole persons
 * below; — when unknown. Tables keep whole persons.
 */
export function personsInText(v: number | null | undefined): string {
  const n = persons(v);
  if (n === null) return '—';
  return Math.abs(n) >= 10_000 ? `${(n / 10_000).toFixed(1)}万` : String(n);
}

export function round(v: number | null | undefined, digits: number): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Occupation 大类 names (大典 2022), by the code's first digit. */
export async function occupationMajorGroups(conn: DuckDBConnection): Promise<Map<string, string>> {
  const rows = await query<{ code: string; name: string }>(conn, `SELECT code, name FROM ref.occupation WHERE level = '大类'`);
  return new Map(rows.map((r) => [r.code.slice(0, 1), r.name]));
}

/** 数据来源 rows: each source loaded into the warehouse with its newest load date in the bureau's zone. */
export async function loadedSources(
  conn: DuckDBConnection,
  timeZone = 'Asia/Shanghai',
): Promise<{ name: string; table: string; loadedAt: string; rows?: number; note?: string }[]> {
  const rows = await query<{ source: string; kind: string; at: string; n: number | null }>(
    conn,
    `SELECT source, any_value(kind) AS kind, strftime(timezone($1, max(finished_at)), '%Y-%m-%d') AS at,
            sum(rows_loaded)::DOUBLE AS n
       FROM meta.loads WHERE ${activeLoad()} AND ${loadWithRows()} GROUP BY source ORDER BY source`,
    [timeZone],
  );
  // Readers see what kind of data each source is, in the kinds' own Chinese label, and the table it fills.
  const known = new Set<string>(RECORD_KINDS);
  return rows.map((r) => {
    const kind = known.has(r.kind) ? kindDefinition(r.kind as RecordKind) : null;
    return {
      name: kind?.label ?? r.kind,
      table: kind?.coreTable ?? '—',
      loadedAt: r.at,
      ...(r.n !== null ? { rows: r.n } : {}),
      note: `数据集 ${r.source}`,
    };
  });
}
