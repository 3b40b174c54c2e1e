/**
 * The bad-input corpus (packages/ingest/test/fixtures/bad-input/): every file through the whole
 * ingest as `talent ingest` runs it, with its exact expected outcome from cases.json: status, rows,
 * lines, rejects, messages, and the exit code; then a good file of the same mapping loads into the
 * same warehouse, so no bad file leaves anything behind that blocks the next.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, resolveConfig, type SourceMappingInput, type Warehouse } from '@talent/models';
import { buildCoders, ingestAll, postingNormalizers, readCoderReference, type IngestReport } from '@talent/ingest';
import { EXIT, exitCodeFor } from '../src/exit-codes.js';

const corpus = fileURLToPath(new URL('../../ingest/test/fixtures/bad-input/', import.meta.url));
const TODAY = '2025-12-31';
const MAX_REJECT_SHARE = 0.5;

interface Case {
  file: string;
  mapping: string;
  mappingDir?: string;
  run?: 'pattern';
  why?: string;
  expect: {
    status: 'loaded' | 'failed' | null;
    exit: number;
    rows?: [number, number, number];
    lines?: [number, number, number, number];
    rejects?: string[];
    message?: string;
    encoding?: string;
    problem?: string;
    query?: [string, unknown[][]];
  };
}
const { cases } = JSON.parse(readFileSync(join(corpus, 'cases.json'), 'utf8')) as { cases: Case[] };

const POSTING_COLUMNS = {
  title: ['职位名称'],
  company: ['公司名称'],
  location_text: ['工作地点'],
  salary_text: ['薪资'],
  education_text: ['学历'],
  experience_text: ['经验'],
  posted_date: ['发布日期'],
};
const base: Omit<SourceMappingInput, 'source'> = {
  kind: 'job_posting',
  description: 'Bad-input corpus.',
  files: ['*.csv'],
  format: 'csv',
  columns: POSTING_COLUMNS,
};
/** The mappings the cases name; each is written to a sources folder as `corpus_<name>.json`. */
const MAPPINGS: Record<string, Omit<SourceMappingInput, 'source'>> = {
  posting: base,
  'posting-fast': { ...base, fastPath: true },
  'posting-description': { ...base, columns: { ...POSTING_COLUMNS, description: ['岗位描述'] } },
  'posting-keep': { ...base, keep: ['岗位编号', '福利'] },
  'posting-replace': { ...base, transforms: [{ op: 'replace', field: 'salary_text', pattern: '^年薪(\\d+)万$', with: '$1万/年' }] },
  json: {
    ...base,
    files: ['*.json'],
    format: 'json',
    columns: {
      title: ['title'],
      company: ['company.name'],
      location_text: ['city'],
      salary_text: ['pay'],
      skills: ['tags'],
      posted_date: ['date'],
    },
  },
  jsonl: {
    ...base,
    files: ['*.jsonl'],
    format: 'jsonl',
    columns: {
      title: ['title'],
      company: ['company.name'],
      location_text: ['city'],
      salary_text: ['pay'],
      skills: ['tags'],
      posted_date: ['date'],
    },
  },
  xlsx: { ...base, files: ['*.xlsx'], format: 'xlsx' },
  enrollment: {
    kind: 'enrollment',
    description: 'Bad-input corpus.',
    files: ['*.csv'],
    format: 'csv',
    columns: {
      school_name: ['学校名称'],
      school_code: ['学校代码'],
      school_level: ['办学层次'],
      major_code: ['专业代码'],
      major_name: ['专业名称'],
      year: ['年份'],
      enrolled_new: ['招生数'],
      enrolled_total: ['在校生数'],
      graduates: ['毕业生数'],
    },
  },
  shortage: {
    kind: 'shortage',
    description: 'Bad-input corpus.',
    files: ['*.csv'],
    format: 'csv',
    columns: {
      rank: ['排名'],
      occupation_name: ['职业名称'],
      vacancies: ['招聘需求人数'],
      job_seekers: ['求职人数'],
      shortfall: ['缺口数'],
    },
    constants: { publisher: '示范省公共就业服务机构' },
    transforms: [{ op: 'template', into: 'period', template: '{file_period}', requires: ['file_period'] }],
    period: { from: 'filename', pattern: '_(\\d{4}Q[1-4])' },
  },
};

