import { open, mkdtemp, rm } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import type { DuckDBConnection } from '@duckdb/node-api';
import { type SourceMapping, sqlIdent, sqlLiteral } from '@talent/models';
import { LineDecoder, binaryReason, EncodingTally, decodeLine, decodeSample, utf16Bom } from '../read/decode.js';
import { readCsv } from '../read/from-csv.js';
import { readJsonArray } from '../read/from-json.js';
import { readJsonl } from '../read/from-jsonl.js';
import { readXlsx } from '../read/from-xlsx.js';
import { UnreadableFileError, type SourceRow } from '../read/source-row.js';
import { HeaderError, headerScore, planHeader } from '../map/header.js';
import { CELL_FIELD, EXTRA_FIELD, RowMapper, type StructuralReject } from '../map/row-mapper.js';

/** What reading a file into staging produced. */
export interface StagingResult {
  /**
   * FROM-item of the staged rows: line + every field of the kind, as text. For bulk reads it is a
   * parenthesised SELECT over read_csv without `line`, and `addLines` supplies the lines.
   */
  staging: string;
  /** Bulk reads only: see {@link ValidationInput.addLines}; also fills the two row counts. */
  addLines?: (table: string) => Promise<string>;
  /** Folder of a transcoded copy the bulk read uses; removed by {@link releaseStaging}. */
  tempDir?: string | null;
  /** Table of structural rejects: line, column_name, raw_value, reason. */
  rejects: string;
  /** Rows read into staging (bulk reads: known once `addLines` has run). */
  rowsStaged: number;
  /** Rows the reader itself rejected (bulk reads: known once `addLines` has run). */
  rowsRejected: number;
  /** Physical lines of the file (XLSX: sheet rows up to the last; JSON arrays: elements). */
  linesRead: number;
  /** Lines holding no record by design: header, preamble, blank lines, empty sheet rows. */
  linesExplained: number;
  /** Lines of the records the reader itself rejected. */
  linesRejected: number;
  /** Table (line, n) of staged records covering n ≠ 1 lines, or null when every record is one line. */
  spans: string | null;
  /** True when the staged rows carry `__extra` (the kept source columns, as a JSON object). */
  extra: boolean;
  /**
   * True when the staged rows carry `__column` (the value column of an unpivoted table): a line
   * then holds several records, told apart by their column.
   */
  unpivoted: boolean;
  encoding: string;
  reader: 'stream' | 'duckdb';
  notes: string[];
}

/**
 * A bulk read numbers records, not lines: when a quoted cell spans lines (or blank lines sit
 * between records) the two differ, and the file is read again with the stream reader, which
 * knows every record's line.
 */
export class RecordsSpanLinesError extends Error {
  constructor(lines: number, records: number) {
    super(`file has ${lines} lines but ${records} records and header: records span lines`);
    this.name = 'RecordsSpanLinesError';
  }
}

async function createTables(
  conn: DuckDBConnection,
  prefix: string,
  fields: readonly string[],
): Promise<{ staging: string; rejects: string }> {
  const staging = `${prefix}_stg`;
  const rejects = `${prefix}_rej`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${staging} (line BIGINT, ${fields.map((f) => `${sqlIdent(f)} VARCHAR`).join(', ')});
    CREATE OR REPLACE TEMP TABLE ${rejects} (line BIGINT, column_name VARCHAR, raw_value VARCHAR, reason VARCHAR)`);
  return { staging, rejects };
}

async function sniff(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Delimiters tried when a mapping names none, in order of preference on a tie. */
const DELIMITERS = [',', '\t', ';', '|', '，'] as const;

/**
 * The delimiter of a CSV the mapping gives none for: the candidate whose split of one of the first
 * 20 non-blank lines matches the most header aliases; when none matches, the one the first line
 * holds most often; comma when the first line holds none.
 */
export function sniffDelimiter(text: string, mapping: SourceMapping): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  let best: string = ',';
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const score = Math.max(0, ...lines.map((l) => headerScore(l.split(d), mapping)));
    if (score > bestScore) [best, bestScore] = [d, score];
  }
  if (bestScore > 0) return best;
  const first = lines[0] ?? '';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = first.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

/** Where a reader's rows come from and how its lines are counted. */
interface ReaderSetup {
  rows: AsyncIterable<SourceRow> | Iterable<SourceRow>;
  tally: EncodingTally | null;
  /** Lines read, known once the rows are consumed (null: count the rows' own lines). */
  linesRead: () => number | null;
}

/** Names shown in a note: a long list is cut (a 100,000-column header must not fill meta.loads). */
function listNames(names: readonly string[], max = 20): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} … (${names.length - max} more)`;
}

/**
 * Reads one file into a staging temp table with the Node readers (decode → parse → map →
 * Appender), counting every physical line as loaded-to-be, rejected or explained. Used for XLSX,
 * JSON, and every CSV that needs per-row repairs or is not plain enough for the bulk reader.
 */
