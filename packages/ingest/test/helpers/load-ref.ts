/** Loads the code lists into a warehouse file for tests and demos that need ref filled without running the reference stage. */
import { openWarehouse } from '@talent/models';
import { loadReferenceLists } from './warehouse.js';

const wh = await openWarehouse(process.argv[2]!);
await loadReferenceLists(wh);
wh.close();
