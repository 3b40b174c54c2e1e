import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { activeLoad, type RecordKind, type SourceMapping, sqlLiteral, suggest, type UnmatchedFigure, type Warehouse } from '@talent/models';
import { loadFile, type LoadFileOptions, type LoadResult } from './load/load-file.js';
import { kindSpec } from './load/kinds.js';
import { skipUnchangedFiles } from './load/unchanged-files.js';
import type { PostingNormalizers } from './postings/normalizers.js';
import { readMapping, resolveFilesDetailed } from './sources/mappings.js';

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
  /**
   * Posting normalisers, over the run's coders (`postingNormalizers(coders)`); NO_NORMALIZERS loads
   * postings uncoded. A function is called only when some file is to be read (building the coders
   * costs a night with nothing new more than the rest of its ingest).
   */
  normalizers: PostingNormalizers | (() => Promise<PostingNormalizers>);
  /** The load date (`YYYY-MM-DD` in the configured zone) future dates are refused against. */
  today: string;
  onLoad?: (result: LoadResult) => void;
  /** Passed to every loadFile call (phase hooks, forced stream reader). */
  loadOptions?: Omit<LoadFileOptions, 'normalizers' | 'today' | 'reload'>;
  /**
   * The operator's `--reload` of the named `files`: each is read and loaded even if its content was loaded
   * before (after a mapping fix), replacing that earlier load and the period's however few rows it holds.
   */
  reload?: boolean;
  /**
   * Share of a load's records above which its rejects are a problem of the run (the configuration's
   * `maxRejectShare`); no such check when absent.
   */
  maxRejectShare?: number;
}

/** What can go wrong in a run as a whole, each kind with its exit code in the CLI (packages/cli/src/exit-codes.ts). */
export type IngestProblemKind =
  'no-input' | 'unknown-source' | 'mapping-invalid' | 'load-failed' | 'rejects-over-threshold' | 'demand-mismatch';

/** One thing the operator must act on, with the file or source and what to do. */
export interface IngestProblem {
  kind: IngestProblemKind;
  message: string;
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
  /**
   * Postings only: what this run's loads of the source collapsed into demand records (their
   * meta.loads.duplicates_collapsed: their own postings marked copies, and stored ones an earlier
   * posting they brought now heads). rowsLoaded less this is the change they made to the demand
   * records, so the figures add up whichever side of a pair a load brings.
   */
  duplicatesCollapsed: number;
  /**
   * Postings only: the change this run's loads of the source made to the demand records as the
   * warehouse counts them (rows of core.job_demand after each load less those before it, the records
   * headed by postings of the loads it replaced counted as removed first; see demandChangeOf). Counted
   * apart from the loads' own figures: it differs from rowsLoaded - duplicatesCollapsed only when
   * postings were lost or doubled on their way into demand records, a `demand-mismatch` problem.
   */
  demandChange?: number;
  /** Postings only: share of current postings of the source with each code. */
  coverage?: { postings: number; region: number; industry: number; occupation: number };
  /**
   * Postings only: share of current postings with a monthly pay bound (given or parsed), and the
   * current postings per salary_status (parsed, given, or why not: blank, negotiable, unrecognised…).
   */
  salary?: { coverage: number; byStatus: Record<string, number> };
  /** Physical lines of this run's loads: read = loaded + rejected + explained (header, preamble, blank lines). */
  lines: { read: number; loaded: number; rejected: number; explained: number };
  /**
   * Current rows whose names or codes ref (or the loaded school lists) does not know, per figure
   * the kind reports (packages/models/src/kinds/): kept and flagged, never dropped.
   */
  unmatched: { what: UnmatchedFigure['what']; rows: number; examples: string[] }[];
  messages: string[];
}

export interface IngestReport {
  loads: LoadResult[];
  sources: SourceSummary[];
  /** Mapping files that could not be used (the other sources still load). */
  mappingErrors: string[];
  /**
   * Everything that makes the run not clean: missing input, unknown sources, bad mappings, failed or
   * mostly rejected loads, demand records that do not add up to the loads' figures.
   */
  problems: IngestProblem[];
  /**
   * Sources whose patterns matched no file in this run (a problem when asked for by name, when no
   * source found any, or when active loads of the source came from a folder this run searched).
   */
  sourcesWithoutFiles: string[];
}

