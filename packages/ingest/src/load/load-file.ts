import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_TIME_ZONE, inTransaction, memoryLimitAdvice, type SourceMapping, sqlIdent, sqlLiteral, todayIn } from '@talent/models';
import {
  codePostingTexts,
  readPostingTexts,
  storePostingLookups,
  type CodedPostingTexts,
  type PostingTexts,
} from '../postings/code-postings.js';
import { NO_NORMALIZERS, type PostingNormalizers } from '../postings/normalizers.js';
import { insertCore } from './core-insert.js';
import { rejectUnmatched } from './reject-unmatched.js';
import { kindSpec } from './kinds.js';
import {
  fileFingerprint,
  fileStamp,
  earlierRowOfFile,
  loadsReplacedBy,
  loadWithSameContent,
  MTIME_SQL,
  newLoadId,
  SEEN_AGAIN,
  type FileStamp,
} from './lineage.js';
import { notBulkReadable, RecordsSpanLinesError, releaseStaging, stageWithDuckdb, stageWithStream, type StagingResult } from './staging.js';
import { validateStaging } from './validate.js';
import { fieldsProvided, HeaderError } from '../map/header.js';
import { CELL_FIELD } from '../map/row-mapper.js';

export type LoadStatus = 'loaded' | 'replaced' | 'skipped_duplicate' | 'failed';

/** Outcome of loading one file, as recorded in meta.loads. */
export interface LoadResult {
  loadId: string;
  source: string;
  kind: SourceMapping['kind'];
  filePath: string;
  sha256: string;
  status: LoadStatus;
  period: string | null;
  /** Records parsed after the header (loaded + rejected). */
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /**
   * Physical lines of the file (null when nothing was read: skipped or failed), and where each
   * went: lines read = loaded + rejected + explained (header, preamble, blank lines).
   */
  linesRead: number | null;
  linesLoaded: number | null;
  linesRejected: number | null;
  linesExplained: number | null;
  duplicatesCollapsed: number;
  replacedLoadIds: string[];
  reader: 'stream' | 'duckdb' | null;
  encoding: string | null;
  message: string | null;
}

/**
 * Stages of a load, reported to `onPhase` (the kill-mid-load test waits for `writing`). `coding`
 * reads the distinct texts of the postings; the coders themselves run inside `writing`, beside
 * the write of the raw rows.
 */
export type LoadPhase = 'hashing' | 'reading' | 'validating' | 'coding' | 'writing' | 'committed';

export interface LoadFileOptions {
  normalizers?: PostingNormalizers;
  /** The load date (YYYY-MM-DD) against which future dates are refused; default today in Beijing. */
  today?: string;
  onPhase?: (phase: LoadPhase) => void;
  /** Force the Node stream reader even when the mapping allows DuckDB's read_csv. */
  forceStream?: boolean;
  /**
   * The operator's `--reload`: load the file even if
   * its content was loaded before, replacing that earlier load of the source, and replace the
   * period's earlier loads however few rows the file holds.
   */
  reload?: boolean;
  /**
   * The configured buffer pool (`--memory-limit`), named by the message of a load that ran out of
   * memory; default DuckDB's setting as it reports it.
   */
  memoryLimit?: string;
}

/**
 * A load that would replace earlier loads of its source and period but holds fewer than this share
 * (numerator, denominator: compared in whole numbers) of their accepted rows is refused: a file cut
 * short in transfer, a header-only export or a file whose name carries the wrong period would
 * otherwise delete the period's rows without a word. Half would miss a transfer cut near its middle
 * (the demo's 2024 postings cut at 170 KB keep 51 %); two thirds still lets a school's list of three
 * majors drop one. A larger loss that is right is confirmed by the operator with --reload.
 */
export const MIN_REPLACEMENT_SHARE = [2, 3] as const;

let seq = 0;

/** The result of a load before anything is known of it: failed, nothing read. */
export function newLoadResult(loadId: string, mapping: SourceMapping, filePath: string): LoadResult {
  return {
    loadId,
    source: mapping.source,
    kind: mapping.kind,
    filePath,
    sha256: '',
    status: 'failed',
    period: null,
    rowsRead: 0,
    rowsLoaded: 0,
    rowsRejected: 0,
    linesRead: null,
    linesLoaded: null,
    linesRejected: null,
    linesExplained: null,
    duplicatesCollapsed: 0,
    replacedLoadIds: [],
    reader: null,
    encoding: null,
    message: null,
  };
}

/** Excel's sheet limit: a file of exactly this many lines (or sheet rows) was probably cut by saving it from Excel. */
const EXCEL_MAX_ROWS = 1_048_576;

