import { DuckDBInstance } from '@duckdb/node-api';
import { rmSync } from 'node:fs';
const F = process.env.F;
const db = '/tmp/exp/x.duckdb'; rmSync(db, {force:true}); rmSync(db+'.wal', {force:true});
const inst = await DuckDBInstance.create(db, { memory_limit: '1GB' });
const c = await inst.connect();
const t = async (label, sql) => { const t0 = performance.now(); const u = process.cpuUsage(); await c.run(sql); const cu = process.cpuUsage(u); console.log(`${label}: ${((performance.now()-t0)/1000).toFixed(2)}s cpu ${((cu.user+cu.system)/1e6).toFixed(2)}`); };
const rc = `read_csv('${F}', header=true, all_varchar=true)`;
for (const step of process.argv.slice(2)) {
  const [label, sql] = [step.slice(0, step.indexOf('=>')), step.slice(step.indexOf('=>')+2)];
  await t(label, sql.replaceAll('@RC', rc));
}
