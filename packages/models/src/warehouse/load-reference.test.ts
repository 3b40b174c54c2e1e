import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from './append-rows.js';
import { loadReference } from './load-reference.js';
import { openWarehouse, type Warehouse } from './open.js';
import type { ReferenceTable } from './reference-table.js';

let wh: Warehouse;
beforeEach(async () => {
  wh = await openWarehouse(':memory:');
});
afterEach(() => wh.close());

const industry = (sha: string, extra = false): ReferenceTable => ({
  listId: 'industry',
  table: 'ref.industry',
  edition: 'test',
  sha256: sha,
  rows: [
    { code: 'C', name: '制造业', level: '门类', parent_code: null, section_code: 'C' },
    { code: '36', name: '汽车制造业', level: '大类', parent_code: 'C', section_code: 'C' },
    ...(extra ? [{ code: '361', name: '汽车整车制造', level: '中类', parent_code: '36', section_code: 'C' }] : []),
  ],
});
const count = async (sql: string) => Number((await wh.conn.runAndReadAll(sql)).getRowObjects()[0]!.n);

describe('loadReference', () => {
  it('loads new lists, skips unchanged ones and reloads a changed one', async () => {
    const first = await loadReference(wh.conn, [industry('a')]);
    expect(first.map((r) => r.status)).toEqual(['loaded']);
    expect(await count('SELECT count(*) n FROM ref.industry')).toBe(2);

    const again = await loadReference(wh.conn, [industry('a')]);
    expect(again.map((r) => r.status)).toEqual(['unchanged']);
    expect(await count('SELECT count(*) n FROM ref.industry')).toBe(2);

    const changed = await loadReference(wh.conn, [industry('b', true)]);
    expect(changed.map((r) => r.status)).toEqual(['loaded']);
    expect(await count('SELECT count(*) n FROM ref.industry')).toBe(3);
    expect(await count(`SELECT count(*) n FROM meta.reference_loads WHERE file_sha256 = 'b'`)).toBe(1);
  });

  it('leaves ref untouched when any table fails to load', async () => {
    await loadReference(wh.conn, [industry('a')]);
    const broken: ReferenceTable = { ...industry('c', true), listId: 'occupation', table: 'ref.occupation', rows: [{ code: 'x', nonsense: 1 }] };
    await expect(loadReference(wh.conn, [industry('b', true), broken])).rejects.toThrow(/no column "nonsense"/);
    expect(await count('SELECT count(*) n FROM ref.industry')).toBe(2);
    expect(await count(`SELECT count(*) n FROM meta.reference_loads WHERE file_sha256 = 'a'`)).toBe(1);
  });
});

describe('appendRows', () => {
  it('writes typed values and NULL for missing or empty cells', async () => {
    await appendRows(wh.conn, 'ref.occupation', [
      { code: '2-02-10-03', name: '计算机软件工程技术人员', level: '细类', parent_code: '2-02-10-00', is_digital: true, is_green: false, definition: '' },
    ]);
    const row = (await wh.conn.runAndReadAll('SELECT * FROM ref.occupation')).getRowObjects()[0]!;
    expect(row).toMatchObject({ code: '2-02-10-03', is_digital: true, is_green: false, definition: null });
  });
});
