import { ZipWriter } from './zip-writer.js';

/** A cell: text, a number, an Excel date (`{ excelDate }` serial day number) or empty. */
export type XlsxCell = string | number | { excelDate: number } | null;

// Small buffers: text held until a flush survives young-generation GC, and long-lived ropes made GC dominate.
const FLUSH_AT = 1 << 16;

function xmlEscape(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

function columnName(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Excel's serial day number (1900 date system) of a UTC calendar day. */
export function excelSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * Streams a one-sheet XLSX workbook with inline strings and a fixed created/modified date, so the
 * same rows give the same bytes. Dates use style 1 (`yyyy-mm-dd`).
 */
export class XlsxSheetWriter {
  private readonly zip: ZipWriter;
  private buffer = '';
  private rowNumber = 0;
  private readonly columns: string[] = [];

  constructor(path: string, sheetName: string, fixedDate: string) {
    this.zip = new ZipWriter(path);
    this.zip.addEntry(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
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
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '</Relationships>',
    );
    this.zip.addEntry(
      'docProps/core.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>export</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${fixedDate}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${fixedDate}</dcterms:modified>` +
        '</cp:coreProperties>',
    );
    this.zip.addEntry(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    this.zip.addEntry(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
        '</Relationships>',
    );
    this.zip.addEntry(
      'xl/styles.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
        '</styleSheet>',
    );
    this.zip.beginEntry('xl/worksheets/sheet1.xml');
    this.buffer =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  }

  /** Appends one row. */
  row(cells: readonly XlsxCell[]): void {
    this.rowNumber++;
    const r = this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined || v === '') continue;
      const col = this.columns[i] ?? (this.columns[i] = columnName(i));
      if (typeof v === 'string') xml += `<c r="${col}${r}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
      else if (typeof v === 'number') xml += `<c r="${col}${r}"><v>${v}</v></c>`;
      else xml += `<c r="${col}${r}" s="1"><v>${v.excelDate}</v></c>`;
    }
    this.buffer += xml + '</row>';
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    this.zip.writeChunk(Buffer.from(this.buffer, 'utf8'));
    this.buffer = '';
  }

  close(): void {
    this.buffer += '</sheetData></worksheet>';
    this.flush();
    this.zip.endEntry();
    this.zip.close();
  }
}
