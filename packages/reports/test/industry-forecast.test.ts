import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Warehouse } from '@talent/models';
import { type Publication } from '../src/index.js';
import { EMPLOYMENT_ESTIMATE_NOTE } from '../src/publications/methodology.js';
import { personsInText } from '../src/publications/context.js';
import { fixturePublications, PROVINCE, publicationWarehouse, VINTAGE } from './fixtures/publication-warehouse.js';
import { tablesOf } from './helpers/blocks.js';

let wh: Warehouse;
beforeAll(async () => {
  wh = await publicationWarehouse();
}, 120_000);
afterAll(() => wh?.close());

const forecastOf = async (): Promise<Publication> =>
  (await fixturePublications(wh, [PROVINCE])).publications.find((p) => p.id.startsWith('industry-forecast-'))!;
const groupParagraphs = (p: Publication) =>
  p.sections
    .flatMap((s) => s.sections ?? [])
    .filter((s) => s.id.startsWith('group-'))
    .map((s) => s.blocks.find((b) => b.kind === 'paragraph'))
    .map((b) => (b?.kind === 'paragraph' ? b.text : ''));

describe('persons in prose', () => {
  it('writes 万 with one decimal from ten thousand up, whole persons below, — when unknown', () => {
    expect([9999, 10_000, 1_345_378, -20_400, null].map(personsInText)).toEqual(['9999', '1.0万', '134.5万', '-2.0万', '—']);
  });
});

describe('行业人才需求预测', () => {
  it('calls the years before the forecast estimates, as the yearbook’s urban units scaled to all employment are', async () => {
    const p = await forecastOf();
    const fans = tablesOf(p).filter((t) => t.id.startsWith('fan-'));
    expect(fans.length).toBeGreaterThan(0);
    for (const t of fans) {
      expect(t.caption).toMatch(/就业人员估算值与预测值$/);
      expect(t.notes?.map((n) => n.text)).toContain(EMPLOYMENT_ESTIMATE_NOTE);
    }
  });

  it('says a projected level rises to (增至) or falls to (降至) as the series goes', async () => {
    const rising = groupParagraphs(await forecastOf());
    expect(rising.length).toBe(2);
    for (const text of rising) expect(text).toMatch(/预计\d{4}年增至/);
    // Tens of thousands in 万 with one decimal, as the releases write them; never a bare five-digit count.
    for (const text of rising) {
      expect(text).toMatch(/就业人员约\d+\.\d万人/);
      expect(text).not.toMatch(/\d{5}/);
    }
    // The same employment falling 3 % a year after the last observed year.
    await wh.conn.run(
      `UPDATE marts.fct_industry_trend SET employment = employment * pow(0.97 / 1.03, year - 2025) WHERE run_id = '${VINTAGE}' AND year > 2025`,
    );
    for (const text of groupParagraphs(await forecastOf())) expect(text).toMatch(/预计\d{4}年降至/);
  });
});
