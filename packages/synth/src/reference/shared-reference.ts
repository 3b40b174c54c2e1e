import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from '@talent/models';

/** `../shared/reference` beside the repository root, where the shared copies of the official lists sit (as in CI). */
export function defaultSharedReferenceDir(): string {
  return resolve(repoRoot(), '..', 'shared', 'reference');
}

/** The raw official code lists in a shared reference folder (`taxonomies/`), or undefined when it has none. */
export function taxonomiesIn(sharedReferenceDir: string): string | undefined {
  const dir = join(sharedReferenceDir, 'taxonomies');
  return existsSync(dir) ? dir : undefined;
}
