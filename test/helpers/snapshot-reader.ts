/**
 * A notebook stand-in for the published-snapshot test: holds the snapshot open read-only and
 * queries it every 50 ms, printing one JSON line per answer, until told on stdin to `reopen` (close
 * and open the path again) or to `exit`.
 */
import { createInterface } from 'node:readline';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const path = process.argv[2]!;
const STATE_SQL = `SELECT (SELECT count(*) FROM meta.runs) AS runs,
  (SELECT count(*) FROM meta.runs WHERE status <> 'succeeded') AS unfinished,
  (SELECT max(run_id) FROM meta.runs) AS last_run,
  (SELECT count(*) FROM marts.fct_talent_gap) AS gap_rows`;

async function open(): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  return { instance, conn: await instance.connect() };
}
let generation = 0;
let { instance, conn } = await open();
let command: 'reopen' | 'exit' | null = null;
createInterface({ input: process.stdin }).on('line', (line) => {
  command = line.trim() === 'reopen' ? 'reopen' : 'exit';
});
for (;;) {
  if (command === 'exit') break;
  if (command === 'reopen') {
    conn.closeSync();
    instance.closeSync();
    ({ instance, conn } = await open());
    generation += 1;
    command = null;
  }
  const [row] = (await conn.runAndReadAll(STATE_SQL)).getRowObjectsJson();
  process.stdout.write(`${JSON.stringify({ at: Date.now(), generation, ...row })}\n`);
  await new Promise((r) => setTimeout(r, 50));
}
conn.closeSync();
instance.closeSync();
// stdin's reader would keep the process alive.
process.exit(0);
