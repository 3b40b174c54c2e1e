import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createChartDocument } from '../charts/dom.js';
import { numberPublication } from '../document/numbering.js';
import type { Publication } from '../document/types.js';
import { auditPublications, type RunAudit } from '../disclosure/audit-publications.js';
import type { CountSystem } from '../disclosure/count-system.js';
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
  /** Which publications get a PDF when there is a printer (default all): printing is most of a run's time. */
  pdfFor?: (pub: Publication) => boolean;
  /** The run's counts: when given, the disclosure audit runs first and a failure stops the run. */
  disclosure?: { system: CountSystem; rules?: DisclosureRules };
  /** Which outputs to write (default all). */
  formats?: { csv?: boolean; xlsx?: boolean };
}

export interface RunManifest {
  runId: string;
  /** Final folder of the run. */
  dir: string;
  publications: { id: string; title: string; files: string[] }[];
  /** Audit summary (no values: the intervals would give the withheld counts away). */
  disclosure?: { printed: number; withheld: number; sensitive: number; lpSolved: number; seconds: number };
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
 * `<id>/csv/tNN-<table>.csv`.
 */
export async function writeRun(publications: readonly Publication[], options: WriteRunOptions): Promise<RunManifest> {
  const { root, runId } = options;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) throw new Error(`run id ${JSON.stringify(runId)} is not a folder name`);
  for (const p of publications) if (p.runId !== runId) throw new Error(`publication ${p.id} belongs to run ${p.runId}, not ${runId}`);
  let disclosure: RunManifest['disclosure'];
  if (options.disclosure) {
    const audit = await auditPublications(publications, options.disclosure.system, options.disclosure.rules ?? DEFAULT_RULES);
    if (audit.violations.length > 0 || audit.mismatches.length > 0 || audit.inconsistent.length > 0) throw new DisclosureAuditError(audit);
    disclosure = {
      printed: audit.printed,
      withheld: audit.withheld,
      sensitive: audit.intervals.filter((i) => i.sensitive).length,
      lpSolved: audit.lpSolved,
      seconds: audit.seconds,
    };
  }
  mkdirSync(root, { recursive: true });
  const staging = join(root, `.staging-${runId}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const timings = { html: 0, csv: 0, xlsx: 0, pdf: 0 };
  const manifest: RunManifest = { runId, dir: join(root, runId), publications: [], disclosure, timings };
  const document = createChartDocument();
  try {
    const entries: IndexEntry[] = [];
    for (const pub of publications) {
      const dir = join(staging, pub.id);
      mkdirSync(join(dir, 'csv'), { recursive: true });
      const files: string[] = [];
      let t = performance.now();
      const htmlPath = join(dir, `${pub.id}.html`);
      writeFileSync(htmlPath, renderHtml(pub, { document }));
      files.push(`${pub.id}/${pub.id}.html`);
      timings.html += performance.now() - t;
      const numbering = numberPublication(pub);
      const csv: IndexEntry['csv'][number][] = [];
      if (options.formats?.csv ?? true) {
        t = performance.now();
        numbering.tableBlocks.forEach((table, i) => {
          const name = `${pub.id}/csv/${tableFileName(i, table, 'csv')}`;
          writeFileSync(join(staging, name), tableCsv(table));
          csv.push({ caption: `${numbering.tables.get(table.id)}\u3000${table.caption}`, path: name });
          files.push(name);
        });
        timings.csv += performance.now() - t;
      }
      if (options.formats?.xlsx ?? true) {
        t = performance.now();
        writeFileSync(join(dir, `${pub.id}.xlsx`), await renderXlsx(pub));
        files.push(`${pub.id}/${pub.id}.xlsx`);
        timings.xlsx += performance.now() - t;
      }
      const printed = options.pdf !== undefined && (options.pdfFor?.(pub) ?? true);
      if (options.pdf && printed) {
        t = performance.now();
        const result = await options.pdf.print(htmlPath, join(dir, `${pub.id}.pdf`));
        if (result.blockedRequests.length > 0 || result.errors.length > 0) {
          throw new Error(
            `${pub.id}: printing saw external requests ${JSON.stringify(result.blockedRequests)} or errors ${JSON.stringify(result.errors)}`,
          );
        }
        files.push(`${pub.id}/${pub.id}.pdf`);
        timings.pdf += performance.now() - t;
      }
      entries.push({
        title: pub.title,
        region: pub.subtitle.region.name,
        year: pub.subtitle.year,
        html: `${pub.id}/${pub.id}.html`,
        ...(printed ? { pdf: `${pub.id}/${pub.id}.pdf` } : {}),
        xlsx: `${pub.id}/${pub.id}.xlsx`,
        csv,
      });
      manifest.publications.push({ id: pub.id, title: pub.title, files });
    }
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
