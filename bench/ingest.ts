/**
 * Ingest benchmark (not a test): loads 1,000,000 job postings from one CSV with full validation
 * and coding, and DuckDB's own read_csv of the same file into a table with no checks, in the same
 * run, `--runs` times (default 3) in pairs, each into fresh files. Prints rows per second, peak
 * memory and the ratio of our time to DuckDB's per pair, and the median ratio: one pair on a
 * machine doing other work moves by ±0.3.
 *   npm run bench:ingest [-- --rows 1000000 --runs 3 --stream]
 * --stream also times the Node stream reader (csv-parse → Appender) used for irregular files.
 * BENCH_TRACE=1 also prints each SQL statement slower than 200 ms (BENCH_TRACE=<ms>: another threshold)
 * with wall and CPU seconds: where a phase spends its time. BENCH_EXPLAIN=<regex> runs the statements
 * matching it under EXPLAIN ANALYZE and prints their plans with operator timings (with BENCH_TRACE).
 * The last line reads `ratio_vs_read_csv=<median> ratio_range=<min>-<max> rows_per_s=<n> peak_rss_mb=<n>`.
 */
import { mkdtempSync, rmSync, createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openWarehouse, resolveConfig, sourceMappingSchema } from '@talent/models';
import { buildCoders, loadFile, postingNormalizers, readCoderReference, type LoadPhase } from '@talent/ingest';

const args = process.argv.slice(2);
const rowsArg = args.indexOf('--rows');
const N = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
const withStream = args.includes('--stream');
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`--runs ${args[runsArg + 1]}: a whole number of at least 1`);

const mapping = sourceMappingSchema.parse({
  source: 'bench_board',
  kind: 'job_posting',
  description: 'Synthetic board export for the ingest benchmark.',
  files: ['postings.csv'],
  format: 'csv',
  fastPath: true,
  columns: {
    source_id: ['岗位编号'],
    title: ['职位名称'],
    company: ['公司名称'],
    company_industry_text: ['公司行业'],
    location_text: ['工作地点'],
    salary_text: ['薪资'],
    education_text: ['学历要求'],
    experience_text: ['经验要求'],
    headcount: ['招聘人数'],
    posted_date: ['发布日期'],
  },
});

// Value pools shaped like the real boards (see ../shared/reference/SOURCES.md): salary spellings
// of several boards, 城市-区 places, platform industry labels; about 120,000 distinct employers.
const TITLES = [
  '汽车装调工',
  '数控车工',
  '电工',
  'Python开发工程师',
  '会计',
  '销售代表',
  '仓库管理员',
  '焊工',
  '数据分析师',
  '护士',
  '幼儿教师',
  '客服专员',
  '机械设计工程师',
  '质检员',
  '物流专员',
  '厨师',
  '保安员',
  '电商运营',
  '前端开发工程师',
  '行政专员',
];
const COMPANY_STEMS = ['柳州', '南宁', '桂林', '玉林', '北海', '贵阳', '遵义', '梧州'];
const COMPANY_KINDS = ['机械', '汽车零部件', '食品', '信息科技', '物流', '医药', '建筑工程', '电子商务', '教育咨询', '新材料'];
const INDUSTRIES = [
  '汽车生产',
  '计算机软件',
  '互联网',
  '机械/设备/重工',
  '快速消费品(食品、饮料、化妆品)',
  '医疗/护理/卫生',
  '物流/仓储',
  '教育/培训/院校',
  '建筑/建材/工程',
  '电子商务',
];
const PLACES = [
  '柳州-城中区',
  '柳州-鱼峰区',
  '柳州-柳南区',
  '柳州-柳北区',
  '南宁-青秀区',
  '南宁-西乡塘区',
  '桂林-七星区',
  '玉林-玉州区',
  '贵阳-观山湖区',
  '遵义-汇川区',
  '广西南宁良庆区',
  '北海-海城区',
];
const PAY = ['4-6千', '5000-8000元/月', '6-9K', '1-1.5万', '8千-1.2万·13薪', '面议', '150元/天', '10-15万/年', '12-18K·14薪', '3500-4500'];
const EDU = ['大专', '本科', '中专/中技', '学历不限', '高中', '硕士'];
const EXP = ['经验不限', '1-3年', '3-5年', '1年以下', '5-10年', '在校/应届'];

