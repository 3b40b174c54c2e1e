/**
 * Child process of the kill-mid-load test: loads one file into a warehouse file and prints each
 * load phase on its own line, so the parent can SIGKILL it while the transaction is open.
 */
import { openWarehouse } from '@talent/models';
import { loadFile } from '@talent/ingest';
import { POSTING_MAPPING } from './fixtures.js';

const [warehousePath, file] = process.argv.slice(2);
const wh = await openWarehouse(warehousePath!);
const r = await loadFile(wh.conn, POSTING_MAPPING, file!, {
  onPhase: (p) => process.stdout.write(`phase:${p}\n`),
});
process.stdout.write(`result:${r.status}:${r.rowsLoaded}\n`);
wh.close();
