import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMapping } from '@talent/ingest';
import { resolveConfig } from '@talent/models';
import { sourceOfFile } from '../src/commands/ingest.js';

const config = resolveConfig({}, {});
const mappings = ['demo_source_a', 'demo_source_c', 'demo_shortage', 'zhaopin_2020'].map((s) =>
  readMapping(join(config.sourcesDir, `${s}.json`)),
);

describe('talent ingest <file>', () => {
  it('finds the source whose mapping pattern names the file', () => {
    expect(sourceOfFile(join(config.dataDir, 'postings', 'source_a_2024.csv'), mappings)).toBe('demo_source_a');
    expect(sourceOfFile(join(config.dataDir, 'postings', 'source_c_2022.jsonl'), mappings)).toBe('demo_source_c');
  });

  it('finds none for a file no pattern names, or one in the wrong folder', () => {
    expect(sourceOfFile(join(config.dataDir, 'postings', 'source_b_2024.xlsx'), mappings)).toBeNull();
    expect(sourceOfFile(join(config.datasetsDir, 'README.md'), mappings)).toBeNull();
  });
});
