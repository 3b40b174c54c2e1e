/** Loads the code lists into a warehouse file (operators' stand-in for the lead's loader, used by tests and demos). */
import { openWarehouse } from '@talent/models';
import { loadReferenceLists } from './warehouse.js';

const wh = await openWarehouse(process.argv[2]!);
await loadReferenceLists(wh);
wh.close();
