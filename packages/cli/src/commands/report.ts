import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, todayIn, type Config } from '@talent/models';
import { EXIT } from '../exit-codes.js';
import { openForReading } from '../read-only.js';
import type { Publication, RunManifest, SystemSizes } from '@talent/reports';
import type { Command } from '../command.js';
import type { Output } from '../output.js';
import { listValue, type DuckDBConnection } from '@duckdb/node-api';

export interface ReportOptions {
  runId: string;
  /** Region codes; default: {@link publicationRegions}. */
  regions?: readonly string[];
  year?: number;
  framework?: string;
  log?: (line: string) => void;
  /** Print PDFs with Chromium (default true). */
  pdf?: boolean;
  /** Regions whose publications get a PDF (default all). */
  pdfRegions?: readonly string[];
  /** Print the school reports of those regions too (default false: one PDF each of hundreds of schools). */
  schoolPdfs?: boolean;
}

export interface ReportSummary {
  manifest: RunManifest | null;
  lines: string[];
  seconds: number;
}

/**
 * The reports package, loaded when a report is written: its renderers (jsdom, Plot, exceljs) cost a
 * second of start-up that a night with nothing new, and every other command, need not pay.
 */
const reports = () => import('@talent/reports');

/** Where report runs are written (`<out>/reports/<run>/`, `latest` pointing at the newest). */
export function reportsRoot(config: Pick<Config, 'outDir'>): string {
  return join(config.outDir, 'reports');
}

/**
 * Refuses an output folder the reports cannot be written to, before a run or `talent report` spends
 * its time building them: creates `<out>/reports` and writes and removes a file in it.
 */
