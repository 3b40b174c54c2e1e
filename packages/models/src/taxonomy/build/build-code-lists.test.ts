import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config.js';
import { buildCodeLists } from './build-code-lists.js';

const config = resolveConfig({}, {});

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('buildCodeLists', () => {
  // The third-party copies live beside the repository (../shared/reference), as in CI: their
  // absence fails the test rather than skipping it.
  it('rebuilds the committed code lists byte for byte', () => {
    const shared = config.sharedReferenceDir;
    if (!shared) throw new Error('../shared/reference is missing beside the repository: the code lists cannot be rebuilt');
    const out = mkdtempSync(join(tmpdir(), 'talent-codelists-'));
    try {
      buildCodeLists(shared, out);
      const built = files(out);
      expect(built).toContain('code-lists.json');
      for (const f of built) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(config.referenceDir, f), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