let wh: Warehouse;
let dir: string;
let normalizers: ReturnType<typeof postingNormalizers>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bad-input-corpus-'));
  wh = await openWarehouse(join(dir, 'wh.duckdb'));
  normalizers = postingNormalizers(buildCoders(await readCoderReference(resolveConfig({}, {}))));
});
afterAll(() => {
  wh.close();
  rmSync(dir, { recursive: true, force: true });
});

let runs = 0;
/** Ingests with one mapping in a fresh sources folder, as `talent ingest` would, and returns the report and exit code. */
async function ingest(
  name: string,
  files: string[] | 'pattern',
  mappingFile?: string,
  patterns?: string[],
): Promise<{ report: IngestReport; exit: number; source: string }> {
  const sources = join(dir, `sources-${++runs}`);
  mkdirSync(sources);
  const source = mappingFile ? 'corpus_board' : `corpus_${name.replace(/-/g, '_')}`;
  if (mappingFile) copyFileSync(mappingFile, join(sources, `${source}.json`));
  else
    writeFileSync(join(sources, `${source}.json`), JSON.stringify({ ...MAPPINGS[name], ...(patterns ? { files: patterns } : {}), source }));
  const report = await ingestAll(wh, {
    sourcesDir: sources,
    roots: [join(corpus, 'files')],
    ...(files === 'pattern' ? { sources: [source] } : { files: files.map((path) => ({ source, path })) }),
    normalizers,
    today: TODAY,
    maxRejectShare: MAX_REJECT_SHARE,
  });
  return { report, exit: exitCodeFor(report.problems), source };
}

async function rejectsOf(loadId: string): Promise<string[]> {
  const r = await wh.conn.runAndReadAll(
    `SELECT line, column_name, reason FROM meta.rejected_rows WHERE load_id = $1 ORDER BY line, column_name`,
    [loadId],
  );
  return r.getRowObjects().map((x) => `${String(x.line)} ${(x.column_name as string | null) ?? '-'}: ${String(x.reason)}`);
}

