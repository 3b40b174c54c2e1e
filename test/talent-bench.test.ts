/**
 * The talent benchmark's scorer against known answers: a warehouse whose projections are the truth
 * itself (every error 0, every interval covering, rank correlation 1), then a newer run with every
 * projection 10% high, a swapped and a missing occupation in the rankings, one group left out and
 * one whose demand disagrees with its openings. The group truth the projections are filled from is
 * recomputed here in TypeScript from the truth CSVs, independently of the benchmark's SQL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ingestStage, referenceStage, runPipeline } from '@talent/cli';
import { appendRows, resolveConfig, type AppendCell } from '@talent/models';
import { generateEdition } from '@talent/synth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mean, rankingSpearman } from '../bench/talent/metrics.js';
import { formatReport } from '../bench/talent/report.js';
import { scoreTalent, type TalentScore } from '../bench/talent/score.js';
import { createProjectionMarts } from './helpers/projection-marts.js';
import { groupTruth, readRecords, type GroupTruth, type Member } from './helpers/talent-truth.js';

const dir = mkdtempSync(join(tmpdir(), 'talent-bench-'));
const editionDir = join(dir, 'edition');
const truthDir = join(editionDir, 'truth');
const warehousePath = join(dir, 'warehouse.duckdb');
const config = resolveConfig({ warehouse: warehousePath, data: editionDir }, {});

/** How the test spreads a group's demand and supply over rows (any split must add back up). */
const LEVEL_SHARES: [string, number][] = [
  ['secondary', 0.35],
  ['associate', 0.35],
  ['bachelor', 0.25],
  ['postgraduate', 0.05],
];
const OCCUPATION_SHARES = [0.7, 0.3];
/** Interval half-widths around the projection: the truth inside at factor 1, outside at factor 1.1. */
const LO = 0.95;
const HI = 1.05;

interface RunPlan {
  runId: string;
  factor: number;
  /** A group (framework|group_code) the run leaves out entirely. */
  dropGroup?: string;
  /** A group whose fct_industry_trend openings are off by this factor while its demand is not. */
  incoherentGroup?: { key: string; factor: number };
  /** Ranking per forecast year, and of the latest observed year as the run estimates it: occupation → rank. */
  rankings: Map<number, Map<string, number>>;
}

let latest: number;
let truthUntil: number;
let province: string;
let truth: GroupTruth[];
let members: Member[];
let occupations: string[];
let trueRankings: Map<number, { occupationCode: string; rank: number }[]>;
let pipelineRunId: string;
let noProjections: unknown;
let oracle: TalentScore;
let perturbed: TalentScore;
const PERTURBED_RUN = 'zz-perturbed';
let dropped: string;
let incoherent: string;
let reversed: Map<string, number>;

const forecastYears = () => Array.from({ length: truthUntil - latest }, (_, i) => latest + 1 + i);
const key = (g: { framework: string; groupCode: string }) => `${g.framework}|${g.groupCode}`;
/** The truth of the headline: framework groups (not the 大类 on their own) at their own region. */
const headlineTruth = () => truth.filter((t) => t.framework !== 'gbt4754' && t.region === t.ownRegion);

