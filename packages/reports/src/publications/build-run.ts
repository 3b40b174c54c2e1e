import type { DuckDBConnection } from '@duckdb/node-api';
import { CountSystem } from '../disclosure/count-system.js';
import { DisclosedCells } from '../disclosure/disclosed-cells.js';
import { protectCounts, type Protection } from '../disclosure/protect.js';
import type { Publication } from '../document/types.js';
import { assertValidPublication } from '../document/validate.js';
import { citiesOf, newestVintage, readRegion, resolveFramework, type PublicationContext } from './context.js';
import { graduateCountSystem } from './graduate-quality/counts.js';
import { buildCityGraduates, buildGraduateQuality } from './graduate-quality/index.js';
import { newestCohort, readGraduateData } from './graduate-quality/queries.js';
import { buildIndustryForecast } from './industry-forecast/index.js';
import { readPublicationRules } from './rules.js';
import { buildShortageCatalogue } from './shortage-catalogue/index.js';
import { buildSkillsSupplyDemand } from './skills-supply-demand/index.js';
import { buildTrainingCatalogue } from './training-catalogue/index.js';

/** Cohorts in the graduate reports' trend section. */
const TREND_COHORTS = 5;

export interface PublicationPlan {
  /** The run writing the reports. */
  runId: string;
  /** Region codes: a province or its cities (all in one province, since the counts of a run are linked). */
  regions: readonly string[];
  year?: number;
  framework?: string;
  datasetsDir: string;
  /** Date printed under the titles (YYYY-MM-DD). */
  issued: string;
}

export interface BuiltPublications {
  publications: Publication[];
  /** Every count the publications print, for writeRun's audit. */
  system: CountSystem;
  protection: Protection;
  /** Lines for the operator: what was not written and why. */
  notes: string[];
  vintage: string | null;
}

/**
 * Builds the five publications of every region of the plan from the warehouse: the projection-based
 * four when a projection vintage exists, the graduate report whenever outcomes are loaded. Counts of
 * persons of all editions go into one count system, protected together.
 */
export async function buildPublications(conn: DuckDBConnection, plan: PublicationPlan): Promise<BuiltPublications> {
  const rules = readPublicationRules(plan.datasetsDir);
  const regions = [];
  for (const code of plan.regions) {
    const r = await readRegion(conn, code);
    if (!r) throw new Error(`unknown region ${code}`);
    regions.push(r);
  }
  const provinces = new Set(regions.map((r) => r.provinceCode));
  if (provinces.size !== 1) throw new Error('the regions of one run must lie in one province');
  const provinceCode = [...provinces][0]!;
  const cities = await citiesOf(conn, provinceCode);
  const vintage = await newestVintage(conn);
  const notes: string[] = [];
  if (!vintage)
    notes.push(
      'No projection vintage in meta.projection_runs: 技能人才供需信息, 紧缺型职业目录, 培训目录 and 行业人才需求预测 are not written.',
    );

  const newest = await newestCohort(conn);
  const cohort = plan.year !== undefined && newest !== null && plan.year <= newest ? plan.year : newest;
  const data = cohort === null ? null : await readGraduateData(conn, cohort, provinceCode, TREND_COHORTS);
  if (!data) notes.push('No graduate outcomes in core.graduate_outcome: the graduate report is not written.');
  const system = data
    ? graduateCountSystem(
        data,
        cities.map((c) => c.code),
        rules,
      )
    : new CountSystem({});
  const protection = await protectCounts(system);
  const cells = new DisclosedCells(system, protection);

  const publications: Publication[] = [];
  for (const region of regions) {
    const year = plan.year ?? vintage?.lastObservedYear ?? cohort ?? new Date().getFullYear();
    const ctx: PublicationContext = {
      conn,
      runId: plan.runId,
      vintage,
      region,
      cities,
      year,
      framework: await resolveFramework(conn, region, rules, plan.framework),
      rules,
      issued: plan.issued,
    };
    if (vintage) {
      publications.push(await buildSkillsSupplyDemand(ctx));
      publications.push(await buildShortageCatalogue(ctx));
      publications.push(await buildTrainingCatalogue(ctx));
      publications.push(await buildIndustryForecast(ctx));
    }
    if (data)
      publications.push(region.level === '省' ? await buildGraduateQuality(ctx, data, cells) : await buildCityGraduates(ctx, data, cells));
  }
  for (const p of publications) assertValidPublication(p);
  return { publications, system, protection, notes, vintage: vintage?.runId ?? null };
}