async function writeFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('岗位编号,职位名称,公司名称,公司行业,工作地点,薪资,学历要求,经验要求,招聘人数,发布日期\n');
  // mulberry32: a seeded generator whose low bits are as random as its high bits.
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
  // About one posting in ten is re-posted (same company, title, place and pay), as boards do.
  const recent: string[] = [];
  let chunk: string[] = [];
  for (let i = 0; i < N; i++) {
    const day = `2025-${String(1 + rnd(12)).padStart(2, '0')}-${String(1 + rnd(28)).padStart(2, '0')}`;
    let body: string;
    if (recent.length > 100 && rnd(10) === 0) {
      body = recent[rnd(recent.length)]!;
    } else {
      const company = `${COMPANY_STEMS[rnd(8)]}${COMPANY_KINDS[rnd(10)]}${rnd(1500)}有限公司`;
      body = `${TITLES[rnd(20)]}${rnd(50) ? '' : '（急聘）'},${company},${INDUSTRIES[rnd(10)]},${PLACES[rnd(12)]},${PAY[rnd(10)]},${EDU[rnd(6)]},${EXP[rnd(6)]},${1 + rnd(20)}`;
      recent.push(body);
      if (recent.length > 5000) recent.splice(0, 1000);
    }
    chunk.push(`P${i},${body},${day}`);
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = [];
    }
  }
  out.write(chunk.join('\n') + (chunk.length ? '\n' : ''));
  await new Promise<void>((r) => out.end(r));
}

