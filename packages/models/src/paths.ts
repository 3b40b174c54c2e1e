import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this module that holds `datasets/`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'datasets')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the repository root (a folder holding datasets/)');
    dir = up;
  }
}

/** `datasets/` of this repository, or `TALENT_DATASETS` when an operator points elsewhere. */
export function datasetsDir(): string {
  return process.env.TALENT_DATASETS ? resolve(process.env.TALENT_DATASETS) : join(repoRoot(), 'datasets');
}

/** `datasets/reference/`: code lists, frameworks and crosswalks. */
export function referenceDir(): string {
  return join(datasetsDir(), 'reference');
}

/** Default warehouse file; `TALENT_WAREHOUSE` overrides it. */
export function defaultWarehousePath(): string {
  return process.env.TALENT_WAREHOUSE ? resolve(process.env.TALENT_WAREHOUSE) : join(repoRoot(), 'warehouse', 'talent.duckdb');
}
