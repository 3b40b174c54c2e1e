/**
 * Grades the newest run of a warehouse against an edition's truth: per framework group and
 * horizon, per city, for the 大类 on their own, and the shortage ranking; the naive projection
 * beside every figure.
 */
import { absolutePercentageError, covers, coverage, mape, mean, rankingSpearman } from './metrics.js';
import {
  duplicateTrendRows,
  demandTotals,
  incoherentDemand,
  loadProjections,
  naiveRanking,
  newestProjectedRun,
  projectedRanking,
  type Incoherence,
} from './projections.js';
import { openScoringDb } from './scoring-db.js';
import { DIVISION_FRAMEWORK, loadTruth, readEditionYears, trueTop, type EditionYears, type TruthSummary } from './truth.js';

/** The horizon of the headline figures (years after the last observed one). */
export const HEADLINE_HORIZON = 3;
/** How many occupations of the true ranking the rank correlation is taken over. */
export const RANKING_TOP = 50;

/** One framework group at one region and forecast year: the truth, our projection, the naive one. */
export interface GradedRow {
  framework: string;
  groupCode: string;
  groupName: string;
  ownRegion: string;
  region: string;
  year: number;
  h: number;
  truth: { employment: number; openings: number; supply: number };
  /** Null when the run has no row for the group, region and year. */
  ours: {
    employment: number | null;
    employmentLo: number | null;
    employmentHi: number | null;
    openings: number | null;
    demand: number | null;
    demandLo: number | null;
    demandHi: number | null;
    supply: number | null;
  } | null;
  /** The latest observed year's values; null when the run has no observed row for the group and region. */
  naive: { employment: number | null; demand: number | null; supply: number | null } | null;
  /** The truth of the latest observed year (employment, openings as demand, supply); null without truth there. */
  persistence: { employment: number; demand: number; supply: number } | null;
}

/** Mean errors (percent) of a set of rows at one horizon, ours and naive, and interval coverage. */
export interface HorizonSummary {
  h: number;
  groups: number;
  /** Rows the run does not project (left out of the MAPEs, counted as misses in coverage). */
  missing: number;
  demand: { ours: number; naive: number; persistence: number };
  employment: { ours: number; naive: number; persistence: number };
  supply: { ours: number; naive: number; persistence: number };
  coverage: { employment: number; demand: number };
}

export interface RankingScore {
  year: number;
  h: number;
  spearman: number;
  naiveSpearman: number;
  /** The true ranking of the latest observed year carried forward (reads truth: a reference, not a projection). */
  persistenceSpearman: number;
  /** The run's own ranking of the latest observed year (estimated, not projected) carried forward: what projecting adds or loses. */
  estimateSpearman: number;
  /** Occupations of the true top that the projection (resp. the naive list) does not rank. */
  unranked: number;
  naiveUnranked: number;
}

export interface TalentScore {
  runId: string;
  years: EditionYears;
  truth: TruthSummary;
  rows: GradedRow[];
  /** Framework groups at their own region, every horizon. */
  headline: HorizonSummary[];
  /** The pseudo framework gbt4754 (each 大类 at the province), not part of the headline. */
  divisions: HorizonSummary[];
  /** Framework groups projected at a city, per city. */
  cities: { region: string; name: string; summaries: HorizonSummary[] }[];
  ranking: RankingScore[];
  naivePeriod: string | null;
  /** Mean of the first and the last forecast year's rank correlations. */
  spearman: number;
  naiveSpearman: number;
  persistenceSpearman: number;
  estimateSpearman: number;
  /** Over every headline group and horizon, employment and demand intervals together. */
  coverage95: number;
  /** Framework groups without truth at their own region (a region outside the edition, or no employment). */
  groupsWithoutTruth: { framework: string; groupCode: string; region: string }[];
  duplicateTrendKeys: number;
  incoherent: Incoherence[];
  /** Forecast rows of the run, and Σ demand and Σ openings over those that have both. */
  demandTotals: { rows: number; demand: number; openings: number };
}

/** The headline: framework groups (not the 大类 on their own) at their own region. */
export function isHeadline(r: GradedRow): boolean {
  return r.framework !== DIVISION_FRAMEWORK && r.region === r.ownRegion;
}

interface JoinedRow {
  framework: string;
  group_code: string;
  group_name: string;
  own_region: string;
  region_code: string;
  year: number;
  t_employment: number;
  t_openings: number;
  t_supply: number;
  projected: boolean;
  employment: number | null;
  employment_lo: number | null;
  employment_hi: number | null;
  openings: number | null;
  demand: number | null;
  demand_lo: number | null;
  demand_hi: number | null;
  supply: number | null;
  has_naive: boolean;
  n_employment: number | null;
  n_demand: number | null;
  n_supply: number | null;
  p_employment: number | null;
  p_openings: number | null;
  p_supply: number | null;
}

