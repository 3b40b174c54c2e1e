import { ExcelJS } from './exceljs-utf8.js';
import { checkZip, type ZipLimits, DEFAULT_ZIP_LIMITS } from './zip-guard.js';
import { UnreadableFileError, type SourceRow } from './source-row.js';

/** Turns an exceljs cell value into the text a CSV of the same sheet would hold. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    // A formula cell: keep its cached result; bureau sheets total columns with SUM().
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result);
    if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

/**
 * Streams the rows of one worksheet with exceljs's WorkbookReader (never the whole workbook in
 * memory), after the zip guard has refused truncated files and zip bombs.
 */
export async function* readXlsx(path: string, options: { sheet?: string; limits?: ZipLimits } = {}): AsyncGenerator<SourceRow> {
  await checkZip(path, options.limits ?? DEFAULT_ZIP_LIMITS);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are read so that date-formatted cells come back as dates, not serial numbers.
    styles: 'cache',
    entries: 'ignore',
  });
  try {
    let found = false;
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name?: string }).name;
      if (found || (options.sheet && name !== options.sheet)) {
        // Drain sheets we skip so the zip stream moves on.
        for await (const _row of sheet) void _row;
        continue;
      }
      found = true;
      for await (const row of sheet) {
        const values = (row.values as unknown[]) ?? [];
        // exceljs rows are 1-based: values[0] is always empty.
        const cells = Array.from(values.slice(1), cellText);
        yield { line: row.number, lines: 1, cells };
      }
    }
    if (!found) throw new UnreadableFileError(options.sheet ? `worksheet "${options.sheet}" not found` : 'workbook has no worksheet');
  } catch (err) {
    if (err instanceof UnreadableFileError) throw err;
    throw new UnreadableFileError(`XLSX could not be read: ${(err as Error).message}`);
  }
}
