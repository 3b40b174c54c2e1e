import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Warehouse } from '@talent/models';
import { type Publication, type TableBlock } from '../src/index.js';
import { LEVEL_NOTE } from '../src/publications/methodology.js';
import { fixturePublications, LAST_YEAR, OCCUPATIONS, PROVINCE, publicationWarehouse } from './fixtures/publication-warehouse.js';
import { tableOf } from './helpers/blocks.js';

let wh: Warehouse;
let skills: Publication;
beforeAll(async () => {
  wh = await publicationWarehouse();
  skills = (await fixturePublications(wh, [PROVINCE])).publications.find((p) => p.id.startsWith('skills-supply-demand-'))!;
}, 120_000);
afterAll(() => wh?.close());

const table = (id: string) => tableOf(skills, id);

describe('the supply-over-demand table of 技能人才供需信息', () => {
  it('gives each occupation its last year’s place among the surpluses, not among all occupations, and says so', async () => {
    const surplus: TableBlock = table('surplus-table');
    // The fixture's occupations 3–6 have more supply than demand in both years, the sixth the most (1,600 in 2025).
    expect(surplus.rows.map((r) => [r.cells.code, r.cells.previous])).toEqual([
      [OCCUPATIONS[5], '1'],
      [OCCUPATIONS[4], '2'],
      [OCCUPATIONS[3], '3'],
      [OCCUPATIONS[2], '4'],
    ]);
    const [last] = (
      await wh.conn.runAndReadAll(
        `SELECT count(*) FROM marts.fct_occupation_shortage WHERE region_code = '${PROVINCE}' AND year = ${LAST_YEAR} AND gap < 0`,
      )
    ).getRows();
    expect(Number(last![0])).toBe(4);
    expect(surplus.notes?.map((n) => n.id)).toEqual(['surplus-previous']);
    expect(table('ranking-table').notes?.map((n) => n.text)).toContain(LEVEL_NOTE);
  });
});
