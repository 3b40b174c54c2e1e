import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Warehouse } from '@talent/models';
import { type BuiltPublications } from '../src/index.js';
import { loadedSources } from '../src/publications/context.js';
import { fixturePublications, PROVINCE, publicationWarehouse } from './fixtures/publication-warehouse.js';

let wh: Warehouse;
let built: BuiltPublications;
beforeAll(async () => {
  wh = await publicationWarehouse();
  // A shortage table's load beside the fixture's graduate returns: its rows are in core.shortage_entry.
  await wh.conn.run(`
    INSERT INTO meta.loads BY NAME
    SELECT 'L-fixture_shortage' AS load_id, 'fixture_shortage' AS source, 'shortage' AS kind, 'shortage.csv' AS file_path, 'y' AS file_sha256,
           40 AS rows_read, 40 AS rows_loaded, 0 AS rows_rejected, 0 AS duplicates_collapsed, 'loaded' AS status,
           TIMESTAMPTZ '2026-11-30 02:00:00+00' AS started_at, TIMESTAMPTZ '2026-11-30 02:01:00+00' AS finished_at`);
  built = await fixturePublications(wh, [PROVINCE]);
}, 120_000);
afterAll(() => wh?.close());

describe('数据来源', () => {
  it('names each source by the kind of data it holds, the table that holds its rows and its data set', () => {
    const section = built.publications[0]!.sections.find((s) => s.id === 'sources')!;
    const block = section.blocks.find((b) => b.kind === 'data-sources')!;
    expect(block.kind === 'data-sources' && block.sources.filter((s) => s.note?.startsWith('数据集'))).toEqual([
      { name: '毕业去向', table: 'core.graduate_outcome', loadedAt: '2026-11-30', rows: 10, note: '数据集 fixture_outcomes' },
      { name: '毕业去向地区', table: 'core.graduate_region', loadedAt: '2026-11-30', rows: 10, note: '数据集 fixture_regions' },
      { name: '缺工排行', table: 'core.shortage_entry', loadedAt: '2026-11-30', rows: 40, note: '数据集 fixture_shortage' },
    ]);
  });

  it('lists a source whose load replaced an earlier one, and leaves out a load that accepted no row', async () => {
    await wh.conn.run(`
      INSERT INTO meta.loads BY NAME
      SELECT load_id, 'fixture_schools' AS source, 'school' AS kind, 'school_list_2025.csv' AS file_path, sha AS file_sha256,
             7 AS rows_read, 7 AS rows_loaded, 0 AS rows_rejected, 0 AS duplicates_collapsed, status, superseded_by,
             started AS started_at, started + INTERVAL 1 MINUTE AS finished_at
        FROM (VALUES ('L-list-1', 'a', 'loaded', 'L-list-2', TIMESTAMPTZ '2026-11-29 02:00:00+00'),
                     ('L-list-2', 'b', 'replaced', NULL, TIMESTAMPTZ '2026-12-01 02:00:00+00')) t(load_id, sha, status, superseded_by, started);
      INSERT INTO meta.loads BY NAME
      SELECT 'L-empty' AS load_id, 'fixture_empty' AS source, 'shortage' AS kind, 'empty_2025Q4.csv' AS file_path, 'z' AS file_sha256,
             3 AS rows_read, 0 AS rows_loaded, 3 AS rows_rejected, 0 AS duplicates_collapsed, 'loaded' AS status,
             TIMESTAMPTZ '2026-12-01 02:00:00+00' AS started_at, TIMESTAMPTZ '2026-12-01 02:01:00+00' AS finished_at`);
    try {
      const sources = await loadedSources(wh.conn);
      expect(sources.find((s) => s.note === '数据集 fixture_schools')).toEqual({
        name: '学校名单',
        table: 'core.school',
        loadedAt: '2026-12-01',
        rows: 7,
        note: '数据集 fixture_schools',
      });
      expect(sources.some((s) => s.note === '数据集 fixture_empty')).toBe(false);
    } finally {
      await wh.conn.run(`DELETE FROM meta.loads WHERE load_id IN ('L-list-1', 'L-list-2', 'L-empty')`);
    }
  });
});
