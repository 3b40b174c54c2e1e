import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from './append-rows.js';
import { openWarehouse, type Warehouse } from './open.js';

let wh: Warehouse;
beforeEach(async () => {
  wh = await openWarehouse(':memory:');
});
afterEach(() => wh.close());

describe('core.occupation_by_name', () => {
  it("finds an occupation by its code's name and by its own name, the most detailed code for a shared name", async () => {
    // Rows of datasets/reference/occupation/csco_2022.csv.
    await appendRows(wh.conn, 'ref.occupation', [
      { code: '6-29-00-00', name: '建筑施工人员', level: '中类', parent_code: '6-00-00-00', is_occupation: false, is_digital: false, is_green: false },
      { code: '6-29-01-00', name: '房屋建筑施工人员', level: '小类', parent_code: '6-29-00-00', is_occupation: false, is_digital: false, is_green: false },
      { code: '6-29-01-01', name: '砌筑工', level: '细类', parent_code: '6-29-01-00', is_occupation: true, occupation_name: '砌筑工', is_digital: false, is_green: false },
      { code: '6-29-05-00', name: '古建筑修建人员', level: '小类', parent_code: '6-29-00-00', is_occupation: true, occupation_name: '古建筑工', is_digital: false, is_green: false },
      // A name borne by a 小类 and its 细类.
      { code: '2-01-04-00', name: '教育学研究人员', level: '小类', parent_code: '2-01-00-00', is_occupation: false, is_digital: false, is_green: false },
      { code: '2-01-04-01', name: '教育学研究人员', level: '细类', parent_code: '2-01-04-00', is_occupation: true, occupation_name: '教育学研究人员', is_digital: false, is_green: false },
    ]);
    const rows = (await wh.conn.runAndReadAll(`SELECT name, code FROM core.occupation_by_name ORDER BY name`)).getRowsJson();
    expect(new Map(rows as [string, string][])).toEqual(
      new Map([
        ['建筑施工人员', '6-29-00-00'],
        ['房屋建筑施工人员', '6-29-01-00'],
        ['砌筑工', '6-29-01-01'],
        ['古建筑修建人员', '6-29-05-00'],
        ['古建筑工', '6-29-05-00'],
        ['教育学研究人员', '2-01-04-01'],
      ]),
    );
    expect(rows).toHaveLength(6);
  });
});
