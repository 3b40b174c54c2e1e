/**
 * Counts how real job boards write titles, on the train split of the occupation coder's corpus
 * (real postings labelled with 职业分类大典 2022 codes), and writes
 * `packages/synth/data/posting_title_patterns.json`, which the generator draws its job titles from.
 * Never reads the hold-out, so the demo's titles tell nothing of it.
 * Run: npx tsx --conditions=source packages/synth/scripts/title-patterns.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { PATTERNS_FILE, readCorpusTrainSplit, TRAIN_SPLIT } from './corpus.js';
import { countTitlePatterns } from './count-title-patterns.js';

const config = resolveConfig();
const { rows, places } = await readCorpusTrainSplit(config);
const patterns = countTitlePatterns(
  rows,
  places,
  `${TRAIN_SPLIT} (the train split only: ${rows.length} labelled titles), counted by packages/synth/scripts/title-patterns.ts`,
);
writeFileSync(join(config.repoRoot, PATTERNS_FILE), JSON.stringify(patterns, null, 2) + '\n');
console.log(`${rows.length} titles → ${PATTERNS_FILE}`);
for (const [k, s] of Object.entries(patterns.groups)) console.log(k, JSON.stringify(s));
