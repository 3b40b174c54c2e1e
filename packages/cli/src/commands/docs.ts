import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { catalogToMarkdown, openWarehouse, readCatalog } from '@talent/models';
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';

/** Markdown for `docs/warehouse.md`, read from the catalog of a freshly migrated warehouse. */
export async function warehouseDocs(): Promise<string> {
  const wh = await openWarehouse(':memory:');
  try {
    return catalogToMarkdown(await readCatalog(wh.conn));
  } finally {
    wh.close();
  }
}

/** `talent docs [file]`. */
export const docsCommand: Command = {
  name: 'docs',
  summary: 'regenerate docs/warehouse.md (or [file]) from the warehouse catalog',
  help: `Usage: talent docs [file]

Writes every table, view, macro and column of a freshly migrated warehouse, with its comment, as
Markdown to [file] (default docs/warehouse.md of the repository).`,
  positionals: true,
  async run({ config, args, output }) {
    const target = args[0] ? resolve(args[0]) : join(config.repoRoot, 'docs', 'warehouse.md');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, await warehouseDocs());
    output.info(`Wrote ${target}`, { file: target });
    return { exitCode: EXIT.ok, result: { file: target } };
  },
};
