import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildPostingLookups } from './code-postings.js';
import { parseSalary } from '../normalize/salary.js';

async function lookups(companies: (string | null)[], titles: string[]) {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(`CREATE TEMP TABLE acc (title VARCHAR, company VARCHAR, company_industry_text VARCHAR, salary_text VARCHAR,
    location_text VARCHAR, education_text VARCHAR, experience_text VARCHAR)`);
  const app = await conn.createAppender('acc', 'main', 'temp');
  companies.forEach((c, i) => {
    app.appendVarchar(titles[i % titles.length]!);
    if (c === null) app.appendNull();
    else app.appendVarchar(c);
    app.appendNull();
    app.appendVarchar(['4-6千', '12-18K·13薪', '面议'][i % 3]!);
    for (let k = 0; k < 3; k++) app.appendNull();
    app.endRow();
  });
  app.closeSync();
  await buildPostingLookups(conn, 'acc', 't', {
    companyKey: (c) => `<${c}>`,
    titleKey: (t) => t.toLowerCase(),
    salary: (s) => {
      const p = parseSalary(s);
      return { minMonthly: p.minMonthly, maxMonthly: p.maxMonthly, months: p.monthsPerYear };
    },
  });
  const read = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson();
  const out = {
    cmp: await read('SELECT text, norm FROM t_lk_cmp ORDER BY text'),
    ttl: await read('SELECT text, norm FROM t_lk_ttl ORDER BY text'),
    sal: await read('SELECT text, mn, mx, months FROM t_lk_sal ORDER BY text'),
  };
  conn.closeSync();
  inst.closeSync();
  return out;
}

describe('posting lookups', () => {
  it('code each distinct text once, whether or not the text holds the separators of the fast fetch', async () => {
    const plain = ['广西柳工机械股份有限公司', '上汽通用五菱汽车股份有限公司', '柳州螺霸王食品有限公司'];
    // A scraper's control characters (ASCII record and unit separators) inside a company name.
    const odd = ['柳州\x1e某机械有限公司', '南宁\x1f某科技有限公司'];
    for (const companies of [plain, [...plain, ...odd]]) {
      const rows = [...companies, ...companies, null];
      const r = await lookups(rows, ['Python开发工程师', '数控车工']);
      expect(r.cmp).toEqual([...companies].sort().map((c) => ({ text: c, norm: `<${c}>` })));
      expect(r.ttl).toEqual([
        { text: 'Python开发工程师', norm: 'python开发工程师' },
        { text: '数控车工', norm: '数控车工' },
      ]);
    }
  });

  it('keeps 面议 as unknown pay, never zero', async () => {
    const r = await lookups(['a公司', 'b公司', 'c公司'], ['电工']);
    expect(r.sal).toEqual([
      { text: '12-18K·13薪', mn: 12000, mx: 18000, months: 13 },
      { text: '4-6千', mn: 4000, mx: 6000, months: 12 },
      { text: '面议', mn: null, mx: null, months: null },
    ]);
  });
});