/**
 * Ingests every source (or the given files): each file is its own transaction, so one bad file
 * never blocks the others. This is what the nightly job calls.
 * @example const report = await ingestAll(wh, { sourcesDir: config.sourcesDir, roots: [config.dataDir], normalizers, today });
 */
export async function ingestAll(warehouse: Warehouse, options: IngestAllOptions): Promise<IngestReport> {
  const { sourcesDir, roots } = options;
  const mappingErrors: string[] = [];
  const problems: IngestProblem[] = [];
  const mappings: SourceMapping[] = [];
  const mappingFiles = existsSync(sourcesDir)
    ? readdirSync(sourcesDir)
        .filter((x) => x.endsWith('.json'))
        .sort()
    : [];
  if (mappingFiles.length === 0)
    problems.push({
      kind: 'no-input',
      message: `no mapping files (*.json) in ${sourcesDir}: point --sources at the folder of source mappings`,
    });
  for (const f of mappingFiles) {
    try {
      mappings.push(readMapping(join(sourcesDir, f)));
    } catch (err) {
      mappingErrors.push((err as Error).message);
      problems.push({ kind: 'mapping-invalid', message: `${(err as Error).message}; fix the mapping file (its other sources still load)` });
    }
  }
  const known = new Set([...mappingFiles.map((f) => f.replace(/\.json$/, '')), ...mappings.map((m) => m.source)]);
  for (const s of options.sources ?? [])
    if (!known.has(s))
      problems.push({
        kind: 'unknown-source',
        message: `unknown source "${s}"${suggest(s, known)}: no mapping ${s}.json in ${sourcesDir}`,
      });
  const wanted = (m: SourceMapping) => !options.sources || options.sources.includes(m.source);
  const plan: { mapping: SourceMapping; path: string }[] = [];
  const notFound: string[] = [];
  if (options.files) {
    for (const f of options.files) {
      const mapping = mappings.find((m) => m.source === f.source);
      if (!mapping) {
        // A source whose mapping file is invalid is already reported as such.
        if (!known.has(f.source)) {
          mappingErrors.push(`no mapping for source ${f.source} (file ${f.path})`);
          problems.push({
            kind: 'unknown-source',
            message: `no mapping for source ${f.source}${suggest(f.source, known)} (file ${f.path})`,
          });
        }
      } else if (!existsSync(f.path)) problems.push({ kind: 'no-input', message: `${f.path}: no such file` });
      else if (!statSync(f.path).isFile())
        problems.push({ kind: 'no-input', message: `${f.path} is a folder, not a file: name the files in it` });
      else plan.push({ mapping, path: f.path });
    }
  } else {
    for (const m of mappings.filter(wanted)) {
      const found = resolveFilesDetailed(m, roots);
      for (const dir of found.folders)
        problems.push({
          kind: 'no-input',
          message: `${m.source}: ${dir} is a folder where the mapping expects a file: name the files in it (e.g. ${m.files[0]}/*.csv) in "files"`,
        });
      if (found.files.length === 0) notFound.push(m.source);
      for (const path of found.files) plan.push({ mapping: m, path });
    }
    // A source asked for by name that finds nothing is missing input; so is a run that finds no file at all.
    const asked = notFound.filter((s) => options.sources?.includes(s));
    for (const s of asked) {
      const m = mappings.find((x) => x.source === s)!;
      problems.push({ kind: 'no-input', message: `${s}: no file matches ${m.files.join(', ')} in ${roots.join(', ')}` });
    }
    if (plan.length === 0 && mappings.some(wanted) && asked.length === 0)
      problems.push({
        kind: 'no-input',
        message: `no file matches the mappings of ${sourcesDir} in ${roots.join(', ')}: check --data (the folder of source files)`,
      });
    // A source whose files were found before and are gone now is missing input, not a quiet night.
    // Only loads from a folder searched in this run count: a public sample loaded with --samples
    // is not missing from a run without it.
    else
      for (const gone of await vanishedSources(
        warehouse,
        notFound.filter((s) => !asked.includes(s)),
        roots,
      )) {
        const m = mappings.find((x) => x.source === gone.source)!;
        problems.push({
          kind: 'no-input',
          message: `${gone.source}: no file matches ${m.files.join(', ')} in ${roots.join(', ')}, yet ${gone.loads} load(s) in the warehouse came from there (the last: ${gone.lastFile}): put the files back, or correct "files" in the mapping ${gone.source}.json (the rows already loaded stay)`,
        });
      }
  }
  // School lists first: enrollment and outcome rows are matched against them as they load.
  plan.sort((a, b) => Number(b.mapping.kind === 'school') - Number(a.mapping.kind === 'school'));
  const loads: LoadResult[] = [];
  const { today } = options;
  const unchanged = options.reload ? plan.map(() => undefined) : await skipUnchangedFiles(warehouse.conn, plan);
  const normalizers =
    typeof options.normalizers !== 'function' ? options.normalizers : unchanged.includes(undefined) ? await options.normalizers() : {};
  // The demand records are counted around every posting load that writes, not derived from its
  // figures: the summary's check of those figures. Only postings write them, so the count after one
  // posting load stands as the count before the next; a night of unchanged files counts nothing.
  const demandChange = new Map<string, number>();
  let demand: DemandCount | null = null;
  for (const [i, { mapping, path }] of plan.entries()) {
    const before: DemandCount | null = mapping.kind === 'job_posting' && !unchanged[i] ? (demand ?? (await countDemand(warehouse))) : null;
    const r =
      unchanged[i] ??
      (await loadFile(warehouse.conn, mapping, path, { ...options.loadOptions, normalizers, today, reload: options.reload ?? false }));
    if (before) {
      // A failed load rolled back and a skipped one wrote no posting: the count stands (a write they
      // made after all shows in the next load's count), and is not retried where memory just ran out.
      demand = before;
      if (r.status === 'loaded' || r.status === 'replaced') {
        demand = await countDemand(warehouse);
        demandChange.set(r.source, (demandChange.get(r.source) ?? 0) + demandChangeOf(before, demand, r));
      }
    }
    loads.push(r);
    options.onLoad?.(r);
    if (r.status === 'failed') problems.push({ kind: 'load-failed', message: `${path}: ${r.message ?? 'failed'}` });
    else if (options.maxRejectShare !== undefined && r.rowsRead > 0 && r.rowsRejected / r.rowsRead > options.maxRejectShare)
      problems.push({
        kind: 'rejects-over-threshold',
        message: `${path}: ${r.rowsRejected} of ${r.rowsRead} records rejected (${((100 * r.rowsRejected) / r.rowsRead).toFixed(1)}%, more than the ${(100 * options.maxRejectShare).toFixed(0)}% allowed by --max-reject-share): check that this is the right file for ${r.source} and see meta.rejected_rows`,
      });
  }
  const sources: SourceSummary[] = [];
  const summarised = mappings.filter((m) => plan.some((p) => p.mapping === m));
  const postings = await postingFigures(
    warehouse,
    summarised.filter((m) => m.kind === 'job_posting').map((m) => m.source),
  );
  for (const mapping of summarised) {
    sources.push(
      await summarise(
        warehouse,
        mapping,
        loads.filter((l) => l.source === mapping.source),
        postings.get(mapping.source),
        demandChange.get(mapping.source) ?? 0,
      ),
    );
  }
  for (const s of sources) {
    const mismatch = demandMismatch(
      s,
      loads.filter((l) => l.source === s.source),
    );
    if (mismatch) problems.push(mismatch);
  }
  return { loads, sources, mappingErrors, problems, sourcesWithoutFiles: notFound };
}

