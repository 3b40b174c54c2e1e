import { readFileSync } from 'node:fs';

/** One benchmark series split into training and test parts. */
export interface BenchSeries {
  id: string;
  train: Float64Array;
  test: Float64Array;
}

/**
 * Read a benchmark CSV with at least the columns series_id, value, split (train|test), rows in
 * time order within each series (the layout of bench/data/m3_yearly.csv). Rows that cannot be
 * read are counted and returned with their line and reason, never silently dropped.
 */
export function readBenchCsv(path: string): { series: BenchSeries[]; rejected: { line: number; reason: string }[]; rows: number } {
  const text = readFileSync(path, 'utf8');
  const lines = text.split(/\r?\n/);
  const header = lines[0]!.split(',').map((s) => s.trim());
  const iId = header.indexOf('series_id');
  const iVal = header.indexOf('value');
  const iSplit = header.indexOf('split');
  if (iId < 0 || iVal < 0 || iSplit < 0) throw new Error(`${path}: need columns series_id, value, split`);
  const map = new Map<string, { train: number[]; test: number[] }>();
  const rejected: { line: number; reason: string }[] = [];
  let rows = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    rows++;
    const cells = line.split(',');
    const id = cells[iId]?.trim() ?? '';
    const v = Number(cells[iVal]);
    const split = cells[iSplit]?.trim();
    if (!id) {
      rejected.push({ line: i + 1, reason: 'empty series_id' });
      continue;
    }
    if (split !== 'train' && split !== 'test') {
      rejected.push({ line: i + 1, reason: `split "${split}" is not train/test` });
      continue;
    }
    if (!Number.isFinite(v) || cells[iVal]?.trim() === '') {
      rejected.push({ line: i + 1, reason: `value "${cells[iVal]}" is not a number` });
      continue;
    }
    let s = map.get(id);
    if (!s) map.set(id, (s = { train: [], test: [] }));
    s[split].push(v);
  }
  const series = [...map.entries()].map(([id, s]) => ({ id, train: Float64Array.from(s.train), test: Float64Array.from(s.test) }));
  return { series, rejected, rows };
}
