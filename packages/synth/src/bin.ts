#!/usr/bin/env node
import { join } from 'node:path';
import { ConfigError, resolveConfig } from '@talent/models';
import { generateEdition } from './generate.js';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error(
    'usage: npm run generate -- --edition demo|province --seed <n> --out <dir> [--province <GB/T 2260 code>] [--reference <datasets/reference>]',
  );
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
let config;
try {
  config = resolveConfig({ reference: opt('reference') });
} catch (e) {
  if (e instanceof ConfigError) usage(e.message);
  throw e;
}

const summary = await generateEdition({
  edition,
  seed: Number(seedText),
  out,
  referenceDir: config.referenceDir,
  ...(opt('province') ? { province: opt('province')! } : {}),
  log: (line) => console.log(line),
});
console.log(
  `${summary.edition} edition (seed ${summary.seed}) written to ${out} in ${summary.seconds.toFixed(1)} s: ` +
    `${summary.series} school × major series, ${summary.postings} postings; truth in ${join(out, 'truth')}`,
);