/**
 * Of `sources`, those with active loads of a file under one of `roots`: their files were there
 * and matched before, so finding none now means the files moved or the mapping's pattern broke.
 */
async function vanishedSources(
  wh: Warehouse,
  sources: readonly string[],
  roots: readonly string[],
): Promise<{ source: string; loads: number; lastFile: string }[]> {
  if (sources.length === 0 || roots.length === 0) return [];
  const under = roots.map((r) => `starts_with(file_path, ${sqlLiteral(resolve(r) + sep)})`).join(' OR ');
  const r = await wh.conn.runAndReadAll(`SELECT source, count(*) AS n, arg_max(file_path, started_at) AS last
    FROM meta.loads WHERE source IN (${sources.map(sqlLiteral).join(', ')}) AND ${activeLoad()} AND (${under})
    GROUP BY source ORDER BY source`);
  return r.getRowObjectsJson().map((x) => ({ source: String(x.source), loads: Number(x.n), lastFile: String(x.last) }));
}

/** Current postings of a source: coding and pay coverage, postings per salary_status. */
interface PostingFigures {
  postings: number;
  region: number;
  industry: number;
  occupation: number;
  paid: number;
  byStatus: Record<string, number>;
}

const noPostings = (): PostingFigures => ({ postings: 0, region: 0, industry: 0, occupation: 0, paid: 0, byStatus: {} });

