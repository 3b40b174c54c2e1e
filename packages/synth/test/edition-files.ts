import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { resolveConfig } from '@talent/models';
import { generateEdition } from '../src/generate.js';

/** Defaults only (no environment): the repository's reference data and ../shared/reference beside it. */
export const config = resolveConfig({}, {});

/** One CSV record keyed by its header. */
export type Row = Record<string, string>;

/** The rows of a CSV file as arrays of fields (UTF-8 with or without BOM, or GBK). */
export function readCsv(path: string, encoding: 'utf8' | 'gbk' = 'utf8'): string[][] {
  const buf = readFileSync(path);
  const text = encoding === 'gbk' ? iconv.decode(buf, 'gbk') : buf.toString('utf8').replace(/^\uFEFF/, '');
  return parse(text, { relax_column_count: true, skip_empty_lines: true });
}

/** The records of a CSV file with a header row. */
export function records(path: string, encoding: 'utf8' | 'gbk' = 'utf8'): Row[] {
  const [header, ...rows] = readCsv(path, encoding);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** Every file under a folder, as sorted relative paths. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** A cell value as exceljs reads it from the generated workbooks. */
export type SheetValue = string | number | Date | null;

/** The first sheet of a workbook as rows of values (1-based rows and columns kept as 0-based arrays). */
export async function readSheet(path: string): Promise<{ name: string; rows: SheetValue[][]; merges: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: SheetValue[][] = [];
  // exceljs computes columnCount by walking every row: read it once.
  const columns = ws.columnCount;
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    const values: SheetValue[] = [];
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      // A merged cell repeats its master's value in exceljs; only the master holds it in the file.
      values.push(cell.isMerged && cell.master.address !== cell.address ? null : (cell.value as SheetValue));
    }
    rows[n - 1] = values;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { name: ws.name, rows, merges: [...(ws.model as { merges: string[] }).merges] };
}

/** Generates the demo edition of a seed into `out` from the repository's reference data. */
export async function generateDemo(out: string, seed: number): Promise<void> {
  await generateEdition({
    edition: 'demo',
    seed,
    out,
    referenceDir: config.referenceDir,
  });
}

/** Groups items by a key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Sums numbers into a map under a key. */
export function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}
