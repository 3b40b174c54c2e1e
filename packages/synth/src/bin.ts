#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { generateEdition } from './generate.js';

const config = resolveConfig();
const FALLBACK_TAXONOMIES = config.sharedReferenceDir ? join(config.sharedReferenceDir, 'taxonomies') : null;

function usage(): never {
  console.error('usage: npm run generate -- --edition demo|province --seed <n> --out <dir>');
  process.exit(2);
}

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const edition = opt('edition') ?? 'demo';
const seedText = opt('seed') ?? '7';
const out = opt('out');
if (!out || !/^\d+$/.test(seedText)) usage();

const summary = generateEdition({
  edition,
  seed: Number(seedText),
  out,
  referenceDir: opt('reference') ?? config.referenceDir,
  fallbackTaxonomiesDir: FALLBACK_TAXONOMIES && existsSync(FALLBACK_TAXONOMIES) ? FALLBACK_TAXONOMIES : undefined,
  log: (line) => console.log(line),
});
console.log(
  `${summary.edition} edition (seed ${summary.seed}) written to ${out} in ${summary.seconds.toFixed(1)} s: ` +
    `${summary.series} school × major series, ${summary.postings} postings; truth in ${join(out, 'truth')}`,
);