export async function stageWithStream(
  conn: DuckDBConnection,
  path: string,
  mapping: SourceMapping,
  fields: readonly string[],
  required: readonly string[],
  prefix: string,
  options: { fileVars?: Readonly<Record<string, string>>; multiline?: readonly string[] } = {},
): Promise<StagingResult> {
  const sample = await sniff(path);
  if (sample.length === 0) throw new UnreadableFileError('file is empty (0 bytes)');
  if (mapping.format !== 'xlsx' && !mapping.encoding.startsWith('utf-16')) {
    const binary = binaryReason(sample);
    if (binary) throw new UnreadableFileError(binary);
  }
  const extra = mapping.keep.length > 0;
  const unpivoted = mapping.unpivot !== undefined;
  const stagedFields = [...fields, ...(extra ? [EXTRA_FIELD] : []), ...(unpivoted ? [CELL_FIELD] : [])];
  const { staging, rejects } = await createTables(conn, prefix, stagedFields);
  const notes: string[] = [];
  const delimiter = mapping.format === 'csv' ? (mapping.delimiter ?? sniffDelimiter(decodeSample(sample, mapping.encoding), mapping)) : ',';
  if (mapping.format === 'csv' && !mapping.delimiter && delimiter !== ',')
    notes.push(`cells separated by ${delimiter === '\t' ? 'tabs' : `"${delimiter}"`} (sniffed from the header)`);
  const mapper = new RowMapper(mapping, fields, required, { ...options, delimiter });
  let setup: ReaderSetup;
  if (mapping.format === 'csv') {
    const r = readCsv(path, { encoding: mapping.encoding, delimiter, judge: mapper.judge });
    setup = { rows: r.rows, tally: r.decoder.tally, linesRead: () => r.lines.count() };
  } else if (mapping.format === 'jsonl') {
    const r = readJsonl(path, mapping.encoding);
    setup = { rows: r.rows, tally: r.decoder.tally, linesRead: () => r.lines.count() };
  } else if (mapping.format === 'json') {
    const r = await readJsonArray(path, mapping.encoding);
    setup = { rows: r.rows, tally: r.decoder.tally, linesRead: () => r.elements };
  } else {
    setup = { rows: readXlsx(path, mapping.sheet ? { sheet: mapping.sheet } : {}), tally: null, linesRead: () => null };
  }
  const app = await conn.createAppender(staging, 'main', 'temp');
  const rej = await conn.createAppender(rejects, 'main', 'temp');
  const spans: [number, number][] = [];
  let staged = 0;
  let explained = 0;
  let linesRejected = 0;
  let linesSeen = 0;
  let lastLine = 0;
  let firstUnclosed: string | null = null;
  const rejectedLines = new Set<number>();
  const addReject = (r: StructuralReject, lines: number) => {
    rej.appendBigInt(BigInt(r.line));
    if (r.column_name === null) rej.appendNull();
    else rej.appendVarchar(r.column_name);
    if (r.raw_value === null) rej.appendNull();
    else rej.appendVarchar(r.raw_value);
    rej.appendVarchar(r.reason);
    rej.endRow();
    if (!rejectedLines.has(r.line)) linesRejected += lines;
    rejectedLines.add(r.line);
  };
  try {
    for await (const row of setup.rows) {
      linesSeen += row.lines;
      lastLine = Math.max(lastLine, row.line + row.lines - 1);
      const m = mapper.map(row);
      if (m === null) {
        explained += row.lines;
        continue;
      }
      if ('reject' in m) {
        if (row.error?.startsWith('unclosed quote')) firstUnclosed ??= row.error;
        addReject(m.reject, row.lines);
        continue;
      }
      for (const record of 'records' in m ? m.records : [m.fields]) {
        app.appendBigInt(BigInt(m.line));
        for (const f of stagedFields) {
          const v = record[f];
          if (v === undefined || v === '') app.appendNull();
          else app.appendVarchar(v);
        }
        app.endRow();
        staged++;
      }
      if (row.lines !== 1) spans.push([row.line, row.lines]);
    }
  } finally {
    app.closeSync();
    rej.closeSync();
  }
  if (!mapper.plan && mapping.format !== 'jsonl' && mapping.format !== 'json') throw mapper.noHeader();
  let spanTable: string | null = null;
  if (spans.length) {
    spanTable = `${prefix}_span`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${spanTable} (line BIGINT, n BIGINT)`);
    const sp = await conn.createAppender(spanTable, 'main', 'temp');
    for (const [line, n] of spans) {
      sp.appendBigInt(BigInt(line));
      sp.appendBigInt(BigInt(n));
      sp.endRow();
    }
    sp.closeSync();
  }
  // XLSX: rows the sheet leaves empty are not yielded; they are explained lines up to the last row.
  const linesRead = setup.linesRead() ?? lastLine;
  if (mapping.format === 'xlsx') explained += linesRead - linesSeen;
  const unknown = mapper.plan?.unknown ?? [...mapper.unknownKeys];
  if (unknown.length) notes.push(`ignored ${unknown.length} unknown column(s): ${listNames(unknown)} (name them in "keep" to store them)`);
  if (mapper.plan?.keepMissing.length) notes.push(`keep names column(s) the header does not have: ${mapper.plan.keepMissing.join(', ')}`);
  if (setup.tally?.midBoms)
    notes.push(`${setup.tally.midBoms} line(s) after the first start with a byte-order mark (files concatenated?); it was removed`);
  if (firstUnclosed) notes.push(firstUnclosed.replace(/: line.*$/, ''));
  if (mapper.explained.size)
    notes.push(`explained by pattern: ${[...mapper.explained].map(([what, n]) => `${what} ${n} line(s)`).join(', ')}`);
  for (const p of mapper.preambleMissed) notes.push(`no line before the header matches the preamble pattern ${p}: its fields stay empty`);
  return {
    staging,
    rejects,
    rowsStaged: staged,
    rowsRejected: rejectedLines.size,
    linesRead,
    linesExplained: explained,
    linesRejected,
    spans: spanTable,
    extra,
    unpivoted,
    encoding: mapping.format === 'xlsx' ? 'xlsx' : setup.tally!.label(),
    reader: 'stream',
    notes,
  };
}

/**
 * Why a fast-path mapping's file must still go to the stream reader, or null when DuckDB's
 * read_csv may read it: a kept column, another delimiter (named or sniffed), UTF-16, NUL bytes,
 * lone CRs or a BOM after the first line (the bulk reader would not count those lines as written).
 */
export async function notBulkReadable(
  path: string,
  mapping: SourceMapping,
  fingerprint: { nul: boolean; loneCr: boolean; midBom: boolean },
): Promise<string | null> {
  if (mapping.keep.length) return 'the mapping keeps extra columns';
  if (mapping.encoding.startsWith('utf-16')) return 'UTF-16 text';
  if (fingerprint.nul) return 'the file holds NUL bytes';
  if (fingerprint.loneCr) return 'lines end with a lone CR';
  if (fingerprint.midBom) return 'a byte-order mark after the first line';
  if (mapping.delimiter !== undefined && mapping.delimiter !== ',') return 'cells are not comma-separated';
  const sample = await sniff(path);
  if (utf16Bom(sample)) return 'UTF-16 text';
  if (mapping.delimiter === undefined && sniffDelimiter(decodeSample(sample, mapping.encoding), mapping) !== ',')
    return 'cells are not comma-separated';
  return null;
}

/** True when a file may go to DuckDB's read_csv as it is (clean UTF-8, no repairs needed). */
function plainUtf8(sample: Buffer): boolean {
  const lastNl = sample.lastIndexOf(0x0a);
  const body = lastNl > 0 ? sample.subarray(0, lastNl) : sample;
  const tally = new EncodingTally();
  let start = 0;
  while (start < body.length) {
    let end = body.indexOf(0x0a, start);
    if (end < 0) end = body.length;
    tally.add(decodeLine(body.subarray(start, end)).kind);
    start = end + 1;
  }
  const label = tally.label();
  return label === 'utf-8' || label === 'utf-8-bom';
}

/**
 * Prepares a regular CSV for DuckDB's own `read_csv` (parallel, in C++), keeping its rejects
 * (`store_rejects`) as structural rejects. Non-UTF-8 files are first transcoded line by line to a
 * temporary UTF-8 copy (removed by {@link releaseStaging}). The read itself runs inside
 * validation. Bulk-read records are numbered one line each, which `lines` (the file's physical
 * line count) confirms: when it disagrees, `addLines` throws {@link RecordsSpanLinesError}.
 */
export async function stageWithDuckdb(
  conn: DuckDBConnection,
  path: string,
  mapping: SourceMapping,
  fields: readonly string[],
  required: readonly string[],
  prefix: string,
  lines: number,
): Promise<StagingResult> {
  const sample = await sniff(path);
  if (sample.length === 0) throw new UnreadableFileError('file is empty (0 bytes)');
  const binary = binaryReason(sample);
  if (binary) throw new UnreadableFileError(binary);
  let csvPath = path;
  let tmp: string | null = null;
  let encoding = sample.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? 'utf-8-bom' : 'utf-8';
  try {
    if (mapping.encoding === 'gb18030' || !plainUtf8(sample)) {
      tmp = await mkdtemp(join(tmpdir(), 'talent-ingest-'));
      csvPath = join(tmp, 'utf8.csv');
      const decoder = new LineDecoder(mapping.encoding);
      await pipeline(createReadStream(path), decoder, createWriteStream(csvPath));
      encoding = decoder.tally.label();
    }
    // The header: the first record (DuckDB is told to skip it; multi-line headers are not supported here).
    const head = await sniff(csvPath);
    const firstNl = head.indexOf(0x0a);
    const headerText = head
      .subarray(0, firstNl < 0 ? head.length : firstNl)
      .toString('utf8')
      .replace(/^\ufeff/, '');
    const headerCells = (parse(headerText, { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
    if (headerCells.length === 0) throw new HeaderError('file has no header row');
    const plan = planHeader(headerCells, mapping, required);
    const rejects = `${prefix}_rej`;
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${rejects} (line BIGINT, column_name VARCHAR, raw_value VARCHAR, reason VARCHAR)`);
    const colSpec = headerCells.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
    const scan = `${prefix}_rscan`;
    const errs = `${prefix}_rerr`;
    const select = fields.map((f) => {
      const i = plan.fieldIndex.get(f);
      if (f === 'source') return `${sqlLiteral(mapping.source)} AS ${sqlIdent(f)}`;
      if (i !== undefined) return `c${i} AS ${sqlIdent(f)}`;
      const c = mapping.constants[f];
      return `${c !== undefined ? sqlLiteral(c) : 'NULL::VARCHAR'} AS ${sqlIdent(f)}`;
    });
    // Not materialised here: validation reads, casts and checks in one pass over read_csv.
    const staging = `(SELECT ${select.join(', ')} FROM read_csv(${sqlLiteral(csvPath)},
      header = false, skip = 1, delim = ',', quote = '"', escape = '"', auto_detect = false,
      columns = {${colSpec}}, store_rejects = true, rejects_scan = ${sqlLiteral(scan)}, rejects_table = ${sqlLiteral(errs)},
      max_line_size = 2000000, parallel = true))`;
    const result: StagingResult = {
      staging,
      tempDir: tmp,
      rejects,
      rowsStaged: 0,
      rowsRejected: 0,
      linesRead: lines,
      linesExplained: 1,
      linesRejected: 0,
      spans: null,
      extra: false,
      unpivoted: false,
      encoding,
      reader: 'duckdb',
      notes: plan.unknown.length
        ? [`ignored ${plan.unknown.length} unknown column(s): ${listNames(plan.unknown)} (name them in "keep" to store them)`]
        : [],
    };
    result.addLines = async (table) => {
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_rl AS SELECT DISTINCT line FROM ${errs};
        INSERT INTO ${rejects} SELECT line, column_name, left(csv_line, 1000), error_type || ': ' || error_message FROM ${errs};
        DROP TABLE IF EXISTS ${errs}; DROP TABLE IF EXISTS ${scan}`);
      const n = (
        await conn.runAndReadAll(`SELECT (SELECT count(*) FROM ${table}) AS s, (SELECT count(*) FROM ${prefix}_rl) AS r`)
      ).getRowObjectsJson()[0]!;
      result.rowsStaged = Number(n.s);
      result.rowsRejected = Number(n.r);
      result.linesRejected = result.rowsRejected;
      if (lines !== 1 + result.rowsStaged + result.rowsRejected)
        throw new RecordsSpanLinesError(lines, 1 + result.rowsStaged + result.rowsRejected);
      if (result.rowsRejected === 0) return `SELECT rowid + 2 AS line, * FROM ${table}`;
      // Record k (0-based) of the accepted rows sits on line k + 2 plus the rejected lines before
      // it: an ASOF join finds how many rejects precede each record without a per-row subquery.
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${prefix}_gap AS
        SELECT gap, max(n) AS n FROM (
          SELECT line - 2 - (row_number() OVER (ORDER BY line) - 1) AS gap, row_number() OVER (ORDER BY line) AS n FROM ${prefix}_rl)
        GROUP BY gap`);
      return `SELECT i.rowid + 2 + coalesce(g.n, 0) AS line, i.* FROM ${table} i ASOF LEFT JOIN ${prefix}_gap g ON i.rowid >= g.gap`;
    };
    tmp = null;
    return result;
  } finally {
    // On failure before the read was handed over, the transcoded copy goes now.
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Frees what staging held once validation has copied the rows into `<prefix>_prep`: the stream
 * reader's table (a million rows of text held twice would push DuckDB into spilling during the
 * writes that follow) and a bulk read's transcoded copy. Safe to call twice.
 */
export async function releaseStaging(conn: DuckDBConnection, staged: StagingResult): Promise<void> {
  if (staged.tempDir) await rm(staged.tempDir, { recursive: true, force: true });
  if (staged.reader === 'stream') await conn.run(`DROP TABLE IF EXISTS temp.main.${sqlIdent(staged.staging)}`);
}