/** Grades the newest projected run of the warehouse against the edition folder's truth. */
export async function scoreTalent(warehousePath: string, editionDir: string): Promise<TalentScore> {
  const years = readEditionYears(editionDir);
  if (years.truthUntil - years.latest < HEADLINE_HORIZON)
    throw new Error(`the truth reaches ${years.truthUntil}, fewer than ${HEADLINE_HORIZON} years after ${years.latest}`);
  const db = await openScoringDb(warehousePath);
  try {
    const truth = await loadTruth(db, editionDir, years);
    const runId = await newestProjectedRun(db);
    await loadProjections(db, runId, years);
    const joined = await db.rows<JoinedRow>(`
      SELECT t.framework, t.group_code, t.group_name, t.own_region, t.region_code, t.year,
        t.employment AS t_employment, t.openings AS t_openings, t.supply AS t_supply,
        o.framework IS NOT NULL AS projected, o.employment, o.employment_lo, o.employment_hi, o.openings,
        o.demand, o.demand_lo, o.demand_hi, o.supply,
        n.framework IS NOT NULL AS has_naive, n.employment AS n_employment, n.demand AS n_demand, n.supply AS n_supply,
        p.employment AS p_employment, p.openings AS p_openings, p.supply AS p_supply
      FROM truth_group t
      LEFT JOIN ours o ON o.framework = t.framework AND o.group_code = t.group_code AND o.region_code = t.region_code AND o.year = t.year
      LEFT JOIN naive n ON n.framework = t.framework AND n.group_code = t.group_code AND n.region_code = t.region_code
      LEFT JOIN truth_group p ON p.framework = t.framework AND p.group_code = t.group_code AND p.region_code = t.region_code
        AND p.year = ${years.latest}
      WHERE t.year > ${years.latest} AND (t.region_code = t.own_region OR o.framework IS NOT NULL)
      ORDER BY t.framework, t.group_code, t.region_code, t.year`);
    const rows = joined.map((r) => toGraded(r, years));
    const horizons = Array.from({ length: years.truthUntil - years.latest }, (_, i) => i + 1);
    const summaries = (subset: GradedRow[]) =>
      horizons.map((h) =>
        summarise(
          h,
          subset.filter((r) => r.h === h),
        ),
      );

    const headlineRows = rows.filter(isHeadline);
    const cityRows = rows.filter((r) => r.framework !== DIVISION_FRAMEWORK && r.region !== truth.province && r.ours !== null);
    const cityNames = new Map(
      (await db.rows<{ code: string; name: string }>(`SELECT code, name FROM wh.ref.region`)).map((r) => [r.code, r.name]),
    );
    const cities = [...new Set(cityRows.map((r) => r.region))].sort().map((region) => ({
      region,
      name: cityNames.get(region) ?? region,
      summaries: summaries(cityRows.filter((r) => r.region === region)),
    }));

    const naive = await naiveRanking(db, truth.province, years);
    const present = new Map((await trueTop(db, years.latest)).map((t) => [t.occupationCode, t.rank]));
    const estimate = await projectedRanking(db, runId, truth.province, years.latest);
    const ranking: RankingScore[] = [];
    for (const year of [years.latest + 1, years.truthUntil]) {
      const top = await trueTop(db, year, RANKING_TOP);
      const ours = await projectedRanking(db, runId, truth.province, year);
      ranking.push({
        year,
        h: year - years.latest,
        spearman: rankingSpearman(top, ours),
        naiveSpearman: rankingSpearman(top, naive.ranking),
        persistenceSpearman: rankingSpearman(top, present),
        estimateSpearman: rankingSpearman(top, estimate),
        unranked: top.filter((t) => !ours.has(t.occupationCode)).length,
        naiveUnranked: top.filter((t) => !naive.ranking.has(t.occupationCode)).length,
      });
    }

    const groupsWithoutTruth = (
      await db.rows<{ framework: string; group_code: string; own_region: string }>(`
        SELECT DISTINCT m.framework, m.group_code, m.own_region FROM membership m
        WHERE m.framework <> '${DIVISION_FRAMEWORK}' AND NOT EXISTS (
          SELECT 1 FROM truth_group t
          WHERE t.framework = m.framework AND t.group_code = m.group_code AND t.region_code = m.own_region AND t.employment > 0)
        ORDER BY ALL`)
    ).map((g) => ({ framework: g.framework, groupCode: g.group_code, region: g.own_region }));

    return {
      runId,
      years,
      truth,
      rows,
      headline: summaries(headlineRows),
      divisions: summaries(rows.filter((r) => r.framework === DIVISION_FRAMEWORK && r.region === r.ownRegion)),
      cities,
      ranking,
      naivePeriod: naive.period,
      spearman: mean(ranking.map((r) => r.spearman)),
      naiveSpearman: mean(ranking.map((r) => r.naiveSpearman)),
      persistenceSpearman: mean(ranking.map((r) => r.persistenceSpearman)),
      estimateSpearman: mean(ranking.map((r) => r.estimateSpearman)),
      coverage95: coverage(headlineRows.flatMap(intervals)),
      groupsWithoutTruth,
      duplicateTrendKeys: await duplicateTrendRows(db, runId),
      incoherent: await incoherentDemand(db),
      demandTotals: await demandTotals(db),
    };
  } finally {
    db.close();
  }
}

