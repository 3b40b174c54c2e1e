import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listMigrations, migrate, openWarehouse } from '@talent/models';
import { loadFile } from '../src/load/load-file.js';
import { normaliseCompany } from '../src/normalize/index.js';
import { coders, normalizers } from './helpers/coders.js';
import { POSTING_HEADER, POSTING_MAPPING } from './helpers/fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ingest-upgrade-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a warehouse upgraded past migration 019 (duplicate key stored as one hash)', () => {
  it('recognises a re-post in a new file as a copy of a posting stored before the upgrade', async () => {
    const file = join(dir, 'wh.duckdb');
    const inst = await DuckDBInstance.create(file);
    const conn = await inst.connect();
    await migrate(
      conn,
      listMigrations().filter((m) => m.version <= 18),
    );
    // A welder vacancy in 柳南区 as the loader of that schema stored it: the company and title keys
    // in their own columns, the text as read beside the codes.
    await conn.run(
      `INSERT INTO core.job_posting (posting_id, load_id, line, source, title, company, region_code, salary_min_monthly, salary_max_monthly,
         education, posted_date, company_norm, title_norm, location_text, salary_text, education_text, posted_date_raw)
       VALUES ('00aa11bb22cc33dd:2', 'L0', 2, 'old_board', '焊工', '柳州欧维姆机械股份有限公司', '450204', 5000, 8000,
         'associate', '2025-03-01', $1, $2, '柳州-柳南区', '5000-8000元/月', '大专', '2025-03-01')`,
      [normaliseCompany('柳州欧维姆机械股份有限公司'), coders.title('焊工')],
    );
    conn.closeSync();
    inst.closeSync();

    const wh = await openWarehouse(file);
    try {
      expect(wh.migrationsApplied).toEqual(['019_posting_narrower']);
      const b = join(dir, 'b.csv');
      writeFileSync(
        b,
        [
          POSTING_HEADER,
          // The same vacancy 19 days later, naming only the city: the same prefecture and pay.
          '焊工,柳州欧维姆机械股份有限公司,柳州市,5000-8000元/月,大专,1年,2025-03-20',
          // The same employer and title in another city: another vacancy.
          '焊工,柳州欧维姆机械股份有限公司,南宁-青秀区,5000-8000元/月,大专,1年,2025-03-20',
        ].join('\n') + '\n',
      );
      const r = await loadFile(wh.conn, POSTING_MAPPING, b, { normalizers, today: '2025-12-31' });
      expect(r.status).toBe('loaded');
      expect(r.duplicatesCollapsed).toBe(1);
      const marks = (
        await wh.conn.runAndReadAll(`SELECT line, region_code, duplicate_of FROM core.job_posting WHERE load_id = $1 ORDER BY line`, [
          r.loadId,
        ])
      ).getRowObjectsJson();
      expect(marks).toEqual([
        { line: '2', region_code: '450200', duplicate_of: '00aa11bb22cc33dd:2' },
        { line: '3', region_code: '450103', duplicate_of: null },
      ]);
      const demand = (
        await wh.conn.runAndReadAll(`SELECT demand_id, postings, sources FROM core.job_demand ORDER BY demand_id`)
      ).getRowObjectsJson();
      expect(demand.map((d) => [d.demand_id, d.postings])).toEqual([
        ['00aa11bb22cc33dd:2', '2'],
        [`${r.sha256.slice(0, 16)}:3`, '1'],
      ]);
    } finally {
      wh.close();
    }
  });
});
