import type { DuckDBConnection } from '@duckdb/node-api';
import { CountSystem } from '../disclosure/count-system.js';
import { DisclosedCells } from '../disclosure/disclosed-cells.js';
import { LinkedSystems, type CountCells } from '../disclosure/linked-systems.js';
import { protectCounts, type CellStatus, type Protection } from '../disclosure/protect.js';
import { selectRateBands, type BandSelection } from '../disclosure/rate-bands.js';
import { DEFAULT_RULES } from '../disclosure/rules.js';
import { everyPublication } from '../document/annexes.js';
import type { Publication, Section } from '../document/types.js';
import { assertValidPublication } from '../document/validate.js';
import { citiesOf, newestVintage, readRegion, resolveFramework, type PublicationContext } from './context.js';
import { graduateCountSystem, OUTSIDE } from './graduate-quality/counts.js';
import { buildCityGraduates, buildGraduateQuality } from './graduate-quality/index.js';
import { otherSchoolsCountSystem, placementBandCandidates, schoolCountSystem, schoolLinks } from './graduate-quality/school-counts.js';
import { buildSchoolGraduates, SCHOOL_REPORT_OMITTED, schoolsWithReports } from './graduate-quality/school-report.js';
import { newestCohort, readGraduateData, type GraduateData } from './graduate-quality/queries.js';
import { buildIndustryForecast } from './industry-forecast/index.js';
import { dataSourcesSection } from './data-sources.js';
import { readPublicationRules, type PublicationRules } from './rules.js';
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
  /** Every count the publications print, for writeRun's audit: the region's system linked with the schools'. */
  system: CountCells;
  protection: Protection;
  /** Lines for the operator: what was not written and why. */
  notes: string[];
  vintage: string | null;
  /** Cells and relations of the region's count system and of each school report's. */
  sizes: SystemSizes;
  /** Seconds spent protecting the counts (the region's, then the linked schools', then the rate bands). */
  protectionSeconds: number;
  /** The per-major 落实率 of the school reports printed as bands instead of `*`. */
  bands: BandSelection | null;
}

export interface SystemSizes {
  /** `withheldForSchools`: region cells published by the region's protection alone, withheld for the schools' reports. */
  region: { cells: number; relations: number; withheldForSchools: number };
  schools: { code: string; cells: number; relations: number }[];
}

/**
 * Builds the five publications of every region of the plan from the warehouse: the projection-based
 * four when a projection vintage exists, the graduate report whenever outcomes are loaded, with the
 * reports of the schools in the region annexed. Counts of persons of all editions go into the
 * region's count system, each school report's into its own, linked ({@link protectGraduateCounts}).
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
  const protectionStarted = performance.now();
  const { system, protection, reported, sizes } = await protectGraduateCounts(
    data,
    cities.map((c) => c.code),
    rules,
  );
  const bands = data
    ? await selectRateBands(system, protection.status, placementBandCandidates(data, reported), rules.placementBands.widths)
    : null;
  const protectionSeconds = (performance.now() - protectionStarted) / 1000;
  const cells = new DisclosedCells(system, protection, DEFAULT_RULES, bands?.bands);

  const publications: Publication[] = [];
  const schoolReports = new Map<string, Publication>();
  let schoolSources: Section | undefined;
  const provinceRegion = regions.find((r) => r.code === provinceCode) ?? (await readRegion(conn, provinceCode))!;
  for (const region of regions) {
    const year = plan.year ?? vintage?.lastObservedYear ?? cohort ?? new Date().getFullYear();
    const ctx: PublicationContext = {
      conn,
      runId: plan.runId,
      vintage,
      region,
      province: provinceRegion,
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
    if (data) {
      const report = region.level === '省' ? await buildGraduateQuality(ctx, data, cells) : await buildCityGraduates(ctx, data, cells);
      // One report per school located in the region (the province holds every school), built once per run.
      const located = data.schools.filter((s) => region.level === '省' || s.cityCode === region.code);
      const schools: Publication[] = [];
      for (const s of located.filter((s) => reported.has(s.code))) {
        let pub = schoolReports.get(s.code);
        if (!pub) {
          const schoolCtx = { ...ctx, region: provinceRegion };
          schoolSources ??= await dataSourcesSection(schoolCtx);
          schoolReports.set(s.code, (pub = buildSchoolGraduates(schoolCtx, data, cells, s, schoolSources)));
        }
        schools.push(pub);
      }
      publications.push(
        schools.length
          ? {
              ...report,
              annexes: {
                folder: 'schools',
                title: '各院校毕业生就业质量年度报告',
                publications: schools,
                omitted: located.filter((s) => !reported.has(s.code)).map((s) => s.name),
                omittedReason: SCHOOL_REPORT_OMITTED,
              },
            }
          : report,
      );
    }
  }
  for (const p of everyPublication(publications)) assertValidPublication(p);
  return { publications, system, protection, notes, vintage: vintage?.runId ?? null, sizes, protectionSeconds, bands };
}

/**
 * Cells of the region's graduate system that no table prints, unknown to an attacker: each level's
 * employed graduates in all places (the city editions print a level's graduates in the city only).
 * Published, the sum over a level's schools of 就业 less it would give the level's 应征义务兵 away.
 */