async function periodOf(conn: DuckDBConnection, mapping: SourceMapping, filePath: string, acc: string): Promise<string | null> {
  if (!mapping.period) return null;
  const re = new RegExp(mapping.period.pattern, 'u');
  if (mapping.period.from === 'filename') {
    const m = re.exec(basename(filePath));
    return m ? (m[1] ?? m[0]) : null;
  }
  const field = mapping.period.field;
  if (!field) return null;
  const r = await conn.runAndReadAll(`SELECT DISTINCT ${sqlIdent(field)} AS p FROM ${acc} WHERE ${sqlIdent(field)} IS NOT NULL ORDER BY 1`);
  const periods = r
    .getRowObjectsJson()
    .map((x) => String(x.p))
    .map((p) => re.exec(p)?.[1] ?? p);
  return periods.length ? [...new Set(periods)].join(',') : null;
}

/** Helper fields from the file itself that mapping templates may use. */
function fileVars(mapping: SourceMapping, filePath: string): Record<string, string> {
  const vars: Record<string, string> = { file_name: basename(filePath) };
  if (mapping.period?.from === 'filename') {
    const m = new RegExp(mapping.period.pattern, 'u').exec(basename(filePath));
    if (m) vars.file_period = m[1] ?? m[0];
  }
  return vars;
}

