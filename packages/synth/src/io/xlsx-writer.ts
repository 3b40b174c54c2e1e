import { columnLetter } from '@talent/models';
import { ZipWriter } from './zip-writer.js';

/** A cell with a named style of the sheet's layout (a null value still draws the style, e.g. borders). */
export interface XlsxStyledCell {
  value: string | number | null;
  style: string;
}

/** A cell: text, a number, an Excel date (`{ excelDate }` serial day number), a styled cell or empty. */
export type XlsxCell = string | number | { excelDate: number } | XlsxStyledCell | null;

/** A cell format: font weight and size, alignment, border and number format. */
export interface XlsxStyle {
  bold?: boolean;
  /** Font size in points (11 when absent). */
  size?: number;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** `all`: a thin box; `top` / `bottom`: one thin rule, as the ruled lines of printed tables. */
  border?: 'all' | 'top' | 'bottom';
  /** An Excel number format code such as `0` or `#,##0`. */
  numberFormat?: string;
}

/** What a sheet looks like beyond its cells: named styles and column widths (characters). */
export interface XlsxSheetLayout {
  styles?: Record<string, XlsxStyle>;
  columnWidths?: number[];
}

// Small buffers: text held until a flush survives young-generation GC, and long-lived ropes made GC dominate.
const FLUSH_AT = 1 << 16;

function xmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** An A1 reference of a 1-based row and a 0-based column. */
export function cellRef(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** Excel's serial day number (1900 date system) of a UTC calendar day. */
export function excelSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const STYLESHEET_OPEN = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const DEFAULT_FONT = '<font><sz val="11"/><name val="宋体"/></font>';
const FILLS = '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>';
const NO_BORDER = '<border><left/><right/><top/><bottom/><diagonal/></border>';
const BASE_XFS =
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>';
const DATE_FORMAT = '<numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>';
const BORDERS: Record<NonNullable<XlsxStyle['border']>, string> = {
  all: '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>',
  top: '<border><left/><right/><top style="thin"/><bottom/><diagonal/></border>',
  bottom: '<border><left/><right/><top/><bottom style="thin"/><diagonal/></border>',
};

/**
 * `xl/styles.xml`: style 0 is the default, style 1 the date format, then one style per named style
 * in the order given (cell style index = 2 + position). Without named styles the sheet has exactly
 * the two base styles.
 */
function stylesheet(styles: [string, XlsxStyle][]): string {
  const formats = [...new Set(styles.map(([, s]) => s.numberFormat).filter((f): f is string => f !== undefined))];
  const fonts = [DEFAULT_FONT];
  const fontId = (s: XlsxStyle): number => {
    if (!s.bold && (s.size ?? 11) === 11) return 0;
    const xml = `<font>${s.bold ? '<b/>' : ''}<sz val="${s.size ?? 11}"/><name val="宋体"/></font>`;
    const i = fonts.indexOf(xml);
    return i >= 0 ? i : fonts.push(xml) - 1;
  };
  const borderKinds = [...new Set(styles.map(([, s]) => s.border).filter((b): b is NonNullable<XlsxStyle['border']> => b !== undefined))];
  const xfs = styles.map(([, s]) => {
    const numFmtId = s.numberFormat === undefined ? 0 : 165 + formats.indexOf(s.numberFormat);
    const borderId = s.border === undefined ? 0 : 1 + borderKinds.indexOf(s.border);
    const align =
      s.horizontal || s.vertical || s.wrap
        ? `<alignment${s.horizontal ? ` horizontal="${s.horizontal}"` : ''}${s.vertical ? ` vertical="${s.vertical}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    const font = fontId(s);
    return (
      `<xf numFmtId="${numFmtId}" fontId="${font}" fillId="0" borderId="${borderId}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}${borderId ? ' applyBorder="1"' : ''}` +
      (align ? ` applyAlignment="1">${align}</xf>` : '/>')
    );
  });
  return (
    XML_HEAD +
    STYLESHEET_OPEN +
    `<numFmts count="${1 + formats.length}">${DATE_FORMAT}${formats.map((f, i) => `<numFmt numFmtId="${165 + i}" formatCode="${xmlEscape(f)}"/>`).join('')}</numFmts>` +
    `<fonts count="${fonts.length}">${fonts.join('')}</fonts>` +
    FILLS +
    `<borders count="${1 + borderKinds.length}">${NO_BORDER}${borderKinds.map((b) => BORDERS[b]).join('')}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${2 + xfs.length}">${BASE_XFS}${xfs.join('')}</cellXfs>` +
    '</styleSheet>'
  );
}

/**
 * Streams a one-sheet XLSX workbook with inline strings and a fixed created/modified date, so the
 * same rows give the same bytes. Dates use style 1 (`yyyy-mm-dd`). An optional layout adds named
 * cell styles and column widths; `merge` joins cell ranges (written when the sheet closes).
 */
export class XlsxSheetWriter {
  private readonly zip: ZipWriter;
  private buffer = '';
  private rowNumber = 0;
  private readonly columns: string[] = [];
  private readonly styleIndex = new Map<string, number>();
  private readonly merges: string[] = [];

  constructor(path: string, sheetName: string, fixedDate: string, layout: XlsxSheetLayout = {}) {
    const styles = Object.entries(layout.styles ?? {});
    styles.forEach(([name], i) => this.styleIndex.set(name, 2 + i));
    this.zip = new ZipWriter(path);
    this.zip.addEntry(
      '[Content_Types].xml',
      XML_HEAD +
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '</Types>',
    );
    this.zip.addEntry(
      '_rels/.rels',
      XML_HEAD +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '</Relationships>',
    );
    this.zip.addEntry(
      'docProps/core.xml',
      XML_HEAD +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>export</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${fixedDate}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${fixedDate}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    this.zip.addEntry(
      'xl/workbook.xml',
      XML_HEAD +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    this.zip.addEntry(
      'xl/_rels/workbook.xml.rels',
      XML_HEAD +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    );
    this.zip.addEntry('xl/styles.xml', stylesheet(styles));
    this.zip.beginEntry('xl/worksheets/sheet1.xml');
    const widths = layout.columnWidths ?? [];
    const cols = widths.length
      ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
      : '';
    this.buffer = XML_HEAD + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${cols}<sheetData>`;
  }

  /** Appends one row and returns its 1-based number. */
  row(cells: readonly XlsxCell[]): number {
    this.rowNumber++;
    const r = this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || v === '') continue;
      const col = this.columns[i] ?? (this.columns[i] = columnLetter(i));
      if (typeof v === 'string') xml += `<c r="${col}${r}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
      else if (typeof v === 'number') xml += `<c r="${col}${r}"><v>${v}</v></c>`;
      else if ('excelDate' in v) xml += `<c r="${col}${r}" s="1"><v>${v.excelDate}</v></c>`;
      else {
        const s = this.styleIndex.get(v.style);
        if (s === undefined) throw new Error(`unknown cell style "${v.style}"`);
        if (v.value === null || v.value === '') xml += `<c r="${col}${r}" s="${s}"/>`;
        else if (typeof v.value === 'number') xml += `<c r="${col}${r}" s="${s}"><v>${v.value}</v></c>`;
        else xml += `<c r="${col}${r}" s="${s}" t="inlineStr"><is><t>${xmlEscape(v.value)}</t></is></c>`;
      }
    }
    this.buffer += xml + '</row>';
    if (this.buffer.length >= FLUSH_AT) this.flush();
    return r;
  }

  /** Merges a rectangle of cells given as 1-based rows and 0-based columns (the top-left cell keeps the value). */
  merge(fromRow: number, fromColumn: number, toRow: number, toColumn: number): void {
    if (toRow < fromRow || toColumn < fromColumn || (toRow === fromRow && toColumn === fromColumn))
      throw new Error(`not a range to merge: ${cellRef(fromRow, fromColumn)}:${cellRef(toRow, toColumn)}`);
    this.merges.push(`${cellRef(fromRow, fromColumn)}:${cellRef(toRow, toColumn)}`);
  }

  private flush(): void {
    this.zip.writeChunk(Buffer.from(this.buffer, 'utf8'));
    this.buffer = '';
  }

  close(): void {
    this.buffer += '</sheetData>';
    if (this.merges.length > 0)
      this.buffer += `<mergeCells count="${this.merges.length}">${this.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`;
    this.buffer += '</worksheet>';
    this.flush();
    this.zip.endEntry();
    this.zip.close();
  }
}
