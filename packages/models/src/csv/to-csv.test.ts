import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { isFormulaLike, neutraliseFormula } from './formula.js';
import { csvRecord, toCsv } from './to-csv.js';

describe('formula neutralisation', () => {
  it('prefixes every OWASP trigger, DDE payloads included, and leaves numbers and text alone', () => {
    for (const f of [
      '=1+1',
      '=HYPERLINK("http://x","点击")',
      "=cmd|' /C calc'!A0",
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1',
      '\r=1',
      '＝1+1',
      ' =1+1',
      "焊工 cmd|' /C calc'!A0",
    ])
      expect(neutraliseFormula(f)).toBe(`'${f}`);
    for (const ok of ['-5', '+86', '-0.5', '12%', '焊工', '5000-7000元/月', '', 'a=b']) {
      expect(isFormulaLike(ok)).toBe(false);
      expect(neutraliseFormula(ok)).toBe(ok);
    }
  });
});

describe('CSV writer', () => {
  it('quotes only where RFC 4180 needs it and round-trips through a parser', () => {
    const rows = [
      ['450200', '柳州市', 'a,b', 'say "hi"', 'two\nlines', null, 3.5, true],
      ['450100', '南宁市', '', ' padded ', '=1+1', undefined, -2, false],
    ];
    const text = toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], rows);
    expect(text.split('\n')[1]).toBe('450200,柳州市,"a,b","say ""hi""","two');
    const back = parse(text, { columns: true }) as Record<string, string>[];
    expect(back[1]).toEqual({ a: '450100', b: '南宁市', c: '', d: ' padded ', e: "'=1+1", f: '', g: '-2', h: 'false' });
  });

  it('keeps bytes when asked (generated inputs), quotes padded cells, writes BOM and CRLF', () => {
    expect(csvRecord(['=1+1', ' x'], { safe: false, quoteSpaced: true })).toBe('=1+1," x"');
    expect(toCsv(['k'], [{ k: 'v' }], { bom: true, eol: '\r\n' })).toBe('\ufeffk\r\nv\r\n');
  });
});
