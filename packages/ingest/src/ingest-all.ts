import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordKind, SourceMapping, Warehouse } from '@talent/models';
import { loadFile, type LoadFileOptions, type LoadResult } from './load/load-file.js';
import { kindSpec } from './load/kinds.js';
import { lit } from './load/sql.js';
import type { PostingNormalizers } from './postings/normalizers.js';
import { readMapping, resolveFiles } from './sources/mappings.js';

/** Where ingest looks for mappings and files, and how it codes postings. */
export interface IngestAllOptions {
  /** Mapping folder (the configuration's `sourcesDir`). */
  sourcesDir: string;
  /**
   * Folders the mapping file patterns are resolved against: the configuration's `dataDir`, and its
   * `sharedReferenceDir` when the public samples are wanted.
   */
  roots: readonly string[];
  /** Load exactly these files (each with its source id) instead of resolving the mappings' patterns. */
  files?: { source: string; path: string }[];
  /** Only these sources. */
  sources?: string[];
  /** Posting normalisers, over the run's coders (`postingNormalizers(coders)`); NO_NORMALIZERS loads postings uncoded. */
  normalizers: PostingNormalizers;
  /** The load date (`YYYY-MM-DD` in the configured zone) future dates are refused against. */
  today: string;
  onLoad?: (result: LoadResult) => void;
  /** Passed to every loadFile call (phase hooks, forced stream reader). */
  loadOptions?: Omit<LoadFileOptions, 'normalizers' | 'today'>;
}

/** Figures of one source over one ingest run (and, for coverage, over all its current rows). */
export interface SourceSummary {
  source: string;
  kind: RecordKind;
  files: number;
  filesLoaded: number;
  filesSkipped: number;
  filesFailed: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** Rejected rows per reason (a row with two faults counts under both). */
  rejectedByReason: Record<string, number>;
  /** Postings only: current postings of the source marked as a copy of another (collapsed into its demand record). */
  duplicatesCollapsed: number;
  /** Postings only: share of current postings of the source with each code. */
  coverage?: { postings: number; region: number; industry: number; occupation: number };
  /** Enrollment, outcomes, shortage: names that matched no reference code (reported, kept). */
  unmatched?: { rows: number; examples: string[] };
  /** Enrollment and outcomes: rows whose school is not in the loaded school list (core.school). */
  unmatchedSchools?: { rows: number; examples: string[] };
  /** Destination breakdowns: rows whose region or industry code ref does not know (kept, flagged). */
  unmatchedCodes?: { rows: number; examples: string[] };
  messages: string[];
}

export interface IngestReport {
  loads: LoadResult[];
  sources: SourceSummary[];
  /** Mapping files that could not be used (the other sources still load). */
  mappingErrors: string[];
}

/**
 * Ingests every source (or the given files): each file is its own transaction, so one bad file
 * never blocks the others. This is what the nightly job calls.
 * @example const report = await ingestAll(wh, { sourcesDir: config.sourcesDir, roots: [config.dataDir], normalizers, today });
 */
export async function ingestAll(warehouse: Warehouse, options: IngestAllOptions): Promise<IngestReport> {
  const { sourcesDir, roots } = options;
  const mappingErrors: string[] = [];
  const mappings: SourceMapping[] = [];
  for (const f of existsSync(sourcesDir)
    ? readdirSync(sourcesDir)
        .filter((x) => x.endsWith('.json'))
        .sort()
    : []) {
    try {
      mappings.push(readMapping(join(sourcesDir, f)));
    } catch (err) {
      mappingErrors.push((err as Error).message);
    }
  }
  const wanted = (m: SourceMapping) => !options.sources || options.sources.includes(m.source);
  const plan: { mapping: SourceMapping; path: string }[] = [];
  if (options.files) {
    for (const f of options.files) {
      const mapping = mappings.find((m) => m.source === f.source);
      if (!mapping) mappingErrors.push(`no mapping for source ${f.source} (file ${f.path})`);
      else plan.push({ mapping, path: f.path });
    }
  } else {
    for (const m of mappings.filter(wanted)) for (const path of resolveFiles(m, roots)) plan.push({ mapping: m, path });
  }
  // School lists first: enrollment and outcome rows are matched against them as they load.
  plan.sort((a, b) => Number(b.mapping.kind === 'school') - Number(a.mapping.kind === 'school'));
  const loads: LoadResult[] = [];
  const { normalizers, today } = options;
  for (const { mapping, path } of plan) {
    const r = await loadFile(warehouse.conn, mapping, path, { ...options.loadOptions, normalizers, today });
    loads.push(r);
    options.onLoad?.(r);
  }
  const sources: SourceSummary[] = [];
  for (const mapping of mappings.filter((m) => plan.some((p) => p.mapping === m))) {
    sources.push(
      await summarise(
        warehouse,
        mapping,
        loads.filter((l) => l.source === mapping.source),
      ),
    );
  }
  return { loads, sources, mappingErrors };
}

