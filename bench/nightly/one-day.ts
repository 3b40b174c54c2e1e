import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A job board C record, as far as the copy touches it. */
interface BoardCRecord {
  job_id: string;
  published_at: string | null;
  [field: string]: unknown;
}

/**
 * Writes one more day of board C postings: the records of the latest days of `from` (a
 * `source_c_<year>.jsonl` of the edition) until `rows` are taken, each with a new job id and
 * published on `day` at its original time of day. The demo mapping reads it like any other file
 * of the board (`postings/source_c_*.jsonl`). Returns the number of records written.
 */
export async function writeOneDay(from: string, to: string, day: string, rows: number): Promise<number> {
  const byDay = new Map<string, string[]>();
  const lines = createInterface({ input: createReadStream(from, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    const m = /"published_at":"(\d{4}-\d{2}-\d{2})T/.exec(line);
    if (!m) continue;
    const list = byDay.get(m[1]!) ?? [];
    list.push(line);
    byDay.set(m[1]!, list);
  }
  const out: string[] = [];
  for (const d of [...byDay.keys()].sort().reverse()) {
    for (const line of byDay.get(d)!) {
      if (out.length >= rows) break;
      let r: BoardCRecord;
      try {
        r = JSON.parse(line) as BoardCRecord;
      } catch {
        // The edition's broken records (cut lines) stay in their own file.
        continue;
      }
      r.job_id = `n${day.replace(/-/g, '')}${r.job_id}`;
      r.published_at = `${day}${r.published_at!.slice(10)}`;
      out.push(JSON.stringify(r));
    }
    if (out.length >= rows) break;
  }
  writeFileSync(to, `${out.join('\n')}\n`);
  return out.length;
}
