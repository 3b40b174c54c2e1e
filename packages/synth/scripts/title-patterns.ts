/**
 * Counts how real job boards write titles, on train-side files of the occupation coder's corpus
 * (real postings labelled with 职业分类大典 2022 codes), and writes
 * `packages/synth/data/posting_title_patterns.json`, which the generator draws its job titles from.
 * Never reads the hold-out, so the demo's titles tell nothing of it.
 * Run: npx tsx --conditions=source packages/synth/scripts/title-patterns.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { PATTERNS_FILE, titlePatternsOf } from './corpus.js';

const config = resolveConfig();
const patterns = await titlePatternsOf(config);
writeFileSync(join(config.repoRoot, PATTERNS_FILE), JSON.stringify(patterns, null, 2) + '\n');
console.log(`${patterns.source} → ${PATTERNS_FILE}`);
for (const [k, s] of Object.entries(patterns.groups)) console.log(k, JSON.stringify(s));
console.log(patterns.forms.source);
for (const [k, s] of Object.entries(patterns.forms.shares)) console.log('forms', k, JSON.stringify(s));
console.log(`${patterns.forms.alias.length} dictionary role words, ${patterns.forms.other.length} real forms no dictionary holds`);
