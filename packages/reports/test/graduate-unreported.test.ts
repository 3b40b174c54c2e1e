import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Warehouse } from '@talent/models';
import { auditPublications, everyPublication, type BuiltPublications } from '../src/index.js';
import { fixturePublications, LAST_YEAR, PROVINCE, publicationWarehouse } from './fixtures/publication-warehouse.js';
import { tableOf } from './helpers/blocks.js';

let wh: Warehouse;
let built: BuiltPublications;
beforeAll(async () => {
  wh = await publicationWarehouse();
  // Returns that leave 出国、出境 empty for the whole cohort (the demo's returns do): unknown, not zero.
  await wh.conn.run(`UPDATE core.graduate_outcome SET dest_abroad = NULL WHERE graduation_year = ${LAST_YEAR}`);
  built = await fixturePublications(wh, [PROVINCE]);
}, 120_000);
afterAll(() => wh?.close());

describe('a 去向 that no return of the cohort reports', () => {
  it('has no row of zeros in the region’s or a school’s 毕业去向 table, and a note says why', async () => {
    const reports = everyPublication(built.publications).filter((p) => p.id.startsWith('graduate-quality-'));
    expect(reports.length).toBeGreaterThan(1);
    for (const p of reports) {
      const t = tableOf(p, 'dest-table');
      expect(t, p.id).toBeDefined();
      expect(
        t.rows.map((r) => r.cells.dest),
        p.id,
      ).toEqual(['协议和合同就业', '灵活就业', '自主创业', '应征义务兵', '升学', '待就业', '合计']);
      expect(t.notes?.map((n) => n.text)).toEqual(['本届各院校均未报送“出国、出境”人数，表中不列该去向。']);
    }
    const audit = await auditPublications(built.publications, built.system);
    expect(audit.violations).toEqual([]);
    expect(audit.mismatches).toEqual([]);
  });
});