function toGraded(r: JoinedRow, years: EditionYears): GradedRow {
  return {
    framework: r.framework,
    groupCode: r.group_code,
    groupName: r.group_name,
    ownRegion: r.own_region,
    region: r.region_code,
    year: r.year,
    h: r.year - years.latest,
    truth: { employment: r.t_employment, openings: r.t_openings, supply: r.t_supply },
    ours: r.projected
      ? {
          employment: r.employment,
          employmentLo: r.employment_lo,
          employmentHi: r.employment_hi,
          openings: r.openings,
          demand: r.demand,
          demandLo: r.demand_lo,
          demandHi: r.demand_hi,
          supply: r.supply,
        }
      : null,
    naive: r.has_naive ? { employment: r.n_employment, demand: r.n_demand, supply: r.n_supply } : null,
    persistence: r.p_employment === null ? null : { employment: r.p_employment, demand: r.p_openings ?? 0, supply: r.p_supply ?? 0 },
  };
}

/** The employment and the demand (openings) interval of a row against the truth. */
function intervals(r: GradedRow) {
  return [
    { lo: r.ours?.employmentLo ?? null, hi: r.ours?.employmentHi ?? null, truth: r.truth.employment },
    { lo: r.ours?.demandLo ?? null, hi: r.ours?.demandHi ?? null, truth: r.truth.openings },
  ];
}

/** Per-row errors in percent (undefined where there is nothing to compare). */
export function rowErrors(r: GradedRow) {
  return {
    demand: absolutePercentageError(r.ours?.demand, r.truth.openings),
    naiveDemand: absolutePercentageError(r.naive?.demand, r.truth.openings),
    employment: absolutePercentageError(r.ours?.employment, r.truth.employment),
    naiveEmployment: absolutePercentageError(r.naive?.employment, r.truth.employment),
    supply: absolutePercentageError(r.ours?.supply, r.truth.supply),
    naiveSupply: absolutePercentageError(r.naive?.supply, r.truth.supply),
    employmentCovered: covers(intervals(r)[0]!),
    demandCovered: covers(intervals(r)[1]!),
  };
}

function summarise(h: number, rows: GradedRow[]): HorizonSummary {
  const m = (pick: (r: GradedRow) => number | null | undefined, truth: (r: GradedRow) => number) =>
    mape(rows.map((r) => ({ projected: pick(r) ?? null, truth: truth(r) }))).mape;
  const [employment, demand] = [0, 1].map((k) => coverage(rows.map((r) => intervals(r)[k]!)));
  return {
    h,
    groups: rows.length,
    missing: rows.filter((r) => r.ours === null).length,
    demand: {
      ours: m(
        (r) => r.ours?.demand,
        (r) => r.truth.openings,
      ),
      naive: m(
        (r) => r.naive?.demand,
        (r) => r.truth.openings,
      ),
      persistence: m(
        (r) => r.persistence?.demand,
        (r) => r.truth.openings,
      ),
    },
    employment: {
      ours: m(
        (r) => r.ours?.employment,
        (r) => r.truth.employment,
      ),
      naive: m(
        (r) => r.naive?.employment,
        (r) => r.truth.employment,
      ),
      persistence: m(
        (r) => r.persistence?.employment,
        (r) => r.truth.employment,
      ),
    },
    supply: {
      ours: m(
        (r) => r.ours?.supply,
        (r) => r.truth.supply,
      ),
      naive: m(
        (r) => r.naive?.supply,
        (r) => r.truth.supply,
      ),
      persistence: m(
        (r) => r.persistence?.supply,
        (r) => r.truth.supply,
      ),
    },
    coverage: { employment: employment!, demand: demand! },
  };
}
