import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChartDocument } from '../charts/dom.js';
import { everyPublication } from '../document/annexes.js';
import { numberPublication } from '../document/numbering.js';
import type { Publication } from '../document/types.js';
import { auditPublications, type RunAudit } from '../disclosure/audit-publications.js';
import type { CountCells } from '../disclosure/linked-systems.js';
import { DEFAULT_RULES, type DisclosureRules } from '../disclosure/rules.js';
import { tableCsv, tableFileName } from './to-csv.js';
import { renderHtml } from './to-html.js';
import { renderIndexHtml, type IndexEntry } from './to-index.js';
import { renderXlsx } from './to-xlsx.js';

/** Prints an HTML file to PDF (the `@talent/reports/pdf` printer fits; injected so this module loads no browser). */
export interface HtmlToPdf {
  print(htmlPath: string, pdfPath: string): Promise<{ blockedRequests: string[]; errors: string[] }>;
}

export interface WriteRunOptions {
  /** Folder holding every run, e.g. `out/reports`. */
  root: string;
  runId: string;
  /** Without a printer no PDF is written. */
  pdf?: HtmlToPdf;
  /**
   * Which publications get a PDF when there is a printer (default all): printing is most of a run's
   * time. An annex is asked about with the publication it is written under.
   */
  pdfFor?: (pub: Publication, parent?: Publication) => boolean;
  /** The run's counts: when given, the disclosure audit runs first and a failure stops the run. */
  disclosure?: { system: CountCells; rules?: DisclosureRules };
  /** Which outputs to write (default all). */
  formats?: { csv?: boolean; xlsx?: boolean };
  /** The projection vintage the publications read, recorded in `run.json` (the retention rule keeps it whole). */
  vintage?: string | null;
}

export interface RunManifest {
  runId: string;
  /** The projection vintage the publications read (`meta.projection_runs.run_id`); null without one. */
  vintage: string | null;
  /** Final folder of the run. */
  dir: string;
  publications: { id: string; title: string; files: string[] }[];
  /** Audit summary (no values: the intervals would give the withheld counts away). */
  disclosure?: {
    printed: number;
    withheld: number;
    bands: number;
    sensitive: number;
    lpSolved: number;
    largestGroup: number;
    seconds: number;
  };
  timings: { html: number; csv: number; xlsx: number; pdf: number };
}

/** Error thrown when the disclosure audit fails; the run is not published. */
export class DisclosureAuditError extends Error {
  constructor(readonly audit: RunAudit) {
    super(
      `disclosure audit failed: ${audit.violations.length} sensitive cells recoverable or too narrow, ${audit.mismatches.length} printed values differ from the warehouse, ${audit.inconsistent.length} cells both printed and withheld`,
    );
  }
}

/**
 * Writes every output of a run into `root/<runId>/` atomically: all files go to a staging folder
 * first, which is renamed into place only when everything succeeded (an existing folder of the
 * same run is replaced). Then `root/latest` — a relative symbolic link to the run folder — is
 * swapped by renaming a fresh link over it (rename(2) replaces it in one step on Linux; a reader
 * sees the old run or the new one, never none). On failure the staging folder is kept as
 * `root/<runId>.err` for inspection and `latest` is untouched.
 *
 * Layout: `index.html`, `run.json`, and per publication `<id>/<id>.html|.pdf|.xlsx` and
 * `<id>/csv/tNN-<table>.csv`; its annexes the same inside `<id>/<annex folder>/`, written once under
 * the first publication listing them (the province's school reports, which its cities' link to).
 */
