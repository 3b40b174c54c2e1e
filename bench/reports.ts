/**
 * Reports benchmark: renders N sample publications (the province and its cities, from the
 * reports package's fixture) to HTML + PDF + CSV + XLSX through the run writer, beside a baseline
 * measured in the same run (HTML only), and times the disclosure control on a run-sized system
 * (5 education levels × 14 cities × 20 industries, every margin), beside cold-started LPs.
 *
 *   npm run bench:reports
 *   npm run bench:reports -- --n 15
 *
 * Not part of `npm test`. Needs Debian's Chromium (apt-get install chromium fonts-noto-cjk).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditCounts, createChartDocument, protectCounts, renderHtml, writeRun } from '@talent/reports';
import { PdfPrinter } from '@talent/reports/pdf';
import { linkedTables } from '../packages/reports/test/fixtures/linked-tables.js';
import { samplePublication } from '../packages/reports/test/fixtures/sample-publication.js';

const args = process.argv.slice(2);
const n = Number(args[args.indexOf('--n') + 1] ?? '') || 15;
const secs = (t0: number) => (performance.now() - t0) / 1000;
const log = (s = '') => console.log(s);

const cities = [
  '450100',
  '450200',
  '450300',
  '450400',
  '450500',
  '450600',
  '450700',
  '450800',
  '450900',
  '451000',
  '451100',
  '451200',
  '451300',
  '451400',
];
const regions = [undefined, ...cities].slice(0, n);
let t0 = performance.now();
const samples = await Promise.all(regions.map((regionCode, i) => samplePublication({ regionCode, seed: 7 + i, runId: 'bench' })));
const build = secs(t0);
const pubs = samples.map((s) => s.publication);

// Baseline: HTML only, in memory.
t0 = performance.now();
const document = createChartDocument();
let bytes = 0;
for (const p of pubs) bytes += renderHtml(p, { document }).length;
const htmlOnly = secs(t0);

// Everything, written as a run.
const root = mkdtempSync(join(tmpdir(), 'talent-bench-'));
t0 = performance.now();
const printer = await PdfPrinter.launch();
const launch = secs(t0);
let manifest;
try {
  t0 = performance.now();
  manifest = await writeRun(pubs, { root, runId: 'bench', pdf: printer });
} finally {
  await printer.close();
}
const all = secs(t0);
rmSync(root, { recursive: true, force: true });

log(`reports: ${pubs.length} publications (${pubs.reduce((s, p) => s + p.sections.length, 0)} sections), node ${process.version}`);
log(`  building the sample documents (incl. suppression): ${build.toFixed(2)} s`);
log('  what                              total s   s/publication');
log(
  `  baseline: HTML only (in memory)   ${htmlOnly.toFixed(2).padStart(7)}   ${(htmlOnly / pubs.length).toFixed(3).padStart(8)}   (${(bytes / pubs.length / 1024).toFixed(0)} KiB each)`,
);
log(`  HTML + PDF + CSV + XLSX, written  ${all.toFixed(2).padStart(7)}   ${(all / pubs.length).toFixed(3).padStart(8)}`);
for (const [k, v] of Object.entries(manifest.timings))
  log(`    of which ${k.padEnd(5)}                   ${v.toFixed(2).padStart(7)}   ${(v / pubs.length).toFixed(3).padStart(8)}`);
log(`  Chromium launch (once per run)    ${launch.toFixed(2).padStart(7)}`);

// Disclosure control on a run-sized system.
const system = linkedTables();
t0 = performance.now();
const protection = await protectCounts(system);
const protect = secs(t0);
const a = protection.audit;
log();
log(`disclosure: ${system.cells.size} cells, ${system.relations().length} relations (5 × 14 × 20 with every margin), HiGHS (highs wasm)`);
log(
  `  protect (primary ${protection.primary}, complementary ${protection.complementary}, ${protection.rounds} rounds): ${protect.toFixed(2)} s`,
);
log(
  `  final audit: ${a.lpSolved} LPs over ${a.variables} variables × ${a.equations} equations in ${a.seconds.toFixed(2)} s = ${((a.seconds / a.lpSolved) * 1000).toFixed(2)} ms per LP (warm: one model, primal simplex from the last basis)`,
);
const withheld = [...protection.status].filter(([, s]) => s !== 'published').map(([k]) => k);
const published = new Map(
  [...system.cells.values()].filter((c) => protection.status.get(c.key) === 'published').map((c) => [c.key, c.value]),
);
const sampleCells = withheld.slice(0, 40);
t0 = performance.now();
let cold = 0;
for (const k of sampleCells) cold += (await auditCounts(system, published, { targets: [k] })).lpSolved;
const coldSecs = secs(t0);
log(`  peer, cold: a fresh model per cell, ${cold} LPs in ${coldSecs.toFixed(2)} s = ${((coldSecs / cold) * 1000).toFixed(2)} ms per LP`);
