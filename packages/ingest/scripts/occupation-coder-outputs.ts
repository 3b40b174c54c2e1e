/**
 * Codes a fixed set of titles with the nightly run's occupation coder and writes every output
 * (code, name, level, confidence, evidence), or compares them with outputs written before: the check
 * that a change meant only to make the coder faster changes nothing it states.
 *
 *   tsx --conditions=source packages/ingest/scripts/occupation-coder-outputs.ts --write <file.json>
 *   tsx --conditions=source packages/ingest/scripts/occupation-coder-outputs.ts --compare <file.json>
 *
 * The titles: every row of the coder corpus (train and hold-out, pools and additions) with its
 * context, each title again without context and with the context of another row, and every 大典
 * name and dictionary alias as a title. `--compare` exits 1 and lists the first differences if any
 * output differs (confidence exactly, or beyond 1e-12 with `--tolerance`).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { buildCoders } from '../src/normalize/coders.js';
import { readCoderReference } from '../src/normalize/reference.js';
import { CORPUS_DIR, readLabelledTitles } from '../src/normalize/occupation/training-set.js';

const config = resolveConfig();
const args = process.argv.slice(2);
const mode = args[0];
const file = args[1];
if ((mode !== '--write' && mode !== '--compare') || !file) {
  console.error('usage: occupation-coder-outputs.ts --write|--compare <file.json> [--tolerance]');
  process.exit(2);
}
const tolerance = args.includes('--tolerance') ? 1e-12 : 0;

const ref = await readCoderReference(config);
const corpusDir = join(config.repoRoot, CORPUS_DIR);
const rows = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.csv') && f !== 'holdout_relabel.csv')
  .sort()
  .flatMap((f) => readLabelledTitles(join(corpusDir, f)));
const pairs: [string, string][] = [];
rows.forEach((r, i) => {
  pairs.push([r.title, r.context], [r.title, ''], [r.title, rows[(i * 7919 + 13) % rows.length]!.context]);
});
for (const o of ref.occupations) pairs.push([o.name, '']);
for (const a of ref.occupationAliases) pairs.push([a.alias, '']);

const coder = buildCoders(ref).occupation;
const outputs = pairs.map(([title, context]) => {
  const m = coder(title, context);
  return { title, context, code: m.code, name: m.name, level: m.level, confidence: m.confidence, evidence: m.evidence };
});

if (mode === '--write') {
  writeFileSync(file, JSON.stringify(outputs));
  console.log(`${outputs.length} outputs written to ${file}`);
} else {
  const before = JSON.parse(readFileSync(file, 'utf8')) as typeof outputs;
  if (before.length !== outputs.length) throw new Error(`${before.length} outputs before, ${outputs.length} now`);
  const differ: string[] = [];
  outputs.forEach((o, i) => {
    const b = before[i]!;
    if (b.title !== o.title || b.context !== o.context) throw new Error(`row ${i}: not the same title`);
    const same =
      b.code === o.code &&
      b.name === o.name &&
      b.level === o.level &&
      b.evidence === o.evidence &&
      Math.abs(b.confidence - o.confidence) <= tolerance;
    if (!same) differ.push(`${o.title} | ${o.context.slice(0, 20)}: ${JSON.stringify(b)} → ${JSON.stringify(o)}`);
  });
  console.log(`${outputs.length} outputs compared: ${outputs.length - differ.length} identical, ${differ.length} differ`);
  for (const d of differ.slice(0, 20)) console.log(d);
  if (differ.length) process.exit(1);
}