export function checkOutWritable(config: Pick<Config, 'outDir'>): void {
  const root = reportsRoot(config);
  const probe = join(root, `.write-check-${process.pid}`);
  try {
    mkdirSync(root, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (err) {
    throw new ConfigError(
      `--out (TALENT_OUT) ${config.outDir}: the reports cannot be written to ${root} (${(err as Error).message}); ` +
        'point --out at a folder this user can create and write, or make that one writable, then run again',
    );
  }
}

/** The province of each of the codes that ref.region holds (codes it lacks are absent). */
export async function provincesOf(conn: DuckDBConnection, codes: readonly string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await conn.runAndReadAll(`SELECT code, province_code FROM ref.region WHERE list_contains($1::VARCHAR[], code)`, [
    listValue([...codes]),
  ]);
  return new Map(rows.getRowsJson().map((r) => [String(r[0]), String(r[1])]));
}

/**
 * The regions a run's and `talent report`'s publications are written for, and those printed as PDFs:
 * the configured ones (`--regions`), each with its PDFs; else the regions with data of their own
 * (core.region_coverage): each such province followed by its cities with data, then each city with
 * data whose province has none of its own, PDFs for the provinces (for the cities when there is none).
 */
export async function publicationRegions(
  conn: DuckDBConnection,
  config: Pick<Config, 'regions'>,
): Promise<{ regions: string[]; pdfRegions: string[] }> {
  if (config.regions) {
    const known = await provincesOf(conn, config.regions);
    for (const r of config.regions)
      if (!known.has(r))
        throw new ConfigError(
          `--regions (TALENT_REGIONS): ${r} is not a region of the code lists (ref.region); correct it or leave --regions unset`,
        );
    await refuseRegionsWithoutData(
      conn,
      config.regions,
      '--regions (TALENT_REGIONS)',
      'set --regions to some of these, or leave it unset to publish them all',
    );
    return { regions: [...config.regions], pdfRegions: [...config.regions] };
  }
  const rows = await coveredRegions(conn);
  const regions = rows.map((r) => r.code);
  const provinces = rows.filter((r) => r.level === '省').map((r) => r.code);
  return { regions, pdfRegions: provinces.length ? provinces : regions };
}

/** The regions with data of their own (core.region_coverage): each province, its cities after it. */
async function coveredRegions(conn: DuckDBConnection): Promise<{ code: string; name: string; level: string }[]> {
  const rows = (
    await conn.runAndReadAll(
      `SELECT region_code, region_name, level FROM core.region_coverage ORDER BY province_code, level = '市', region_code`,
    )
  ).getRowsJson();
  return rows.map((r) => ({ code: String(r[0]), name: String(r[1]), level: String(r[2]) }));
}

/** The codes among `codes` that core.region_coverage lacks, as `<code> <name>`, in the order given. */
async function regionsWithoutData(conn: DuckDBConnection, codes: readonly string[]): Promise<string[]> {
  if (!codes.length) return [];
  const rows = await conn.runAndReadAll(
    `SELECT r.code, r.name FROM ref.region r
     WHERE list_contains($1::VARCHAR[], r.code) AND r.code NOT IN (SELECT region_code FROM core.region_coverage)`,
    [listValue([...codes])],
  );
  const names = new Map(rows.getRowsJson().map((r) => [String(r[0]), String(r[1])]));
  return codes.filter((c) => names.has(c)).map((c) => `${c} ${names.get(c)!}`);
}

/**
 * Refuses region codes (`option` names where they came from) that have no data of their own: no publication can be
 * written for them. The message names the regions that have data, then `advice`.
 */
export async function refuseRegionsWithoutData(
  conn: DuckDBConnection,
  codes: readonly string[],
  option: string,
  advice: string,
): Promise<void> {
  const without = await regionsWithoutData(conn, codes);
  if (!without.length) return;
  const one = without.length === 1;
  throw new ConfigError(
    `${option}: ${without.join(', ')} ${one ? 'has' : 'have'} no data of ${one ? 'its' : 'their'} own in the warehouse ` +
      `(no employment, postings, shortage tables or enrolment in core.region_coverage), so no publication can be written; ` +
      `${await regionsWithData(conn)}: ${advice}`,
  );
}

/** Which regions have data of their own, for a message that refuses one without. */
async function regionsWithData(conn: DuckDBConnection): Promise<string> {
  const rows = await coveredRegions(conn);
  if (!rows.length) return 'no region has data yet: load the sources first (`talent run` or `talent ingest`)';
  return `the regions with data are ${rows.map((r) => `${r.code} ${r.name}`).join(', ')}`;
}

/**
 * Refuses regions of more than one province: a report run's disclosure control and its province
 * edition cover one province. Names each province with the rows of its own that brought it in, which
 * is how a source mapping that codes a table to the wrong province shows itself.
 */
export async function checkOneProvince(conn: DuckDBConnection, regions: readonly string[]): Promise<void> {
  if (!regions.length) return;
  const rows = (
    await conn.runAndReadAll(
      `SELECT r.province_code, p.name,
         coalesce(sum(c.employment_rows), 0)::BIGINT, coalesce(sum(c.posting_rows), 0)::BIGINT,
         coalesce(sum(c.shortage_rows), 0)::BIGINT, coalesce(sum(c.enrollment_rows), 0)::BIGINT
       FROM ref.region r JOIN ref.region p ON p.code = r.province_code
       LEFT JOIN core.region_coverage c ON c.region_code = r.code
       WHERE list_contains($1::VARCHAR[], r.code) GROUP BY ALL ORDER BY 1`,
      [listValue([...regions])],
    )
  ).getRowsJson();
  if (rows.length <= 1) return;
  const described = rows.map(
    ([code, name, e, p, s, n]) =>
      `${String(code)} ${String(name)}: ${String(e)} employment cells, ${String(p)} postings, ${String(s)} shortage-table rows, ${String(n)} enrolment rows`,
  );
  throw new ConfigError(
    `the regions to publish lie in ${rows.length} provinces (${described.join('; ')}); a report run covers one province: ` +
      'set --regions (TALENT_REGIONS) to regions of one, or correct the source mapping that codes rows to the other',
  );
}

/**
 * Builds the publications of the regions from the warehouse and writes them under
 * `<out>/reports/<runId>/` (HTML, PDF, CSV, XLSX and the index), audited for disclosure, then points
 * `<out>/reports/latest` at it.
 */
export async function writeReports(conn: DuckDBConnection, config: Config, options: ReportOptions): Promise<ReportSummary> {
  const { buildPublications, readRegion, writeRun } = await reports();
  const { withPdfPrinter } = await import('@talent/reports/pdf');
  const started = performance.now();
  const regions = options.regions ?? (await publicationRegions(conn, config)).regions;
  if (!regions.length)
    return {
      manifest: null,
      lines: [
        'Reports: the warehouse holds no region’s employment, postings, shortage tables or enrolment (core.region_coverage); nothing to publish. `talent report --region <code>` writes one region’s.',
      ],
      seconds: (performance.now() - started) / 1000,
    };
  for (const r of regions) if (!(await readRegion(conn, r))) throw new Error(`unknown region ${r}`);
  await checkOneProvince(conn, regions);
  const built = await buildPublications(conn, {
    runId: options.runId,
    regions,
    ...(options.year !== undefined ? { year: options.year } : {}),
    ...(options.framework !== undefined ? { framework: options.framework } : {}),
    datasetsDir: config.datasetsDir,
    issued: todayIn(config.timeZone),
  });
  const lines = [...built.notes];
  if (!built.publications.length) {
    lines.push('Reports: nothing to publish.');
    return { manifest: null, lines, seconds: (performance.now() - started) / 1000 };
  }
  const root = reportsRoot(config);
  const write = (pdf?: Parameters<typeof writeRun>[1]['pdf']) =>
    writeRun(built.publications, {
      root,
      runId: options.runId,
      vintage: built.vintage,
      ...(pdf ? { pdf } : {}),
      pdfFor: (p: Publication, parent?: Publication) =>
        (parent ? options.schoolPdfs === true : true) &&
        (!options.pdfRegions || options.pdfRegions.includes((parent ?? p).subtitle.region.code)),
      disclosure: { system: built.system },
    });
  const manifest =
    options.pdf === false ? await write() : await withPdfPrinter((printer) => write(printer), { executablePath: config.chromiumPath });
  const seconds = (performance.now() - started) / 1000;
  const d = manifest.disclosure;
  lines.push(
    `Reports: ${manifest.publications.length} publications for ${regions.length} region${regions.length === 1 ? '' : 's'}${built.vintage ? ` (projection vintage ${built.vintage})` : ''} in ${seconds.toFixed(1)} s → ${join(root, options.runId, 'index.html')}`,
    `  disclosure: ${built.protection.primary} small counts withheld, ${built.protection.complementary} complementary (protection ${built.protectionSeconds.toFixed(1)} s, ${built.protection.rounds} rounds); audit of ${d?.printed ?? 0} printed cells and ${d?.bands ?? 0} bands passed (${d?.lpSolved ?? 0} LPs, ${(d?.seconds ?? 0).toFixed(1)} s)`,
    ...(built.bands
      ? [
          `  per-major 落实率 of the school reports: ${built.bands.tried} withheld with a denominator of 23 or more; ${built.bands.bands.size} printed as bands ` +
            `(${built.bands.byWidth.map((n, i) => `${n} of ${built.bands!.widths[i]} points`).join(', ')}), ${built.bands.withheld} left “*” (${built.bands.unreachable} of them with no width that can pass); ` +
            `${built.bands.rounds} rounds, ${built.bands.lpSolved} LPs, ${built.bands.seconds.toFixed(1)} s`,
        ]
      : []),
    ...schoolLines(built.sizes, d?.largestGroup ?? 0, manifest.publications.filter((p) => p.files[0]?.includes('/schools/')).length),
    `  timings: ${(['html', 'pdf', 'xlsx', 'csv'] as const).map((k) => `${k} ${manifest.timings[k].toFixed(1)} s`).join(', ')}`,
  );
  return { manifest, lines, seconds };
}

/** The school reports and the sizes of the count systems behind them. */
function schoolLines(sizes: SystemSizes, largestGroup: number, written: number): string[] {
  if (sizes.schools.length === 0) return [];
  const largest = sizes.schools.reduce((a, b) => (b.cells > a.cells ? b : a));
  const cells = sizes.schools.map((s) => s.cells).sort((a, b) => a - b);
  return [
    // Every school of the province has its system (the region's sums run over all of them); the
    // regions asked for decide which reports are written.
    `  school reports: ${written} written, ${sizes.schools.length} school systems; count systems: region ${sizes.region.cells} cells / ${sizes.region.relations} relations ` +
      `(${sizes.region.withheldForSchools} of its published cells withheld for the school reports), ` +
      `each school median ${cells[Math.floor(cells.length / 2)]} cells, largest ${largest.cells} cells / ${largest.relations} relations (${largest.code}); ` +
      `largest group of linked unpublished cells in the audit ${largestGroup}`,
  ];
}

/**
 * `talent report [--region <code>] [--year <y>] [--framework <id>]`: one region's publications (or,
 * without --region, those of {@link publicationRegions}) from the configured warehouse, read-only.
 * Returns the exit code: 0 written, 2 bad usage, 1 nothing could be written.
 */
export async function reportCommand(
  config: Config,
  flags: { region?: string; year?: string; framework?: string; schoolPdf?: boolean },
  output: Pick<Output, 'line' | 'info' | 'error'>,
): Promise<number> {
  const year = flags.year === undefined ? undefined : Number(flags.year);
  if (year !== undefined && !(Number.isInteger(year) && year > 1990 && year < 2100)) {
    output.error(`talent report: --year ${flags.year} is not a year`);
    return EXIT.usage;
  }
  const wh = await openForReading(config, output);
  if (!('conn' in wh)) return wh.exitCode;
  try {
    if (flags.region && !(await (await reports()).readRegion(wh.conn, flags.region))) {
      output.error(`talent report: unknown region ${flags.region} (a GB/T 2260 code such as 450000 or 450200)`);
      return EXIT.usage;
    }
    if (flags.region) await refuseRegionsWithoutData(wh.conn, [flags.region], '--region', 'name one of these with --region');
    checkOutWritable(config);
    const runs = await wh.conn.runAndReadAll(`SELECT run_id FROM meta.runs WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1`);
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    // A report of its own gets its own folder, named after the newest run it read.
    const runId = `${String(runs.getRowsJson()[0]?.[0] ?? 'adhoc')}-report-${stamp}`;
    const summary = await writeReports(wh.conn, config, {
      runId,
      ...(flags.region ? { regions: [flags.region] } : {}),
      ...(year !== undefined ? { year } : {}),
      ...(flags.framework ? { framework: flags.framework } : {}),
      ...(flags.schoolPdf ? { schoolPdfs: true } : {}),
    });
    for (const line of summary.lines) output.line(line);
    return summary.manifest ? EXIT.ok : EXIT.runFailed;
  } finally {
    wh.close();
  }
}

/** `talent report`: the publications of a region (or of the configured regions, else those with data), with PDFs. */
export const reportCliCommand: Command = {
  name: 'report',
  summary: 'write the annual publications of a region (HTML, PDF, XLSX, CSV)',
  help: `Usage: talent report [--region <code>] [--year <y>] [--framework <id>] [--school-pdf]

Writes the five annual publications (技能人才供需信息, 紧缺型职业（工种）目录, 职业技能培训职业（工种）目录,
毕业生就业质量年度报告, 行业人才需求预测) of one region, or without --region of the regions --regions names,
else of the regions with data of their own (core.region_coverage: each province with its cities with data,
and cities whose province has none), from the warehouse (read-only), every one with its PDF, under
<out>/reports/.

Options:
  --region <code>            GB/T 2260 code (default: --regions, else the regions with data of their own: 450000
                             and its cities on the demo)
  --year <y>                 report year (default: the projection's last observed year)
  --framework <id>           industry groups (default: the region's own, e.g. gx_nine_cards, lz_5plus5)
  --school-pdf               print the PDF of every school report of the region too (one per school: slow)`,
  options: { region: { type: 'string' }, year: { type: 'string' }, framework: { type: 'string' }, 'school-pdf': { type: 'boolean' } },
  async run({ config, values, output }) {
    const flag = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
    const exitCode = await reportCommand(
      config,
      {
        ...(flag('region') ? { region: flag('region')! } : {}),
        ...(flag('year') ? { year: flag('year')! } : {}),
        ...(flag('framework') ? { framework: flag('framework')! } : {}),
        ...(values['school-pdf'] === true ? { schoolPdf: true } : {}),
      },
      output,
    );
    return { exitCode, result: {} };
  },
};