/** The current postings' figures of every posting source, in one scan of core.job_posting_codes. */
async function postingFigures(wh: Warehouse, sources: string[]): Promise<Map<string, PostingFigures>> {
  const out = new Map<string, PostingFigures>();
  if (sources.length === 0) return out;
  const r = await wh.conn.runAndReadAll(`SELECT source, coalesce(salary_status, 'unknown') AS status, count(*) AS n,
      count(region_code) AS r, count(industry_code) AS i, count(occupation_code) AS o,
      count(*) FILTER (WHERE salary_min_monthly IS NOT NULL OR salary_max_monthly IS NOT NULL) AS paid
    FROM core.job_posting_codes WHERE load_id IN (SELECT load_id FROM meta.loads WHERE source IN (${sources.map(sqlLiteral).join(', ')})
      AND ${activeLoad()})
    GROUP BY ALL ORDER BY source, n DESC, status`);
  for (const row of r.getRowObjectsJson()) {
    const source = String(row.source);
    let f = out.get(source);
    if (!f) out.set(source, (f = noPostings()));
    f.postings += Number(row.n);
    f.region += Number(row.r);
    f.industry += Number(row.i);
    f.occupation += Number(row.o);
    f.paid += Number(row.paid);
    f.byStatus[String(row.status)] = Number(row.n);
  }
  return out;
}

/** Demand records (rows of core.job_demand) per load of their head posting. */
type DemandCount = Map<string, number>;

/**
 * The warehouse's demand records now, in one scan of core.job_demand (what the vacancy counts read), each
 * under the load of its head posting. The posting ids are taken once each, so that a posting stored
 * twice counts as the view counts it.
 */
async function countDemand(wh: Warehouse): Promise<DemandCount> {
  const r = await wh.conn.runAndReadAll(
    `SELECT c.load_id, count(*) AS n FROM core.job_demand d
       JOIN (SELECT DISTINCT posting_id, load_id FROM core.job_posting_codes) c ON c.posting_id = d.demand_id GROUP BY ALL`,
  );
  return new Map(r.getRowObjectsJson().map((x) => [String(x.load_id), Number(x.n)]));
}

/**
 * By how much `load` changed the demand records, counted after the rows of the loads it replaced were
 * removed (as its duplicates_collapsed is): the records after it less those before it, plus those that
 * postings of the replaced loads headed, which the replacement deleted with their rows.
 */
function demandChangeOf(before: DemandCount, after: DemandCount, load: LoadResult): number {
  const total = (count: DemandCount) => [...count.values()].reduce((a, n) => a + n, 0);
  const removed = load.replacedLoadIds.reduce((a, id) => a + (before.get(id) ?? 0), 0);
  return total(after) - total(before) + removed;
}