/** CPU seconds of this process (every thread, DuckDB's included) since `from`. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};

async function duckdbBaseline(file: string, dbPath: string): Promise<{ ms: number; cpu: number }> {
  const inst = await DuckDBInstance.create(dbPath);
  const conn = await inst.connect();
  const t = performance.now();
  const c = process.cpuUsage();
  await conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}')`);
  const ms = performance.now() - t;
  const cpu = cpuSince(c);
  conn.closeSync();
  inst.closeSync();
  return { ms, cpu };
}

async function ours(
  file: string,
  dbPath: string,
  forceStream: boolean,
): Promise<{ ms: number; cpu: number; loaded: number; rejected: number; phases: string }> {
  // The warehouse's own buffer pool limit, as the nightly job opens it (DEFAULT_MEMORY_LIMIT, or
  // TALENT_MEMORY_LIMIT): DuckDB spills instead of growing.
  const wh = await openWarehouse(dbPath);
  const limit = (await wh.conn.runAndReadAll(`SELECT current_setting('memory_limit')`)).getRows()[0]![0];
  console.log(`warehouse memory_limit: ${String(limit)}`);
  const normalizers = postingNormalizers(buildCoders(await readCoderReference(resolveConfig())));
  // BENCH_TRACE=1 prints every statement slower than 200 ms (BENCH_TRACE=<ms>: slower than that),
  // with its wall and CPU time (CPU of all threads: steadier than wall time on a busy machine).
  const traceMs = Number(process.env.BENCH_TRACE) > 1 ? Number(process.env.BENCH_TRACE) : 200;
  if (process.env.BENCH_TRACE) {
    const c = wh.conn as unknown as Record<'run' | 'runAndReadAll', (...a: unknown[]) => Promise<unknown>>;
    const readAll = c.runAndReadAll.bind(wh.conn);
    let explaining = false;
    for (const m of ['run', 'runAndReadAll'] as const) {
      const orig = c[m].bind(wh.conn);
      c[m] = async (...a: unknown[]) => {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        try {
          if (!explaining && process.env.BENCH_EXPLAIN && new RegExp(process.env.BENCH_EXPLAIN).test(String(a[0]))) {
            explaining = true;
            const r = (await readAll('EXPLAIN ANALYZE ' + String(a[0]), ...a.slice(1)).finally(() => (explaining = false))) as {
              getRows(): unknown[][];
            };
            console.log(
              r
                .getRows()
                .map((x) => String(x[1]))
                .join('\n'),
            );
            return r;
          }
          return await orig(...a);
        } finally {
          const dt = performance.now() - t0;
          const cpu = process.cpuUsage(c0);
          if (dt > traceMs)
            console.log(
              `  [${(dt / 1000).toFixed(2)}s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)}s] ${String(a[0]).replace(/\s+/g, ' ').slice(0, 120)}`,
            );
        }
      };
    }
  }
  const marks: [LoadPhase, number][] = [];
  const t = performance.now();
  const c0 = process.cpuUsage();
  const r = await loadFile(wh.conn, mapping, file, {
    normalizers,
    today: '2025-12-31',
    forceStream,
    onPhase: (p) => marks.push([p, performance.now()]),
  });
  const ms = performance.now() - t;
  const cpu = cpuSince(c0);
  wh.close();
  if (r.status !== 'loaded') throw new Error(`bench load ${r.status}: ${r.message}`);
  const phases = marks.map(([p, at], i) => `${p}=${(((marks[i + 1]?.[1] ?? t + ms) - at) / 1000).toFixed(2)}s`).join(' ');
  return { ms, cpu, loaded: r.rowsLoaded, rejected: r.rowsRejected, phases };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
try {
  const file = join(dir, 'postings.csv');
  await writeFile(file);
  console.log(`file: ${N} postings, ${(statSync(file).size / 1e6).toFixed(1)} MB`);
  const pairs: { ratio: number; ms: number; cpuRatio: number }[] = [];
  for (let i = 1; i <= RUNS; i++) {
    const base = await duckdbBaseline(file, join(dir, `baseline-${i}.duckdb`));
    console.log(`run ${i}/${RUNS}: duckdb read_csv (no checks): ${(base.ms / 1000).toFixed(2)} s (cpu ${base.cpu.toFixed(2)} s)`);
    const run = await ours(file, join(dir, `wh-${i}.duckdb`), false);
    console.log(
      `run ${i}/${RUNS}: ingest (read_csv + validation + coding + core, one transaction): ${(run.ms / 1000).toFixed(2)} s (cpu ${run.cpu.toFixed(2)} s), loaded ${run.loaded}, rejected ${run.rejected}`,
    );
    console.log(`  phases: ${run.phases}`);
    pairs.push({ ratio: run.ms / base.ms, ms: run.ms, cpuRatio: run.cpu / base.cpu });
    console.log(`  ratio ${(run.ms / base.ms).toFixed(2)}, cpu ratio ${(run.cpu / base.cpu).toFixed(2)}`);
    rmSync(join(dir, `baseline-${i}.duckdb`), { force: true });
    rmSync(join(dir, `wh-${i}.duckdb`), { force: true });
  }
  if (withStream) {
    const s = await ours(file, join(dir, 'wh-stream.duckdb'), true);
    console.log(`ingest via Node stream reader: ${(s.ms / 1000).toFixed(2)} s (${Math.round(N / (s.ms / 1000))} rows/s)`);
    console.log(`  phases: ${s.phases}`);
  }
  const median = (xs: number[]) => {
    const v = [...xs].sort((x, y) => x - y);
    return v.length % 2 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  };
  const ratios = pairs.map((p) => p.ratio);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`cpu ratio, median (less sensitive to other load on the machine): ${median(pairs.map((p) => p.cpuRatio)).toFixed(2)}`);
  console.log(
    `ratio_vs_read_csv=${median(ratios).toFixed(2)} ratio_range=${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} rows_per_s=${Math.round(N / (median(pairs.map((p) => p.ms)) / 1000))} peak_rss_mb=${Math.round(peakMb)}`,
  );
} finally {
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}