async function summarise(wh: Warehouse, mapping: SourceMapping, loads: LoadResult[]): Promise<SourceSummary> {
  const s: SourceSummary = {
    source: mapping.source,
    kind: mapping.kind,
    files: loads.length,
    filesLoaded: loads.filter((l) => l.status === 'loaded' || l.status === 'replaced').length,
    filesSkipped: loads.filter((l) => l.status === 'skipped_duplicate').length,
    filesFailed: loads.filter((l) => l.status === 'failed').length,
    rowsRead: loads.reduce((a, l) => a + l.rowsRead, 0),
    rowsLoaded: loads.reduce((a, l) => a + l.rowsLoaded, 0),
    rowsRejected: loads.reduce((a, l) => a + l.rowsRejected, 0),
    rejectedByReason: {},
    duplicatesCollapsed: 0,
    messages: distinctMessages(loads),
  };
  const ids = loads.filter((l) => l.status === 'loaded' || l.status === 'replaced').map((l) => lit(l.loadId));
  if (ids.length) {
    const r = await wh.conn.runAndReadAll(
      `SELECT reason, count(DISTINCT (load_id, line)) AS n FROM meta.rejected_rows WHERE load_id IN (${ids.join(',')}) GROUP BY reason ORDER BY n DESC`,
    );
    for (const row of r.getRowObjectsJson()) s.rejectedByReason[String(row.reason)] = Number(row.n);
  }
  const active = `SELECT load_id FROM meta.loads WHERE source = ${lit(mapping.source)} AND status IN ('loaded','replaced') AND superseded_by IS NULL`;
  if (mapping.kind === 'job_posting') {
    // Duplicates as marked now: a later load can make a stored posting a copy of an earlier one it brings.
    const r = await wh.conn
      .runAndReadAll(`SELECT count(*) AS n, count(region_code) AS r, count(industry_code) AS i, count(occupation_code) AS o,
        count(duplicate_of) AS d
      FROM core.job_posting WHERE load_id IN (${active})`);
    const x = r.getRowObjectsJson()[0]!;
    const n = Number(x.n);
    s.duplicatesCollapsed = Number(x.d);
    s.coverage = { postings: n, region: n ? Number(x.r) / n : 0, industry: n ? Number(x.i) / n : 0, occupation: n ? Number(x.o) / n : 0 };
  } else if (mapping.kind !== 'school') {
    const table = kindSpec(mapping.kind).coreTable;
    const unmatched = (label: string, flag: string) => unmatchedRows(wh, table, label, `load_id IN (${active}) AND ${flag}`);
    if (mapping.kind === 'graduate_region' || mapping.kind === 'graduate_industry') {
      const what = mapping.kind === 'graduate_region' ? 'region' : 'industry';
      s.unmatchedCodes = await unmatched(`coalesce(${what}_code, ${what}_text)`, `NOT ${what}_matched`);
    }
    if (mapping.kind === 'shortage') s.unmatched = await unmatched('occupation_name', 'NOT occupation_matched');
    else {
      if (mapping.kind !== 'graduate_region') s.unmatched = await unmatched('coalesce(major_name, major_code)', 'NOT major_matched');
      s.unmatchedSchools = await unmatched('coalesce(school_name, school_code)', 'school_matched = false');
    }
  }
  return s;
}

/** How many current rows match `where`, with up to five distinct `label` values as examples. */
async function unmatchedRows(wh: Warehouse, table: string, label: string, where: string): Promise<{ rows: number; examples: string[] }> {
  const x = (
    await wh.conn.runAndReadAll(`SELECT count(*) AS n, list(DISTINCT ${label})[1:5] AS ex FROM ${table} WHERE ${where}`)
  ).getRowObjectsJson()[0]!;
  return { rows: Number(x.n), examples: ((x.ex as unknown[] | null) ?? []).map(String) };
}

/** One line per distinct message, naming one file and how many others said the same. */
function distinctMessages(loads: LoadResult[]): string[] {
  const byText = new Map<string, string[]>();
  for (const l of loads) if (l.message) byText.set(l.message, [...(byText.get(l.message) ?? []), l.filePath]);
  return [...byText].map(([msg, files]) => `${files[0]}${files.length > 1 ? ` (+${files.length - 1} files)` : ''}: ${msg}`);
}