/** The demand records' change as counted less the one the loads' figures give (null for a source that is not counted). */
export function demandDifference(s: SourceSummary): number | null {
  return s.demandChange === undefined ? null : s.demandChange - (s.rowsLoaded - s.duplicatesCollapsed);
}

/**
 * The problem of a posting source whose demand records, as the warehouse counts them, moved otherwise
 * than its loads' figures say (rows loaded less duplicates collapsed); null when they agree.
 */
function demandMismatch(s: SourceSummary, loads: readonly LoadResult[]): IngestProblem | null {
  const off = demandDifference(s);
  if (!off || s.demandChange === undefined) return null;
  const derived = s.rowsLoaded - s.duplicatesCollapsed;
  // A reload replaces a load with the file's rows written once: what the operator can do about it.
  const files = loads.filter((l) => l.status === 'loaded' || l.status === 'replaced').map((l) => l.filePath);
  const more = files.length > 3 ? ` (and the other ${files.length - 3} files of its loads in this run, see meta.loads)` : '';
  const reload = files.length
    ? `load the source's files of this run again with talent ingest ${files.slice(0, 3).join(' ')} --reload${more}; if the figures still differ, `
    : '';
  return {
    kind: 'demand-mismatch',
    message:
      `${s.source}: the demand records (core.job_demand) changed by ${s.demandChange} over this run's loads of the source as counted in the warehouse, ` +
      `but the loads' figures give ${derived} (${s.rowsLoaded} rows loaded - ${s.duplicatesCollapsed} duplicates collapsed): ` +
      `${Math.abs(off)} demand record(s) ${off < 0 ? 'missing' : 'too many (postings counted twice)'}, and the vacancy counts of ${s.source} are off by as many: ` +
      `${reload}leave the warehouse as it is for inspection: those counts cannot be relied on until the two figures agree`,
  };
}

async function summarise(
  wh: Warehouse,
  mapping: SourceMapping,
  loads: LoadResult[],
  postings: PostingFigures | undefined,
  demandChange: number,
): Promise<SourceSummary> {
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
    duplicatesCollapsed: loads.reduce((a, l) => a + l.duplicatesCollapsed, 0),
    unmatched: [],
    messages: distinctMessages(loads),
    lines: {
      read: loads.reduce((a, l) => a + (l.linesRead ?? 0), 0),
      loaded: loads.reduce((a, l) => a + (l.linesLoaded ?? 0), 0),
      rejected: loads.reduce((a, l) => a + (l.linesRejected ?? 0), 0),
      explained: loads.reduce((a, l) => a + (l.linesExplained ?? 0), 0),
    },
  };
  const ids = loads.filter((l) => l.status === 'loaded' || l.status === 'replaced').map((l) => sqlLiteral(l.loadId));
  if (ids.length) {
    const r = await wh.conn.runAndReadAll(
      `SELECT reason, count(DISTINCT (load_id, line)) AS n FROM meta.rejected_rows WHERE load_id IN (${ids.join(',')}) GROUP BY reason ORDER BY n DESC`,
    );
    for (const row of r.getRowObjectsJson()) s.rejectedByReason[String(row.reason)] = Number(row.n);
  }
  const active = `SELECT load_id FROM meta.loads WHERE source = ${sqlLiteral(mapping.source)} AND ${activeLoad()}`;
  if (mapping.kind === 'job_posting') {
    const f = postings ?? noPostings();
    const n = f.postings;
    const share = (x: number) => (n ? x / n : 0);
    s.coverage = { postings: n, region: share(f.region), industry: share(f.industry), occupation: share(f.occupation) };
    s.salary = { coverage: share(f.paid), byStatus: f.byStatus };
    s.demandChange = demandChange;
  } else {
    const table = kindSpec(mapping.kind).coreTable;
    for (const u of kindSpec(mapping.kind).unmatched)
      s.unmatched.push({ what: u.what, ...(await unmatchedRows(wh, table, u.label, `load_id IN (${active}) AND ${u.where}`)) });
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
