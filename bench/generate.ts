/**
 * Times the province-scale edition of the synthetic data generator and prints its volumes.
 * Run: `npx tsx --conditions=source bench/generate.ts [--seed 7] [--edition province] [--keep <dir>]`.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { generateEdition } from '@talent/synth';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const edition = opt('edition', 'province');
const seed = Number(opt('seed', '7'));
const keep = args.includes('--keep') ? opt('keep', '') : '';
const out = keep || join(mkdtempSync(join(tmpdir(), 'bench-generate-')), edition);
const config = resolveConfig();

const summary = await generateEdition({ edition, seed, out, referenceDir: config.referenceDir });
const bytes = (dir: string): number =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce((sum, f) => {
    const s = statSync(join(dir, f));
    return s.isFile() ? sum + s.size : sum;
  }, 0);
const mb = (dir: string) => (bytes(dir) / 1e6).toFixed(1);

console.log(`edition ${edition}, seed ${seed}, ${cpus().length} cores, node ${process.version}`);
console.log(`wall time            ${summary.seconds.toFixed(1)} s`);
console.log(`school × major series ${summary.series} (${summary.enrollmentRows} enrollment rows, ${summary.schools} schools)`);
console.log(
  `postings             ${summary.postings} rows from ${summary.vacancies} vacancies (${Math.round(summary.postings / summary.seconds)} rows/s overall)`,
);
for (const folder of ['enrollment', 'outcomes', 'shortage', 'postings', 'truth'])
  console.log(`${folder.padEnd(20)} ${mb(join(out, folder))} MB`);
if (!keep) rmSync(join(out, '..'), { recursive: true, force: true });
