import { DuckDBConnection } from '@duckdb/node-api';
import { openWarehouse } from '@talent/models';
const orig = DuckDBConnection.prototype.run;
DuckDBConnection.prototype.run = async function (this: DuckDBConnection, sql: string, ...rest: unknown[]) {
  const t = performance.now();
  const r = await (orig as any).call(this, sql, ...rest);
  const ms = performance.now() - t;
  if (false) { const q = sql.replace('INSERT INTO core.job_posting', ''); const t0 = performance.now(); const ex = await this.runAndReadAll('EXPLAIN ANALYZE ' + q); console.log(String(ex.getRows()[0]![1]).split('\n').slice(0, 400).join('\n')); console.log('explain', performance.now() - t0); }
  if (ms > 200) console.log(`${ms.toFixed(0)}ms  ${sql.replace(/\s+/g, ' ').slice(0, 140)}`);
  return r;
} as any;
const { loadFile, defaultNormalizers } = await import('./index.js');
const { sourceMappingSchema } = await import('@talent/models');
const mapping = sourceMappingSchema.parse({ source: 'b', kind: 'job_posting', description: 'x', files: ['x'], format: 'csv', fastPath: true,
  columns: { source_id: ['岗位编号'], title: ['职位名称'], company: ['公司名称'], company_industry_text: ['公司行业'], location_text: ['工作地点'], salary_text: ['薪资'], education_text: ['学历要求'], experience_text: ['经验要求'], headcount: ['招聘人数'], posted_date: ['发布日期'] } });
const wh = await openWarehouse('/tmp/h6a/prof.duckdb');
const r = await loadFile(wh.conn, mapping, process.argv[2]!, { normalizers: defaultNormalizers(), today: '2025-12-31' });
console.log(r.status, r.rowsLoaded, r.message);
wh.close();
