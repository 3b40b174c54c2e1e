import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceDir } from '../../paths.js';
import { buildCodeLists } from './build-code-lists.js';
import { sharedReferenceDir } from './common.js';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('buildCodeLists', () => {
  // The third-party copies live beside the repository (../shared/reference), as in CI.
  it('rebuilds the committed code lists byte for byte', () => {
    const out = mkdtempSync(join(tmpdir(), 'talent-codelists-'));
    try {
      buildCodeLists(sharedReferenceDir(), out);
      const built = files(out);
      expect(built).toContain('code-lists.json');
      for (const f of built) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(referenceDir(), f), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
