import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The raw official code lists (`taxonomies/`) in the shared reference folder of the configuration
 * (`sharedReferenceDir` of `resolveConfig`), or undefined when there is no such folder.
 */
export function taxonomiesIn(sharedReferenceDir: string | null | undefined): string | undefined {
  if (!sharedReferenceDir) return undefined;
  const dir = join(sharedReferenceDir, 'taxonomies');
  return existsSync(dir) ? dir : undefined;
}
