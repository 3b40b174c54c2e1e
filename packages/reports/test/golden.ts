import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { roundNumbers } from '../src/index.js';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/**
 * Markup in a form that diffs well and does not drift: one tag per line, decimals rounded to two
 * places, generator-specific whitespace trimmed.
 */
export function normaliseMarkup(markup: string): string {
  return `${roundNumbers(markup)
    .replace(/>\s*</g, '>\n<')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l !== '')
    .join('\n')}\n`;
}

/**
 * Compares `actual` with `test/golden/<name>`. On a mismatch writes `<name>-changed.<ext>` beside
 * it (git ignores it) and throws; a missing golden file is written when run locally and is an
 * error under CI=true, so CI never passes on a file it created itself.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  const ext = extname(name);
  // `table.html.golden`: HTML golden files carry a suffix so that Prettier leaves them as written.
  const changed = join(GOLDEN_DIR, `${name.slice(0, -ext.length)}-changed${ext}`);
  const text = normaliseMarkup(actual);
  if (!existsSync(path)) {
    if (process.env.CI === 'true') throw new Error(`golden file ${name} is missing (run the test locally to create it and commit it)`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(path, text);
    return;
  }
  const expected = readFileSync(path, 'utf8');
  if (expected === text) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, text);
  throw new Error(`${name} differs from its golden file; see ${changed} (replace the golden file if the change is intended)`);
}
