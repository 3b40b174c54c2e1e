import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '@talent/models';
import { CORPUS_DIR } from '../src/normalize/occupation/training-set.js';

// The labelled files of the coder corpus (README.md there): the frozen hold-out, the train split, the
// second to sixth batches and the 大类 5 additions (not the unlabelled pools, nor the hold-out's second labels).
const DIR = join(resolveConfig({}, {}).repoRoot, CORPUS_DIR);
const LABELLED = readdirSync(DIR)
  .filter((f) => /^(holdout|train)(_[a-z0-9]+)?\.csv$/.test(f) && !/_pool\.csv$|_relabel\.csv$/.test(f))
  .sort();
const read = (f: string) => parse(readFileSync(join(DIR, f)), { columns: true, bom: true }) as Record<string, string>[];
const occupations = new Map(
  (
    parse(readFileSync(join(resolveConfig({}, {}).referenceDir, 'occupation', 'csco_2022.csv')), { columns: true }) as Record<
      string,
      string
    >[]
  ).map((r) => [r.code!, r.name!]),
);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const side = (title: string) => (parseInt(sha(`coder-corpus-2026-split:${title}`).slice(0, 8), 16) / 2 ** 32 < 0.34 ? 'holdout' : 'train');

describe('the coder corpus', () => {
  it('has the labelled files the README lists', () => {
    expect(LABELLED).toEqual([
      'holdout.csv',
      'holdout_batch3.csv',
      'holdout_farm.csv',
      'holdout_horticulture.csv',
      'train.csv',
      'train_batch2.csv',
      'train_batch3.csv',
      'train_batch4.csv',
      'train_batch5.csv',
      'train_batch6.csv',
      'train_farm.csv',
      'train_horticulture.csv',
    ]);
  });

  it.each(LABELLED)('%s: ids from the title, on its side of the split, labels that are 大典 2022 codes with their names', (file) => {
    for (const r of read(file)) {
      expect(r.id).toBe(`cc-${sha(r.title!).slice(0, 10)}`);
      expect(side(r.title!)).toBe(file.startsWith('holdout') ? 'holdout' : 'train');
      if (r.label_level === 'none') expect([r.label_code, r.label_name]).toEqual(['', '']);
      else {
        expect(['细类', '小类', '中类', '大类']).toContain(r.label_level);
        expect([r.title, occupations.get(r.label_code!)]).toEqual([r.title, r.label_name]);
      }
    }
  });

  it('holds each title once, at least 3,000 of them, a hold-out of 1,000 and every 大类 that postings have', () => {
    const rows: Record<string, string>[] = LABELLED.flatMap(read);
    const titles = rows.map((r) => r.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(rows.length).toBeGreaterThanOrEqual(3000);
    expect(read('holdout.csv').length).toBeGreaterThanOrEqual(1000);
    const byMajor = new Map<string, number>();
    for (const { label_code: code } of rows) if (code) byMajor.set(code[0]!, (byMajor.get(code[0]!) ?? 0) + 1);
    for (const major of ['2', '4', '6']) expect(byMajor.get(major)).toBeGreaterThanOrEqual(100);
    // 大类 7 (军队人员) and 8 are not recruited on job boards (README, "Horticulture addition").
    for (const major of ['1', '3', '5']) expect(byMajor.get(major)).toBeGreaterThanOrEqual(30);
  });
});
