import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { warehouseDocs } from '@talent/cli';
import { openWarehouse, readCatalog, resolveConfig } from '@talent/models';
import { describe, expect, it } from 'vitest';

describe('warehouse catalog', () => {
  it('gives every table and column of every layer a comment', async () => {
    const wh = await openWarehouse(':memory:');
    try {
      const catalog = await readCatalog(wh.conn);
      expect(catalog.length).toBeGreaterThan(5);
      const missing = catalog.flatMap((t) => [
        ...(t.comment?.trim() ? [] : [`${t.schema}.${t.name}`]),
        ...t.columns.filter((c) => !c.comment?.trim()).map((c) => `${t.schema}.${t.name}.${c.name}`),
      ]);
      expect(missing).toEqual([]);
    } finally {
      wh.close();
    }
  });

  it('keeps docs/warehouse.md identical to what the catalog generates', async () => {
    const { repoRoot } = resolveConfig({}, {});
    const file = join(repoRoot, 'docs', 'warehouse.md');
    const generated = await warehouseDocs();
    const committed = readFileSync(file, 'utf8');
    if (committed !== generated) writeFileSync(join(repoRoot, 'docs', 'warehouse-changed.md'), generated);
    expect(committed, 'docs/warehouse.md is stale: run `npm run docs:warehouse`').toBe(generated);
  });
});