async function query(sql: string, loadId: string): Promise<unknown[][]> {
  const r = await wh.conn.runAndReadAll(sql.replaceAll('$load', `'${loadId}'`));
  return r.getRows().map((row) => row.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

/** A good file for a mapping: three records that load, distinct per case so none is a duplicate. */
async function goodFile(name: string, tag: string): Promise<string> {
  const p = (ext: string) => join(dir, `good-${tag}${ext}`);
  const titles = [1, 2, 3].map((i) => `电工${tag}${i}`);
  if (name === 'json' || name === 'jsonl') {
    const objs = titles.map((title) => ({
      title,
      company: { name: '柳州某机械有限公司' },
      city: '柳州-城中区',
      pay: '5-8千',
      date: '2025-03-01',
    }));
    const file = p(name === 'json' ? '.json' : '.jsonl');
    writeFileSync(file, name === 'json' ? JSON.stringify(objs) : objs.map((o) => JSON.stringify(o)).join('\n') + '\n');
    return file;
  }
  if (name === 'enrollment') {
    const file = p('.csv');
    writeFileSync(
      file,
      [
        '学校名称,学校代码,办学层次,专业代码,专业名称,年份,招生数,在校生数,毕业生数',
        ...titles.map((t, i) => `柳州职业技术学院,4145012104,高职专科,46070${i + 1},${t},2024,120,350,98`),
      ].join('\n') + '\n',
    );
    return file;
  }
  if (name === 'shortage') {
    const file = join(dir, `good-${tag}_2024Q2.csv`);
    writeFileSync(
      file,
      ['排名,职业名称,招聘需求人数,求职人数,缺口数', ...titles.map((t, i) => `${i + 1},${t},500,200,300`)].join('\n') + '\n',
    );
    return file;
  }
  const header = ['职位名称', '公司名称', '工作地点', '薪资', '学历', '经验', '发布日期'];
  const rows = titles.map((t) => [t, '柳州某机械有限公司', '柳州-城中区', '5-8千', '大专', '1年', '2025-03-01']);
  // A file without a column its mapping names is refused: the good file has every mapped column.
  if (name === 'posting-description') {
    header.push('岗位描述');
    for (const r of rows) r.push('负责设备电气维护');
  }
  if (name === 'xlsx') {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('岗位');
    for (const r of [header, ...rows]) ws.addRow(r);
    const file = p('.xlsx');
    await wb.xlsx.writeFile(file);
    return file;
  }
  const file = p('.csv');
  writeFileSync(file, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return file;
}

describe('bad-input corpus: exact outcome and exit code of every file, and a good file loading afterwards', () => {
  it('holds at least 40 bad files', () => {
    expect(new Set(cases.map((c) => c.mappingDir ?? c.file)).size).toBeGreaterThanOrEqual(40);
  });

  cases.forEach((c, i) => {
    it(`${c.mappingDir ?? c.file}${c.why ? ` — ${c.why}` : ''}`, async () => {
      const e = c.expect;
      const mappingFile = c.mappingDir ? join(corpus, c.mappingDir, 'corpus_board.json') : undefined;
      const name = c.mapping === 'from-dir' ? 'posting' : c.mapping;
      const { report, exit } =
        c.run === 'pattern'
          ? await ingest(name, 'pattern', undefined, [c.file.replace(/^files\//, '')])
          : await ingest(name, [join(corpus, c.file)], mappingFile);
      if (e.problem) expect(report.problems.map((p) => p.message).join('\n')).toContain(e.problem);
      if (e.status) {
        expect(report.loads).toHaveLength(1);
        const l = report.loads[0]!;
        expect(l.status, l.message ?? '').toBe(e.status);
        if (e.status === 'failed') {
          if (e.message!.startsWith('^')) expect(l.message).toMatch(new RegExp(e.message!));
          else expect(l.message).toBe(e.message);
          // Nothing of a failed file is in the warehouse.
          expect(await rejectsOf(l.loadId)).toEqual([]);
          expect([l.rowsRead, l.rowsLoaded, l.rowsRejected, l.linesRead]).toEqual([0, 0, 0, null]);
        } else {
          expect([l.rowsRead, l.rowsLoaded, l.rowsRejected]).toEqual(e.rows);
          expect([l.linesRead, l.linesLoaded, l.linesRejected, l.linesExplained]).toEqual(e.lines);
          expect(await rejectsOf(l.loadId)).toEqual(e.rejects ?? []);
          if (e.message) expect(l.message).toContain(e.message);
          if (e.encoding) expect(l.encoding).toBe(e.encoding);
          if (e.query) expect(await query(e.query[0], l.loadId)).toEqual(e.query[1]);
          const [m] = (
            await wh.conn.runAndReadAll(
              `SELECT lines_read, lines_loaded, lines_rejected, lines_explained FROM meta.loads WHERE load_id = $1`,
              [l.loadId],
            )
          ).getRows();
          expect(m!.map(Number)).toEqual(e.lines);
        }
      }
      expect(exit).toBe(e.exit);
      if (c.mapping === 'from-dir') return;
      const good = await ingest(name, [await goodFile(name, String(i))]);
      expect(good.exit).toBe(EXIT.ok);
      expect(good.report.loads.map((l) => [l.status, l.rowsLoaded, l.rowsRejected])).toEqual([['loaded', 3, 0]]);
    });
  });

  it('an unknown --source is named with the nearest one, exit 3', async () => {
    const { report } = await ingest('posting', [join(corpus, 'files/header-only.csv')]);
    expect(report.problems).toEqual([]);
    const sources = join(dir, `sources-${runs}`);
    const r = await ingestAll(wh, { sourcesDir: sources, roots: [corpus], sources: ['corpus_postng'], normalizers, today: TODAY });
    expect(r.problems.map((p) => p.message)).toEqual([
      `unknown source "corpus_postng" (did you mean corpus_posting?): no mapping corpus_postng.json in ${sources}`,
    ]);
    expect(exitCodeFor(r.problems)).toBe(EXIT.unknownSource);
  });

  it('a pattern matching nothing for a source asked for, and a data folder with nothing at all, exit 5', async () => {
    const { report, exit } = await ingest('posting', 'pattern', undefined, ['postings/nothing_*.csv']);
    expect(report.loads).toEqual([]);
    expect(report.problems.map((p) => p.kind)).toEqual(['no-input']);
    expect(report.problems[0]!.message).toMatch(/corpus_posting: no file matches postings\/nothing_\*\.csv in /);
    expect(exit).toBe(EXIT.noInput);
    const sources = join(dir, `sources-${runs}`);
    const all = await ingestAll(wh, { sourcesDir: sources, roots: [join(dir, 'no-such-folder')], normalizers, today: TODAY });
    expect(all.problems.map((p) => p.kind)).toEqual(['no-input']);
  });

  it('100,000 columns: the seven known ones load, the rest are named (and counted) in the message', async () => {
    const file = join(dir, 'wide.csv');
    const extra = Array.from({ length: 99_993 }, (_, k) => `列${k + 1}`);
    const head = ['职位名称', '公司名称', '工作地点', '薪资', '学历', '经验', '发布日期', ...extra].join(',');
    const row = (t: string) =>
      [t, '柳州某机械有限公司', '柳州-城中区', '5-8千', '大专', '1年', '2025-03-01', ...extra.map(() => '')].join(',');
    writeFileSync(file, [head, row('宽表电工1'), row('宽表电工2')].join('\n') + '\n');
    const { report, exit } = await ingest('posting', [file]);
    const l = report.loads[0]!;
    expect([l.status, l.rowsRead, l.rowsLoaded, l.linesRead, l.linesExplained]).toEqual(['loaded', 2, 2, 3, 1]);
    expect(l.message).toContain('ignored 99993 unknown column(s): 列1, 列2, 列3');
    expect(l.message).toContain('(99973 more)');
    expect(exit).toBe(EXIT.ok);
  });

  it("a CSV of exactly 1,048,576 lines (Excel's sheet limit) loads, with a note that rows were probably lost", async () => {
    const file = join(dir, 'excel-limit.csv');
    const lines = ['学校标识码,学校名称'];
    for (let i = 1; i < 1_048_576; i++) lines.push(`41${String(i).padStart(8, '0')},学校${i}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const sources = join(dir, `sources-${++runs}`);
    mkdirSync(sources);
    writeFileSync(
      join(sources, 'corpus_schools.json'),
      JSON.stringify({
        source: 'corpus_schools',
        kind: 'school',
        description: 'Bad-input corpus.',
        files: ['*.csv'],
        format: 'csv',
        fastPath: true,
        columns: { school_code: ['学校标识码'], school_name: ['学校名称'] },
      }),
    );
    const report = await ingestAll(wh, {
      sourcesDir: sources,
      roots: [dir],
      files: [{ source: 'corpus_schools', path: file }],
      normalizers,
      today: TODAY,
    });
    const l = report.loads[0]!;
    expect([l.status, l.rowsRead, l.rowsLoaded, l.linesRead]).toEqual(['loaded', 1_048_575, 1_048_575, 1_048_576]);
    expect(l.message).toContain("exactly 1048576 lines, Excel's sheet limit");
    expect(exitCodeFor(report.problems)).toBe(EXIT.ok);
  });
});