beforeAll(async () => {
  await generateEdition({ edition: 'demo', seed: 7, out: editionDir, referenceDir: config.referenceDir });
  const run = await runPipeline(config, { stages: [referenceStage, ingestStage({ sources: ['demo_shortage'] })], log: () => {} });
  pipelineRunId = run.runId;
  const manifest = JSON.parse(readFileSync(join(truthDir, 'manifest.json'), 'utf8')) as { years: { latest: number; truthUntil: number } };
  ({ latest, truthUntil } = manifest.years);

  const instance = await DuckDBInstance.create(warehousePath);
  const conn = await instance.connect();
  try {
    const q = async <T>(sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJson() as T[];
    members = (
      await q<{ framework: string; group_code: string; region_code: string; industry_code: string; weight: number }>(
        `SELECT framework, group_code, region_code, industry_code, weight FROM core.framework_membership`,
      )
    ).map((m) => ({
      framework: m.framework,
      groupCode: m.group_code,
      ownRegion: m.region_code,
      industryCode: m.industry_code,
      weight: m.weight,
    }));
    const industryRows = readRecords(join(truthDir, 'industry_city_year.csv'));
    const [{ province_code }] = (await q<{ province_code: string }>(
      `SELECT province_code FROM ref.region WHERE code = '${industryRows[0]!.city_code}'`,
    )) as [{ province_code: string }];
    province = province_code;
    const divisions = [...new Set(industryRows.map((r) => r.industry_code!))].map((d) => ({
      framework: 'gbt4754',
      groupCode: d,
      ownRegion: province,
      industryCode: d,
      weight: 1,
    }));
    truth = groupTruth(truthDir, [...members, ...divisions], province, [latest, ...forecastYears()]);
    occupations = [...new Set(readRecords(join(truthDir, 'industry_occupation.csv')).map((r) => r.occupation_code!))].slice(0, 2);
    trueRankings = new Map(
      [latest, ...forecastYears()].map((y) => [
        y,
        readRecords(join(truthDir, 'shortage_ranking.csv'))
          .filter((r) => r.period === String(y) && r.period_type === 'year')
          .map((r) => ({ occupationCode: r.occupation_code!, rank: Number(r.rank) })),
      ]),
    );

    await createProjectionMarts(conn);
    noProjections = await scoreTalent(warehousePath, editionDir).catch((e: unknown) => e);

    const asRanking = (rows: { occupationCode: string; rank: number }[]) => new Map(rows.map((r) => [r.occupationCode, r.rank]));
    await writeRun(conn, { runId: pipelineRunId, factor: 1, rankings: new Map([...trueRankings].map(([y, r]) => [y, asRanking(r)])) });
    oracle = await scoreTalent(warehousePath, editionDir);

    // The newer run: ranks 1 and 2 swapped in the first forecast year, rank 1 left out in the last.
    const [first, last] = [latest + 1, truthUntil];
    const swapped = asRanking(trueRankings.get(first)!);
    const [one, two] = trueRankings.get(first)!;
    swapped.set(one!.occupationCode, 2).set(two!.occupationCode, 1);
    const shortened = asRanking(trueRankings.get(last)!);
    shortened.delete(trueRankings.get(last)![0]!.occupationCode);
    // The latest year as the newer run estimates it: the true ranking in reverse.
    const latestTrue = trueRankings.get(latest)!;
    reversed = new Map(latestTrue.map((t) => [t.occupationCode, latestTrue.length + 1 - t.rank]));
    const headline = headlineTruth().filter((t) => t.openings > 0);
    dropped = key(headline[0]!);
    incoherent = key(headline.find((t) => key(t) !== dropped)!);
    await conn.run(`INSERT INTO meta.runs (run_id, command, started_at, finished_at, status, summary) SELECT '${PERTURBED_RUN}', 'test', started_at + INTERVAL 1 HOUR, NULL, 'succeeded', NULL
      FROM meta.runs WHERE run_id = '${pipelineRunId}'`);
    await writeRun(conn, {
      runId: PERTURBED_RUN,
      factor: 1.1,
      dropGroup: dropped,
      incoherentGroup: { key: incoherent, factor: 1.2 },
      rankings: new Map([
        [latest, reversed],
        [first, swapped],
        [last, shortened],
      ]),
    });
    perturbed = await scoreTalent(warehousePath, editionDir);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fills the marts for one run: observed rows of the latest year as the truth, forecast rows as truth × factor. */
async function writeRun(conn: DuckDBConnection, plan: RunPlan): Promise<void> {
  const trend: Record<string, AppendCell>[] = [];
  const gap: Record<string, AppendCell>[] = [];
  for (const t of truth) {
    if (key(t) === plan.dropGroup) continue;
    const isForecast = t.year > latest;
    const f = isForecast ? plan.factor : 1;
    const openingsFactor = isForecast && plan.incoherentGroup?.key === key(t) ? plan.incoherentGroup.factor : 1;
    const common = {
      run_id: plan.runId,
      framework: t.framework,
      group_code: t.groupCode,
      region_code: t.region,
      year: t.year,
      is_forecast: isForecast,
    };
    trend.push({
      ...common,
      employment: f * t.employment,
      employment_lo: f * LO * t.employment,
      employment_hi: f * HI * t.employment,
      openings: f * openingsFactor * t.openings,
    });
    OCCUPATION_SHARES.forEach((os, i) => {
      for (const [level, ls] of LEVEL_SHARES) {
        const demand = f * t.openings * os * ls;
        const supply = f * t.supply * os * ls;
        gap.push({
          ...common,
          occupation_code: occupations[i]!,
          education_level: level,
          demand,
          supply,
          gap: demand - supply,
          demand_lo: LO * demand,
          demand_hi: HI * demand,
        });
      }
    });
  }
  const shortage = [...plan.rankings].flatMap(([year, ranking]) =>
    [...ranking].map(([occupation_code, rank]) => ({
      run_id: plan.runId,
      occupation_code,
      region_code: province,
      year,
      rank,
      is_forecast: year > latest,
    })),
  );
  await appendRows(conn, 'marts.fct_industry_trend', trend);
  await appendRows(conn, 'marts.fct_talent_gap', gap);
  await appendRows(conn, 'marts.fct_occupation_shortage', shortage);
}

/** Mean over groups of |truth at the latest year − truth at the horizon| / truth at the horizon, in percent. */
function naiveMape(rows: GroupTruth[], h: number, pick: (t: GroupTruth) => number): number {
  const at = new Map(rows.filter((t) => t.year === latest).map((t) => [key(t), t]));
  const errors = rows
    .filter((t) => t.year === latest + h && pick(t) > 0)
    .map((t) => (Math.abs(pick(at.get(key(t))!) - pick(t)) / pick(t)) * 100);
  return mean(errors);
}

/**
 * The shortages of the last quarterly table of the latest year as published (the surpluses listed after them are no
 * ranking): 职业代码, or the most detailed code of the 职业名称 (a 小类 that is itself an occupation goes by its
 * occupation name too: 安全员 is 6-31-06-00 安全生产管理人员).
 */
function publishedRanking(): Map<string, number> {
  const levelOrder = ['大类', '中类', '小类', '细类'];
  const byName = new Map<string, { code: string; level: number }>();
  for (const r of readRecords(join(config.referenceDir, 'occupation', 'csco_2022.csv'))) {
    const level = levelOrder.indexOf(r.level!);
    for (const name of [r.name!, r.occupation_name].filter((n): n is string => !!n))
      if ((byName.get(name)?.level ?? -1) < level) byName.set(name, { code: r.code!, level });
  }
  const ranking = new Map<string, number>();
  for (const r of readRecords(join(editionDir, 'shortage', `shortage_${latest}Q4.csv`))) {
    const code = r['职业代码'] || byName.get(r['职业名称']!)?.code;
    if (code && Number(r['缺口数']) > 0 && !ranking.has(code)) ranking.set(code, Number(r['排名']));
  }
  return ranking;
}

describe('the talent benchmark scorer', () => {
  it('says clearly when no run has projections', () => {
    expect(noProjections).toBeInstanceOf(Error);
    expect((noProjections as Error).message).toMatch(/projection stage wrote nothing/);
  });

  it('reports zero error, full coverage and rank correlation 1 for projections that are the truth', () => {
    const groups = (h: number) => headlineTruth().filter((t) => t.year === latest + h).length;
    expect(oracle.runId).toBe(pipelineRunId);
    expect(oracle.headline.map((s) => s.h)).toEqual([1, 2, 3]);
    for (const s of oracle.headline) {
      expect(s.groups).toBe(groups(s.h));
      expect(s.missing).toBe(0);
      expect(s.demand.ours).toBeCloseTo(0, 9);
      expect(s.employment.ours).toBeCloseTo(0, 9);
      expect(s.supply.ours).toBeCloseTo(0, 9);
      expect(s.coverage).toEqual({ employment: 100, demand: 100 });
    }
    expect(oracle.coverage95).toBe(100);
    expect(oracle.spearman).toBe(1);
    expect(oracle.ranking.map((r) => [r.year, r.spearman, r.unranked])).toEqual([
      [latest + 1, 1, 0],
      [truthUntil, 1, 0],
    ]);
    expect(oracle.incoherent).toEqual([]);
    expect(oracle.demandTotals.rows).toBe(truth.filter((t) => t.year > latest).length);
    expect(oracle.demandTotals.demand / oracle.demandTotals.openings).toBeCloseTo(1, 12);
    expect(oracle.duplicateTrendKeys).toBe(0);
  });

  it('grades the 大类 and every city apart from the headline, also at zero error', () => {
    const divisions = new Set(truth.filter((t) => t.framework === 'gbt4754').map((t) => t.groupCode));
    expect(oracle.divisions.map((s) => s.groups)).toEqual([1, 2, 3].map(() => divisions.size));
    for (const s of oracle.divisions) expect([s.demand.ours, s.employment.ours, s.supply.ours].every((v) => Math.abs(v) < 1e-9)).toBe(true);
    const cities = [...new Set(truth.filter((t) => t.region !== province).map((t) => t.region))].sort();
    expect(oracle.cities.map((c) => c.region)).toEqual(cities);
    for (const c of oracle.cities)
      for (const s of c.summaries) {
        expect(s.groups).toBe(truth.filter((t) => t.framework !== 'gbt4754' && t.region === c.region && t.year === latest + s.h).length);
        expect(Math.abs(s.demand.ours) + Math.abs(s.supply.ours) + Math.abs(s.employment.ours)).toBeLessThan(1e-9);
      }
  });

  it('computes the naive projection from the observed latest year and the last published table', () => {
    const headline = headlineTruth();
    for (const s of oracle.headline) {
      expect(s.demand.naive).toBeCloseTo(
        naiveMape(headline, s.h, (t) => t.openings),
        9,
      );
      expect(s.employment.naive).toBeCloseTo(
        naiveMape(headline, s.h, (t) => t.employment),
        9,
      );
      expect(s.supply.naive).toBeCloseTo(
        naiveMape(headline, s.h, (t) => t.supply),
        9,
      );
      expect(s.demand.naive).toBeGreaterThan(0);
    }
    const published = publishedRanking();
    expect(oracle.naivePeriod).toBe(`${latest}Q4`);
    for (const r of oracle.ranking) {
      const top = trueRankings.get(r.year)!.slice(0, 50);
      expect(r.naiveSpearman).toBeCloseTo(rankingSpearman(top, published), 12);
      expect(r.naiveUnranked).toBe(top.filter((t) => !published.has(t.occupationCode)).length);
    }
    expect(oracle.naiveSpearman).toBeLessThan(1);
  });

  it('carries the true latest year forward as the persistence reference, whatever the run projects', () => {
    const latestRanking = new Map(
      readRecords(join(truthDir, 'shortage_ranking.csv'))
        .filter((r) => r.period === String(latest) && r.period_type === 'year')
        .map((r) => [r.occupation_code!, Number(r.rank)]),
    );
    expect(latestRanking.size).toBeGreaterThan(50);
    for (const score of [oracle, perturbed]) {
      for (const s of score.headline) {
        expect(s.demand.persistence).toBeCloseTo(
          naiveMape(headlineTruth(), s.h, (t) => t.openings),
          9,
        );
        expect(s.employment.persistence).toBeCloseTo(
          naiveMape(headlineTruth(), s.h, (t) => t.employment),
          9,
        );
        expect(s.supply.persistence).toBeCloseTo(
          naiveMape(headlineTruth(), s.h, (t) => t.supply),
          9,
        );
        expect(s.demand.persistence).toBeGreaterThan(0);
      }
      for (const r of score.ranking)
        expect(r.persistenceSpearman).toBeCloseTo(rankingSpearman(trueRankings.get(r.year)!.slice(0, 50), latestRanking), 12);
    }
    expect(oracle.persistenceSpearman).toBeLessThan(1);
  });

  it("carries the run's own estimate of the latest year forward as the estimate reference", () => {
    // The oracle estimates the latest year as the truth: the estimate reference is the persistence one.
    for (const r of oracle.ranking) expect(r.estimateSpearman).toBeCloseTo(r.persistenceSpearman, 12);
    // The newer run estimates it in reverse: the reference follows the run's estimate, not the truth.
    for (const r of perturbed.ranking) {
      const top = trueRankings.get(r.year)!.slice(0, 50);
      expect(r.estimateSpearman).toBeCloseTo(rankingSpearman(top, reversed), 12);
      expect(r.estimateSpearman).toBeLessThan(0);
    }
    expect(perturbed.estimateSpearman).toBeCloseTo(mean(perturbed.ranking.map((r) => r.estimateSpearman)), 12);
  });

  it('lists the groups that have no truth at their own region', () => {
    const withTruth = new Set(truth.filter((t) => t.region === t.ownRegion && t.employment > 0).map(key));
    const expected = [...new Set(members.map((m) => `${m.framework}|${m.groupCode}`))].filter((g) => !withTruth.has(g)).sort();
    expect(oracle.groupsWithoutTruth.map((g) => `${g.framework}|${g.groupCode}`).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('grades the newest run: 10% high everywhere gives MAPE 10 and no coverage', () => {
    expect(perturbed.runId).toBe(PERTURBED_RUN);
    for (const s of perturbed.headline) {
      expect(s.missing).toBe(1);
      expect(s.demand.ours).toBeCloseTo(10, 9);
      expect(s.employment.ours).toBeCloseTo(10, 9);
      expect(s.supply.ours).toBeCloseTo(10, 9);
      expect(s.coverage).toEqual({ employment: 0, demand: 0 });
      // The left-out group has no observed row either, so the naive figure goes without it too.
      expect(s.demand.naive).toBeCloseTo(
        naiveMape(
          headlineTruth().filter((t) => key(t) !== dropped),
          s.h,
          (t) => t.openings,
        ),
        9,
      );
    }
    expect(perturbed.coverage95).toBe(0);
  });

  it('ranks an occupation the projection leaves out at the bottom', () => {
    const n = 50;
    const rho = (sumD2: number) => 1 - (6 * sumD2) / (n * (n * n - 1));
    // Swapped ranks 1 and 2: d = ±1 twice. Rank 1 missing: it takes rank 50 of the 50, the others move up one.
    const expected = [rho(2), rho(49 * 49 + 49)];
    perturbed.ranking.forEach((r, i) => expect(r.spearman).toBeCloseTo(expected[i]!, 12));
    expect(perturbed.ranking.map((r) => r.unranked)).toEqual([0, 1]);
    expect(perturbed.spearman).toBeCloseTo((expected[0]! + expected[1]!) / 2, 12);
  });

  it('reports the groups whose demand does not add up to their openings', () => {
    const years = new Set(perturbed.incoherent.map((i) => i.year));
    expect(new Set(perturbed.incoherent.map((i) => `${i.framework}|${i.group_code}`))).toEqual(new Set([incoherent]));
    expect(years).toEqual(new Set(forecastYears()));
    for (const i of perturbed.incoherent) expect(i.openings! / i.demand!).toBeCloseTo(1.2, 9);
    expect(perturbed.demandTotals.rows).toBe(truth.filter((t) => t.year > latest && key(t) !== dropped).length);
  });

  it('ends its report with the summary line, employment MAPE and peak RSS above it', () => {
    const lines = formatReport(perturbed, { seconds: 12.345, peakRssMb: 301.6 });
    const h3 = perturbed.headline[2]!;
    expect(lines.at(-2)).toBe(
      `employment_mape_h3=10.00% naive_employment_mape_h3=${h3.employment.naive.toFixed(2)}% peak_rss_mb=302 ` +
        `persistence_spearman=${perturbed.persistenceSpearman.toFixed(3)} persistence_demand_mape_h3=${h3.demand.persistence.toFixed(2)}% ` +
        `estimate_spearman=${perturbed.estimateSpearman.toFixed(3)}`,
    );
    expect(lines.at(-1)).toBe(
      `spearman=${perturbed.spearman.toFixed(3)} naive_spearman=${perturbed.naiveSpearman.toFixed(3)} demand_mape_h3=10.00% ` +
        `supply_mape_h3=10.00% naive_demand_mape_h3=${h3.demand.naive.toFixed(2)}% coverage95=0.00% seconds=12.3`,
    );
  });

  it("prints the answer key's grading beside the coder's, and its figures in the line above the last", () => {
    // The perturbed run as the coder's grading, the truth itself as the answer key's.
    const coding = { postings: 1000, keyed: 990, recoded: 250 };
    const lines = formatReport(perturbed, { seconds: 12.345, peakRssMb: 301.6 }, { score: oracle, coding });
    const at = lines.findIndex((l) => l.startsWith("Coding's share"));
    expect(at).toBeGreaterThan(0);
    expect(lines[at]).toContain('250 of 990 keyed postings recoded (25.25%; 10 postings unkeyed)');
    const cells = (label: string) =>
      lines
        .find((l) => l.startsWith(label))!
        .trim()
        .split(/\s+/)
        .slice(label.split(' ').length);
    const oracleH3 = oracle.headline[2]!;
    expect(cells('coder')).toEqual([
      perturbed.spearman.toFixed(3),
      '10.00',
      perturbed.headline[2]!.demand.naive.toFixed(2),
      '10.00',
      '10.00',
      '0.00',
    ]);
    expect(cells('answer key')).toEqual(['1.000', '0.00', oracleH3.demand.naive.toFixed(2), '0.00', '0.00', '100.00']);
    const without = formatReport(perturbed, { seconds: 12.345, peakRssMb: 301.6 });
    expect(lines.at(-2)).toBe(
      `${without.at(-2)} key_spearman=1.000 key_demand_mape_h3=0.00% key_naive_demand_mape_h3=${oracleH3.demand.naive.toFixed(2)}% key_supply_mape_h3=0.00%`,
    );
    // The last line stays the coder's grading.
    expect(lines.at(-1)).toBe(without.at(-1));
  });
});