export async function writeRun(publications: readonly Publication[], options: WriteRunOptions): Promise<RunManifest> {
  const { root, runId } = options;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw new Error(`run id ${JSON.stringify(runId)} is not a folder name`);
  for (const p of everyPublication(publications))
    if (p.runId !== runId) throw new Error(`publication ${p.id} belongs to run ${p.runId}, not ${runId}`);
  // Before the audit, which takes most of the time: a folder that cannot be made fails at once.
  mkdirSync(root, { recursive: true });
  let disclosure: RunManifest['disclosure'];
  if (options.disclosure) {
    const audit = await auditPublications(publications, options.disclosure.system, options.disclosure.rules ?? DEFAULT_RULES);
    if (audit.violations.length > 0 || audit.mismatches.length > 0 || audit.inconsistent.length > 0) throw new DisclosureAuditError(audit);
    disclosure = {
      printed: audit.printed,
      withheld: audit.withheld,
      bands: audit.bands,
      sensitive: audit.intervals.filter((i) => i.sensitive).length,
      lpSolved: audit.lpSolved,
      largestGroup: audit.largestGroup,
      seconds: audit.seconds,
    };
  }
  const staging = join(root, `.staging-${runId}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const timings = { html: 0, csv: 0, xlsx: 0, pdf: 0 };
  const manifest: RunManifest = { runId, vintage: options.vintage ?? null, dir: join(root, runId), publications: [], disclosure, timings };
  const document = createChartDocument();
  // An annex (a school report) may belong to several publications (the province's and its city's):
  // it is written once, under the first, and the others' index entries link there.
  const done = new Map<string, { dir: string; entry: IndexEntry; files: string[] }>();
  const print = async (pub: Publication, dir: string) => {
    const t = performance.now();
    const result = await options.pdf!.print(join(dir, `${pub.id}.html`), join(dir, `${pub.id}.pdf`));
    if (result.blockedRequests.length > 0 || result.errors.length > 0) {
      throw new Error(
        `${pub.id}: printing saw external requests ${JSON.stringify(result.blockedRequests)} or errors ${JSON.stringify(result.errors)}`,
      );
    }
    timings.pdf += performance.now() - t;
  };
  const writeOne = async (pub: Publication, rel: string, parent?: Publication): Promise<IndexEntry> => {
    const printed = options.pdf !== undefined && (options.pdfFor?.(pub, parent) ?? true);
    const earlier = done.get(pub.id);
    if (earlier) {
      if (printed && !earlier.entry.pdf) {
        await print(pub, earlier.dir);
        earlier.entry.pdf = earlier.entry.html.replace(/\.html$/, '.pdf');
        earlier.files.push(earlier.entry.pdf);
      }
      return earlier.entry;
    }
    const dir = join(staging, rel);
    const files: string[] = [];
    const path = (ext: string) => `${rel}/${pub.id}.${ext}`;
    const csv: IndexEntry['csv'][number][] = [];
    const numbering = numberPublication(pub);
    mkdirSync(join(dir, 'csv'), { recursive: true });
    let t = performance.now();
    writeFileSync(join(dir, `${pub.id}.html`), renderHtml(pub, { document }));
    files.push(path('html'));
    timings.html += performance.now() - t;
    if (options.formats?.csv ?? true) {
      t = performance.now();
      numbering.tableBlocks.forEach((table, i) => {
        const name = `${rel}/csv/${tableFileName(i, table, 'csv')}`;
        writeFileSync(join(staging, name), tableCsv(table));
        csv.push({ caption: `${numbering.tables.get(table.id)}\u3000${table.caption}`, path: name });
        files.push(name);
      });
      timings.csv += performance.now() - t;
    }
    if (options.formats?.xlsx ?? true) {
      t = performance.now();
      writeFileSync(join(dir, `${pub.id}.xlsx`), await renderXlsx(pub));
      files.push(path('xlsx'));
      timings.xlsx += performance.now() - t;
    }
    if (printed) {
      await print(pub, dir);
      files.push(path('pdf'));
    }
    manifest.publications.push({ id: pub.id, title: pub.title, files });
    const entry: IndexEntry = {
      title: pub.title,
      region: pub.subtitle.region.name,
      year: pub.subtitle.year,
      html: path('html'),
      ...(printed ? { pdf: path('pdf') } : {}),
      xlsx: path('xlsx'),
      csv,
    };
    done.set(pub.id, { dir, entry, files });
    if (pub.annexes) {
      const written: IndexEntry[] = [];
      for (const a of pub.annexes.publications) written.push(await writeOne(a, `${rel}/${pub.annexes.folder}/${a.id}`, pub));
      entry.annexes = {
        title: pub.annexes.title,
        entries: written,
        ...(pub.annexes.omitted?.length ? { omitted: pub.annexes.omitted, omittedReason: pub.annexes.omittedReason ?? '' } : {}),
      };
    }
    return entry;
  };
  try {
    const entries: IndexEntry[] = [];
    for (const pub of publications) entries.push(await writeOne(pub, pub.id));
    writeFileSync(join(staging, 'index.html'), renderIndexHtml(runId, entries));
    for (const k of Object.keys(timings) as (keyof typeof timings)[]) timings[k] = Math.round(timings[k]) / 1000;
    writeFileSync(join(staging, 'run.json'), `${JSON.stringify({ ...manifest, dir: undefined }, null, 2)}\n`);
  } catch (err) {
    const failed = join(root, `${runId}.err`);
    rmSync(failed, { recursive: true, force: true });
    renameSync(staging, failed);
    throw err;
  }
  const final = join(root, runId);
  if (existsSync(final)) {
    const old = join(root, `.old-${runId}-${process.pid}`);
    renameSync(final, old);
    renameSync(staging, final);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(staging, final);
  }
  swapLatest(root, runId);
  return manifest;
}

/** Points `root/latest` at `runId` by renaming a new relative link over the old one. */
export function swapLatest(root: string, runId: string): void {
  const tmp = join(root, `.latest-${process.pid}`);
  rmSync(tmp, { force: true });
  symlinkSync(runId, tmp, 'dir');
  renameSync(tmp, join(root, 'latest'));
}
