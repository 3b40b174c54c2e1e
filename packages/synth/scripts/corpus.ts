import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readCodeLists, type Config } from '@talent/models';
import type { LabelledTitle } from './count-title-patterns.js';

export const TRAIN_SPLIT = 'packages/ingest/test/fixtures/coder-corpus/train.csv';
export const PATTERNS_FILE = 'packages/synth/data/posting_title_patterns.json';

/** The corpus's labelled train titles and the place names of GB/T 2260 (without 省/市/区/县). */
export async function readCorpusTrainSplit(config: Config): Promise<{ rows: LabelledTitle[]; places: string[] }> {
  const rows = (parse(readFileSync(join(config.repoRoot, TRAIN_SPLIT), 'utf8'), { columns: true }) as LabelledTitle[]).filter(
    (r) => r.label_code !== '',
  );
  const { trees } = await readCodeLists(config.referenceDir);
  const places = [...trees.region.entries.values()]
    .map((e) => e.name.replace(/(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|自治州|地区|省|市|区|县|盟)$/, ''))
    .filter((n) => n.length >= 2);
  return { rows, places };
}
