// temporary profiling harness (h9) — removed before report
import { DuckDBConnection } from '@duckdb/node-api';
import { openWarehouse, sourceMappingSchema } from '@talent/models';
import { loadFile, defaultNormalizers } from '@talent/ingest';
const file = process.argv[2]!;
const proto = DuckDBConnection.prototype as any;
for (const m of ['run', 'runAndReadAll']) {
  const orig = proto[m];
  proto[m] = async function (this: unknown, sql: string, ...rest: unknown[]) {
    const t = performance.now();
    const r = await orig.call(this, sql, ...rest);
    const ms = performance.now() - t;
    if (ms > 150) console.log(`${(ms / 1000).toFixed(2)}s  ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
    return r;
  };
}
const mapping = sourceMappingSchema.parse({
  source: 'bench_board', kind: 'job_posting', description: 'x', files: ['postings.csv'], format: 'csv', fastPath: true,
  columns: { source_id: ['岗位编号'], title: ['职位名称'], company: ['公司名称'], company_industry_text: ['公司行业'], location_text: ['工作地点'],
    salary_text: ['薪资'], education_text: ['学历要求'], experience_text: ['经验要求'], headcount: ['招聘人数'], posted_date: ['发布日期'] },
});
const db = process.argv[3] ?? '/tmp/h9/prof.duckdb';
const wh = await openWarehouse(db);
await wh.conn.run(`SET memory_limit = '1200MB'`);
const marks: [string, number][] = [];
const t = performance.now();
const r = await loadFile(wh.conn, mapping, file, { normalizers: defaultNormalizers(), today: '2025-12-31', onPhase: (p) => { marks.push([p, performance.now()]); console.log('--', p, ((performance.now() - t) / 1000).toFixed(2)); } });
console.log(r.status, r.rowsLoaded, r.duplicatesCollapsed, ((performance.now() - t) / 1000).toFixed(2), 'rss', Math.round(process.resourceUsage().maxRSS / 1024));
wh.close();