function unprintedRegionCells(region: CountSystem): Map<string, CellStatus> {
  const out = new Map<string, CellStatus>();
  for (const c of region.cells.values())
    if (c.measure === 'flow' && Object.keys(c.coords).length === 1 && c.coords.level !== undefined) out.set(c.key, 'unpublished');
  return out;
}

/**
 * The graduate counts of the run, protected in order: the region's system first (every edition's
 * tables), then the schools' systems with the region's statuses decided — linked to the region's
 * through the cells both print (a school's row in the by-school table) and the sums over schools
 * that the region prints ({@link schoolLinks}). The attack and the audit run on the linked whole,
 * each group of unpublished cells tied by some relation as its own LP; a region cell is withheld
 * after the fact only where no school cell will do (packages/reports/README.md, disclosure control).
 */
async function protectGraduateCounts(
  data: GraduateData | null,
  cityCodes: readonly string[],
  rules: PublicationRules,
): Promise<{ system: CountCells; protection: Protection; reported: ReadonlySet<string>; sizes: SystemSizes }> {
  if (!data) {
    const empty = new CountSystem({});
    return {
      system: empty,
      protection: await protectCounts(empty),
      reported: new Set(),
      sizes: { region: { cells: 0, relations: 0, withheldForSchools: 0 }, schools: [] },
    };
  }
  const region = graduateCountSystem(data, cityCodes, rules);
  const regionProtection = await protectCounts(region, DEFAULT_RULES, { decided: unprintedRegionCells(region) });
  const reported = new Set(schoolsWithReports(data, rules).map((s) => s.code));
  const places = [...cityCodes, OUTSIDE];
  const schools = data.schools.map((s) => ({ code: s.code, system: schoolCountSystem(data, s, places) }));
  const others = otherSchoolsCountSystem(data);
  const linked = new LinkedSystems(
    [region, ...schools.map((s) => s.system), ...(others ? [others] : [])],
    schoolLinks(data, rules, others !== null, places),
  );
  const problems = linked.checkAdditivity();
  if (problems.length > 0) throw new Error(`graduate counts do not add up: ${problems.slice(0, 3).join('; ')}`);
  const decided = new Map<string, CellStatus>(regionProtection.status);
  // A school without a report prints nothing beyond its row in the region's tables.
  for (const s of [...schools.filter((x) => !reported.has(x.code)).map((x) => x.system), ...(others ? [others] : [])])
    for (const k of s.cells.keys()) if (!decided.has(k)) decided.set(k, 'unpublished');
  const protection = await protectCounts(linked, DEFAULT_RULES, { decided });
  const size = (s: CountSystem) => ({ cells: s.cells.size, relations: s.relations().length });
  return {
    system: linked,
    protection,
    reported,
    sizes: {
      region: {
        ...size(region),
        withheldForSchools: [...regionProtection.status].filter(([k, v]) => v === 'published' && protection.status.get(k) !== v).length,
      },
      schools: schools.filter((s) => reported.has(s.code)).map((s) => ({ code: s.code, ...size(s.system) })),
    },
  };
}