/** DuckDB's memory limit as it reports it (e.g. `953.6 MiB` for 1GB). */
async function memoryLimitOf(conn: DuckDBConnection): Promise<string> {
  try {
    return String((await conn.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRows()[0]![0]);
  } catch {
    return 'unknown';
  }
}

async function dropTemps(conn: DuckDBConnection, prefix: string): Promise<void> {
  // One catalog query and one batch of DROPs: per-statement round trips dominate small files.
  const like = `LIKE ${sqlLiteral(prefix + '\\_%')} ESCAPE '\\'`;
  const found = await conn.runAndReadAll(`SELECT 'VIEW' AS k, view_name AS n FROM duckdb_views() WHERE temporary AND view_name ${like}
    UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE temporary AND table_name ${like} ORDER BY k DESC`);
  const drops = found.getRowObjectsJson().map((row) => `DROP ${String(row.k)} IF EXISTS temp.main.${sqlIdent(String(row.n))};`);
  if (drops.length) await conn.run(drops.join('\n'));
}

/**
 * Loads one file of one source into the warehouse: hash → skip if these bytes are already
 * loaded → read into staging → validate (SQL from the zod schema) → code postings → one
 * transaction that writes meta.loads, meta.rejected_rows, raw and core (and removes the rows of
 * an earlier load of the same source and period when the source's policy is `replace`).
 * Never throws for bad input: an unreadable file gives status `failed` with the reason.
 */
export async function loadFile(
  conn: DuckDBConnection,
  mapping: SourceMapping,
  filePath: string,
  options: LoadFileOptions = {},
): Promise<LoadResult> {
  const base = kindSpec(mapping.kind);
  // A source may promise more than the schema asks: its `require` fields are checked like required ones.
  const spec = mapping.require.length
    ? { ...base, rules: base.rules.map((r) => (mapping.require.includes(r.name) ? { ...r, required: true } : r)) }
    : base;
  const today = options.today ?? todayIn(DEFAULT_TIME_ZONE);
  const reload = options.reload ?? false;
  const phase = options.onPhase ?? (() => {});
  const started = new Date();
  const loadId = newLoadId(started);
  const prefix = `ld${process.pid}_${++seq}`;
  const result = newLoadResult(loadId, mapping, filePath);
  const record = async (stamp: FileStamp | null) =>
    conn.run(
      `INSERT INTO meta.loads (load_id, source, kind, file_path, file_sha256, file_bytes, period, rows_read, rows_loaded, rows_rejected,
        duplicates_collapsed, status, replaces_load_id, reader, encoding, message, started_at, finished_at, lines_read, lines_loaded,
        lines_rejected, lines_explained, last_seen_at, file_mtime)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::TIMESTAMPTZ, now(), $18, $19, $20, $21,
        $17::TIMESTAMPTZ, ${stamp ? MTIME_SQL('$22') : 'NULL'})`,
      [
        loadId,
        mapping.source,
        mapping.kind,
        filePath,
        result.sha256,
        stamp?.bytes ?? null,
        result.period,
        result.rowsRead,
        result.rowsLoaded,
        result.rowsRejected,
        result.duplicatesCollapsed,
        result.status,
        result.replacedLoadIds.join(',') || null,
        result.reader,
        result.encoding,
        result.message,
        started.toISOString(),
        result.linesRead,
        result.linesLoaded,
        result.linesRejected,
        result.linesExplained,
        ...(stamp ? [stamp.mtimeUs] : []),
      ],
    );
  let stamp: FileStamp | null = null;
  // A skipped file makes no temp tables: no catalog query to drop them.
  let tempsMade = false;
  let restoreOrder: string | null = null;
  let stagedToRelease: StagingResult | null = null;
  try {
    phase('hashing');
    // Taken before the bytes are read: a file changed while it is hashed has a newer time next night.
    stamp = await fileStamp(filePath);
    const fingerprint = await fileFingerprint(filePath);
    result.sha256 = fingerprint.sha256;
    const same = reload ? null : await loadWithSameContent(conn, result.sha256);
    if (same) {
      result.status = 'skipped_duplicate';
      result.message = `same content (sha256 ${result.sha256.slice(0, 12)}…) already loaded by ${same.load_id} from ${same.file_path}; nothing to do`;
      const earlier = await earlierRowOfFile(conn, filePath, result.sha256, stamp);
      if (!earlier) await record(stamp);
      else {
        result.loadId = earlier.loadId;
        // A skip row takes the file's new time, so that the next night's quick check skips it unread.
        const restamp = earlier.status === 'skipped_duplicate' ? `, file_bytes = $2, file_mtime = ${MTIME_SQL('$3')}, message = $4` : '';
        await conn.run(
          `UPDATE meta.loads SET ${SEEN_AGAIN}${restamp} WHERE load_id = $1`,
          restamp ? [earlier.loadId, stamp.bytes, stamp.mtimeUs, result.message] : [earlier.loadId],
        );
      }
      return result;
    }
    phase('reading');
    tempsMade = true;
    // The coders build their dictionaries while DuckDB reads and checks (on its own threads).
    const meanwhile = () => options.normalizers?.warmUp?.();
    const fields = spec.rules.map((r) => r.name);
    const required = spec.rules.filter((r) => r.required && r.name !== 'source').map((r) => r.name);
    const provided = fieldsProvided(mapping, fields);
    // The stream reader: for XLSX, JSON, CSVs needing per-row repairs, and bulk reads whose
    // records span lines.
    const readByStream = async (): Promise<StagingResult> => {
      const staged = (stagedToRelease = await stageWithStream(conn, filePath, mapping, fields, required, prefix, {
        fileVars: fileVars(mapping, filePath),
        multiline: spec.multilineText ?? [],
      }));
      phase('validating');
      await validateStaging(
        conn,
        spec,
        { from: staged.staging, meanwhile, extra: staged.extra, unpivoted: staged.unpivoted },
        prefix,
        today,
        provided,
      );
      return staged;
    };
    let staged: StagingResult;
    const bulkRefused =
      mapping.fastPath && mapping.format === 'csv' && !options.forceStream ? await notBulkReadable(filePath, mapping, fingerprint) : null;
    if (mapping.fastPath && mapping.format === 'csv' && !options.forceStream && bulkRefused === null) {
      // A bulk read numbers records in the order DuckDB stores them: that order must be the file's
      // (DuckDB's default; a caller's other setting is put back afterwards).
      const keepsOrder = (await conn.runAndReadAll(`SELECT current_setting('preserve_insertion_order')`)).getRows()[0]![0];
      if (keepsOrder === false) {
        restoreOrder = 'SET preserve_insertion_order = false';
        await conn.run('SET preserve_insertion_order = true');
      }
      staged = stagedToRelease = await stageWithDuckdb(conn, filePath, mapping, fields, required, prefix, fingerprint.lines);
      try {
        await validateStaging(conn, spec, { from: staged.staging, addLines: staged.addLines!, meanwhile }, prefix, today, provided);
      } catch (err) {
        // Records spanning lines, or anything DuckDB's reader cannot take (a 3 MB cell split across
        // its buffers reads as invalid Unicode): the stream reader takes the file, row by row.
        if (err instanceof HeaderError) throw err;
        await releaseStaging(conn, staged);
        await dropTemps(conn, prefix);
        staged = await readByStream();
        staged.notes.push(
          err instanceof RecordsSpanLinesError
            ? `${err.message}; read with the stream reader for exact line numbers`
            : `the bulk reader failed (${(err as Error).message.split('\n')[0]}); read with the stream reader instead`,
        );
      }
    } else {
      staged = await readByStream();
      if (bulkRefused) staged.notes.push(`read with the stream reader: ${bulkRefused}`);
    }
    await releaseStaging(conn, staged);
    result.reader = staged.reader;
    result.encoding = staged.encoding;
    const acc = `${prefix}_acc`;
    if (mapping.unmatched === 'reject') await rejectUnmatched(conn, spec, prefix, mapping.source, staged.unpivoted);
    // A record is a line, or with an unpivot a value cell of a line: rejects are counted per record.
    const perRecord = staged.unpivoted ? `DISTINCT (line, ${sqlIdent(CELL_FIELD)})` : 'DISTINCT line';
    const counts = (
      await conn.runAndReadAll(`SELECT (SELECT count(*) FROM ${acc}) AS ok, (SELECT count(${perRecord}) FROM ${prefix}_err) AS bad,
        (SELECT count(DISTINCT line) FROM ${prefix}_err) AS bad_lines`)
    ).getRowObjectsJson()[0]!;
    result.rowsLoaded = Number(counts.ok);
    result.rowsRejected = staged.rowsRejected + Number(counts.bad);
    result.rowsRead = staged.rowsStaged + staged.rowsRejected;
    if (result.rowsLoaded + result.rowsRejected !== result.rowsRead)
      throw new Error(`row accounting broken: read ${result.rowsRead} ≠ loaded ${result.rowsLoaded} + rejected ${result.rowsRejected}`);
    // Lines: a record covering n lines counts n (the span table lists those with n ≠ 1).
    const extraLines = async (where: string) =>
      staged.spans
        ? Number(
            (
              await conn.runAndReadAll(`SELECT coalesce(sum(n - 1), 0) AS x FROM ${staged.spans} WHERE line IN (${where})`)
            ).getRows()[0]![0],
          )
        : 0;
    result.linesRead = staged.linesRead;
    result.linesExplained = staged.linesExplained;
    // A line of an unpivoted table holds several records: it counts once, as rejected when any of
    // its records was (its other records still load).
    const loadedLines = staged.unpivoted
      ? Number(
          (
            await conn.runAndReadAll(`SELECT count(DISTINCT line) FROM ${acc} WHERE line NOT IN (SELECT line FROM ${prefix}_err)`)
          ).getRows()[0]![0],
        )
      : result.rowsLoaded;
    result.linesLoaded = loadedLines + (await extraLines(`SELECT line FROM ${acc} WHERE line NOT IN (SELECT line FROM ${prefix}_err)`));
    result.linesRejected = staged.linesRejected + Number(counts.bad_lines) + (await extraLines(`SELECT line FROM ${prefix}_err`));
    if (result.linesLoaded + result.linesRejected + result.linesExplained !== result.linesRead)
      throw new Error(
        `line accounting broken: ${result.linesRead} lines read ≠ ${result.linesLoaded} loaded + ${result.linesRejected} rejected + ${result.linesExplained} explained`,
      );
    result.period = await periodOf(conn, mapping, filePath, acc);
    const notes = [...staged.notes];
    if (staged.linesRead === EXCEL_MAX_ROWS)
      notes.push(
        `the file has exactly ${EXCEL_MAX_ROWS} lines, Excel's sheet limit: rows past it were probably lost when it was saved from Excel`,
      );
    // What this load replaces: the period's loads under `replace`, and on a reload the earlier load of the same bytes.
    // Read once: the run lock keeps any other writer out until this load commits.
    const replaced = await loadsReplacedBy(
      conn,
      mapping.source,
      mapping.replace === 'replace' ? result.period : null,
      reload ? result.sha256 : null,
    );
    const earlier = replaced.map((l) => l.loadId);
    if (!reload && earlier.length) {
      const earlierRows = replaced.reduce((a, l) => a + l.rowsLoaded, 0);
      const [num, den] = MIN_REPLACEMENT_SHARE;
      if (result.rowsLoaded * den < earlierRows * num)
        throw new Error(
          `refused: the file holds ${result.rowsLoaded} accepted row(s) of ${mapping.source} for period ${result.period}, fewer than ` +
            `${num}/${den} of the ${earlierRows} row(s) of the earlier load(s) it would replace (${earlier.join(', ')}); those rows stay and nothing of ` +
            `this file was loaded. If the file is cut short or its name carries the wrong period, put the complete file (or the right ` +
            `name) in its place; if it is right, load it with: talent ingest ${filePath} --reload`,
        );
    }
    const normalizers = options.normalizers ?? NO_NORMALIZERS;
    let texts: PostingTexts | null = null;
    if (mapping.kind === 'job_posting') {
      phase('coding');
      texts = await readPostingTexts(conn, acc, prefix, normalizers);
    }
    phase('writing');
    const replacing: string[] = [];
    await inTransaction(conn, async () => {
      result.replacedLoadIds = earlier;
      const freedKeys = texts && earlier.length ? `${prefix}_freed` : undefined;
      if (freedKeys)
        await conn.run(
          `CREATE OR REPLACE TEMP TABLE ${freedKeys} AS SELECT DISTINCT dedup_key FROM ${spec.coreTable}
           WHERE load_id IN (${earlier.map(sqlLiteral).join(', ')}) AND dedup_key IS NOT NULL`,
        );
      for (const old of result.replacedLoadIds) {
        await conn.run(`DELETE FROM ${spec.rawTable} WHERE load_id = $1`, [old]);
        await conn.run(`DELETE FROM ${spec.coreTable} WHERE load_id = $1`, [old]);
        await conn.run(`UPDATE meta.loads SET superseded_by = $1 WHERE load_id = $2`, [loadId, old]);
      }
      if (result.replacedLoadIds.length)
        replacing.push(
          `${reload ? 'reloaded on request (--reload): ' : ''}replaced ${result.replacedLoadIds.length} earlier load(s) of ${mapping.source}` +
            (result.period !== null ? ` for period ${result.period}` : ''),
        );
      else if (reload) replacing.push('reloaded on request (--reload): no earlier load of this source held it');
      result.status = result.replacedLoadIds.length ? 'replaced' : 'loaded';
      await conn.run(`INSERT INTO meta.rejected_rows
        SELECT ${sqlLiteral(loadId)}, ${sqlLiteral(filePath)}, line, column_name, raw_value, reason FROM ${staged.rejects}
        UNION ALL SELECT ${sqlLiteral(loadId)}, ${sqlLiteral(filePath)}, line, column_name, raw_value, reason FROM ${prefix}_err`);
      // Raw keeps the text as mapped (trimmed): for numbers and dates the text before casting.
      const rawRules = spec.rules.filter((r) => provided.has(r.name) || r.required);
      const rawCols = rawRules.map((r) => sqlIdent(r.name)).join(', ');
      const rawVals = rawRules.map((r) =>
        r.type === 'string' && !spec.dateFields.includes(r.name) ? sqlIdent(r.name) : sqlIdent(`${r.name}__raw`),
      );
      const extra = staged.extra ? `CAST(CAST("__extra" AS JSON) AS MAP(VARCHAR, VARCHAR))` : 'NULL';
      const writingRaw = conn.run(
        `INSERT INTO ${spec.rawTable} (load_id, line, ${rawCols}, extra) SELECT ${sqlLiteral(loadId)}, line, ${rawVals.join(', ')}, ${extra} FROM ${acc}`,
      );
      // The coders are plain JavaScript on this thread: they run while DuckDB writes the raw rows on
      // its own threads (the raw rows do not depend on the codes), not before it, on an idle core.
      let coded: CodedPostingTexts | null = null;
      try {
        if (texts) coded = codePostingTexts(texts, normalizers);
      } finally {
        await writingRaw;
      }
      if (coded) {
        await storePostingLookups(conn, coded);
        for (const [coder, f] of Object.entries(coded.failures))
          notes.push(
            `the ${coder} coder failed on ${f.count} distinct value(s), e.g. "${f.example}" (${f.message}); those postings stay uncoded there`,
          );
      }
      notes.push(...replacing);
      result.message = notes.length ? notes.join('; ') : null;
      result.duplicatesCollapsed = await insertCore({
        conn,
        spec,
        accepted: acc,
        prefix,
        loadId,
        source: mapping.source,
        fileKey: result.sha256.slice(0, 16),
        ...(freedKeys ? { freedKeys } : {}),
      });
      await record(stamp);
    });
    phase('committed');
    return result;
  } catch (err) {
    result.status = 'failed';
    // Nothing of the file is in the warehouse: the counts say so, and the message says why.
    result.rowsRead = 0;
    result.rowsLoaded = 0;
    result.rowsRejected = 0;
    result.linesRead = result.linesLoaded = result.linesRejected = result.linesExplained = null;
    result.duplicatesCollapsed = 0;
    result.replacedLoadIds = [];
    // The operator cannot SET memory_limit as DuckDB's own advice says: the message names the flag, as the run's does.
    result.message = memoryLimitAdvice((err as Error).message, options.memoryLimit ?? (await memoryLimitOf(conn)));
    try {
      await record(stamp);
    } catch {
      // The failure row is bookkeeping; the caller still gets the result.
    }
    return result;
  } finally {
    if (restoreOrder) await conn.run(restoreOrder).catch(() => {});
    if (stagedToRelease) await releaseStaging(conn, stagedToRelease).catch(() => {});
    if (tempsMade) await dropTemps(conn, prefix).catch(() => {});
  }
}
