import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readCodeLists, type CodeTree, type Config } from '@talent/models';
import type { TitlePatterns } from '../src/write/title-patterns.js';
import { countTitleForms, countTitlePatterns, type FormSources, type LabelledTitle } from './count-title-patterns.js';

const CORPUS = 'packages/ingest/test/fixtures/coder-corpus';
export const TRAIN_SPLIT = `${CORPUS}/train.csv`;
export const PATTERNS_FILE = 'packages/synth/data/posting_title_patterns.json';

/**
 * Train-side files of the corpus labelled after the alias dictionary was written and never read for
 * it: how often their titles name the occupation by its 大典 name, by a dictionary word or otherwise
 * is what real titles do, where the train split's would flatter the dictionary.
 */
export const FORM_SHARE_FILES = [
  'train_batch2.csv',
  'train_batch3.csv',
  'train_batch4.csv',
  'train_farm.csv',
  'train_horticulture.csv',
].map((f) => `${CORPUS}/${f}`);
/**
 * Where the generator's real title forms that no dictionary holds come from: labelled train-side
 * files the coder is not trained on (its `TRAIN_FILES` and calibration set must never list them), and
 * the BOSS直聘 position words the coder does not read. Training on any of them would make the demo
 * measure memory (a test in `test/` checks).
 */
export const FORM_SOURCE_FILES = [`${CORPUS}/train_batch5.csv`, `${CORPUS}/train_batch6.csv`];
export const BOSS_WORDS = 'datasets/dictionaries/candidates/occupation_aliases_boss.csv';
export const ALIASES = 'datasets/dictionaries/occupation_aliases.csv';

const readCsv = (config: Config, path: string) =>
  parse(readFileSync(join(config.repoRoot, path), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
const labelled = (rows: Record<string, string>[]) => rows.filter((r) => r.label_code !== '') as unknown as LabelledTitle[];

/** The place names of GB/T 2260 (without 省/市/区/县). */
function placeNames(region: CodeTree): string[] {
  return [...region.entries.values()]
    .map((e) => e.name.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|自治州|地区|省|市|区|县|盟)$/, ''))
    .filter((n) => n.length >= 2);
}

/** What the title forms are counted on and drawn from (see {@link FORM_SHARE_FILES}, {@link FORM_SOURCE_FILES}). */
export function readFormSources(config: Config): FormSources {
  return {
    shareRows: FORM_SHARE_FILES.flatMap((f) => labelled(readCsv(config, f))),
    sourceRows: FORM_SOURCE_FILES.flatMap((f) => labelled(readCsv(config, f)).map((r) => ({ ...r, file: f.slice(CORPUS.length + 1) }))),
    aliases: readCsv(config, ALIASES).map((r) => ({ alias: r.alias!, code: r.csco_code!, tier: Number(r.tier) })),
    bossWords: readCsv(config, BOSS_WORDS).map((r) => ({ alias: r.alias!, code: r.csco_code!, note: r.note! })),
  };
}

/** The title patterns the generator draws from, as `scripts/title-patterns.ts` writes them to {@link PATTERNS_FILE}. */
export async function titlePatternsOf(config: Config): Promise<TitlePatterns> {
  const { trees } = await readCodeLists(config.referenceDir);
  const rows = labelled(readCsv(config, TRAIN_SPLIT));
  const places = placeNames(trees.region);
  const forms = readFormSources(config);
  const nameOf = (code: string) => trees.occupation.get(code)?.name;
  const self = 'counted by packages/synth/scripts/title-patterns.ts';
  return {
    ...countTitlePatterns(rows, places, `${TRAIN_SPLIT} (the train split only: ${rows.length} labelled titles), ${self}`),
    forms: countTitleForms(
      forms,
      nameOf,
      `shares: ${FORM_SHARE_FILES.join(', ')} (${forms.shareRows.length} labelled titles, read for no dictionary); forms no dictionary holds: ${FORM_SOURCE_FILES.join(', ')} (trained on by no coder) and ${BOSS_WORDS}, labels not doubtful; ${self}`,
    ),
  };
}
