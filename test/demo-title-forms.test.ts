import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '@talent/models';
import { ALIASES, FORM_SOURCE_FILES } from '../packages/synth/scripts/corpus.js';
import { readTitlePatterns } from '../packages/synth/src/write/title-patterns.js';
import { CALIBRATION_SET, TRAIN_FILES } from '../packages/ingest/src/normalize/occupation/training-set.js';

// The demo measures coding at a realistic difficulty only if its real title forms are new to the
// coder: no file they come from may be trained on or calibrated to, and no word of them may be in
// the dictionary the coder reads.
const config = resolveConfig({}, {});
const read = (path: string) => parse(readFileSync(join(config.repoRoot, path)), { columns: true, bom: true }) as Record<string, string>[];

describe("the demo's real title forms", () => {
  const patterns = readTitlePatterns();
  const trained = [...TRAIN_FILES.map((f) => f.path), CALIBRATION_SET];

  it('come from files the coder is neither trained on nor calibrated to', () => {
    for (const file of FORM_SOURCE_FILES) expect(trained).not.toContain(file);
    const trainedTitles = new Set(trained.flatMap((f) => read(f).map((r) => r.title)));
    const whole = patterns.forms.other.filter((o) => o.whole);
    expect(whole.length).toBeGreaterThan(50);
    expect(whole.filter((o) => trainedTitles.has(o.text))).toEqual([]);
  });

  it('hold no word of the alias dictionary the coder reads', () => {
    const words = read(ALIASES).map((r) => r.alias!.toLowerCase());
    const decorated = patterns.forms.other.filter((o) => !o.whole);
    expect(decorated.length).toBeGreaterThan(100);
    expect(decorated.filter((o) => words.includes(o.text.toLowerCase()))).toEqual([]);
  });
});
