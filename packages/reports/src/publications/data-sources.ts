import { PROJECTION_SOURCE } from '../document/provenance.js';
import type { Section } from '../document/types.js';
import { loadedSources, type PublicationContext } from './context.js';

/** 数据来源: every source loaded into the warehouse with its load date, and the projection vintage read. */
export async function dataSourcesSection(ctx: PublicationContext): Promise<Section> {
  const sources = await loadedSources(ctx.conn);
  const vintage = ctx.vintage
    ? [
        {
          name: PROJECTION_SOURCE,
          table: 'meta.projection_runs',
          loadedAt: ctx.vintage.runId.slice(0, 8).replace(/(\d{4})(\d{2})(\d{2})/, '$1-$2-$3'),
          note: `预测版本 ${ctx.vintage.runId}，实际数据截至${ctx.vintage.lastObservedYear}年`,
        },
      ]
    : [];
  return { id: 'sources', title: '数据来源', blocks: [{ kind: 'data-sources', sources: [...sources, ...vintage] }] };
}
