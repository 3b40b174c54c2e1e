import { catalogToMarkdown, openWarehouse, readCatalog } from '@talent/models';

/** Markdown for `docs/warehouse.md`, read from the catalog of a freshly migrated warehouse. */
export async function warehouseDocs(): Promise<string> {
  const wh = await openWarehouse(':memory:');
  try {
    return catalogToMarkdown(await readCatalog(wh.conn));
  } finally {
    wh.close();
  }
}
