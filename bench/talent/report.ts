/** The printed output of the talent benchmark: tables, the figures against the issue's targets, the last line. */
import { HEADLINE_HORIZON, isHeadline, RANKING_TOP, rowErrors, type HorizonSummary, type TalentScore } from './score.js';
import type { AnswerKeyCoding } from './answer-key-codes.js';
import { DIVISION_FRAMEWORK } from './truth.js';

/** The targets of issue 12, reported beside the figures (the benchmark never fails on them). */
const TARGETS = {
  spearman: 0.9,
  spearmanOverNaive: 0.05,
  demandMapeH3: 10,
  demandBelowNaive: 0.3,
  supplyMapeH3: 10,
  coverage: [85, 99] as const,
  stageSeconds: 60,
};

const pct = (v: number | undefined, digits = 1) => (v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits));
const yes = (b: boolean) => (b ? 'yes' : 'no');

/** Fixed-width columns: the first `left` columns (labels) left-aligned, the figures right-aligned. */
function table(header: string[], rows: string[][], left = 1): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

/** A horizon's MAPE of two projections side by side, for demand, employment and supply in turn. */
function pairedCells(s: HorizonSummary, first: 'ours' | 'persistence', second: 'naive' | 'ours'): string[] {
  return (['demand', 'employment', 'supply'] as const).flatMap((m) => [pct(s[m][first]), pct(s[m][second])]);
}

/** A horizon's MAPE (ours, naive) for demand, employment and supply, then its 95% coverage. */
function errorCells(s: HorizonSummary): string[] {
  return [...pairedCells(s, 'ours', 'naive'), pct(s.coverage.employment), pct(s.coverage.demand)];
}

function summaryTable(firstColumn: string, sets: { label: string; summaries: HorizonSummary[] }[]): string[] {
  return table(
    [firstColumn, 'h', 'groups', 'missing', 'demand', 'naive', 'employment', 'naive', 'supply', 'naive', 'emp95', 'demand95'],
    sets.flatMap(({ label, summaries }) =>
      summaries.map((s) => [label, String(s.h), String(s.groups), String(s.missing), ...errorCells(s)]),
    ),
  );
}

export interface StageFigures {
  seconds: number;
  peakRssMb: number;
}

/** The same pipeline graded again with the answer key's occupation codes (answer-key-codes.ts). */
export interface AnswerKeyGrading {
  score: TalentScore;
  coding: AnswerKeyCoding;
}

/** A grading's framework-group summary at the headline horizon. */
const headlineSummary = (score: TalentScore) => score.headline.find((s) => s.h === HEADLINE_HORIZON)!;

/** The headline figures at the headline horizon of one grading. */
function headlineCells(score: TalentScore): string[] {
  const h3 = headlineSummary(score);
  return [
    score.spearman.toFixed(3),
    pct(h3.demand.ours, 2),
    pct(h3.demand.naive, 2),
    pct(h3.supply.ours, 2),
    pct(h3.employment.ours, 2),
    pct(score.coverage95, 2),
  ];
}

/** The answer key's grading in the figures line: key_<figure>=<value>. */
function keyFigures(score: TalentScore): string {
  const h3 = headlineSummary(score);
  return (
    `key_spearman=${score.spearman.toFixed(3)} key_demand_mape_h3=${pct(h3.demand.ours, 2)}% ` +
    `key_naive_demand_mape_h3=${pct(h3.demand.naive, 2)}% key_supply_mape_h3=${pct(h3.supply.ours, 2)}%`
  );
}

/** What coding costs: the headline figures from the coder's codes and from the answer key's. */
function codingShareLines(score: TalentScore, key: AnswerKeyGrading): string[] {
  const { postings, keyed, recoded } = key.coding;
  return [
    '',
    `Coding's share: the same stages projected again from the answer key's occupation codes (truth/postings_key.csv), ` +
      `${recoded} of ${keyed} keyed postings recoded (${pct((recoded / keyed) * 100, 2)}%; ${postings - keyed} postings unkeyed), ` +
      `generic titles (普工) given their true occupation too. What remains with the key's codes belongs to the projection:`,
    ...table(
      [
        'codes',
        'spearman',
        `demand h${HEADLINE_HORIZON}`,
        'naive',
        `supply h${HEADLINE_HORIZON}`,
        `employment h${HEADLINE_HORIZON}`,
        'coverage95',
      ],
      [
        ['coder', ...headlineCells(score)],
        ['answer key', ...headlineCells(key.score)],
      ],
    ),
  ];
}

export function formatReport(score: TalentScore, stage: StageFigures, answerKey?: AnswerKeyGrading): string[] {
  const out: string[] = [];
  const { years, truth } = score;
  const h3 = headlineSummary(score);

  out.push(
    `Graded run ${score.runId}: forecast years ${years.latest + 1}–${years.truthUntil} (h = 1–${years.truthUntil - years.latest}) ` +
      `against the truth; province ${truth.province}, ${truth.cities} cities.`,
  );
  out.push(
    `Truth supply not allocated to any 大类 (no employment where it arises): ${Math.round(truth.unallocatedSupply)} of ` +
      `${Math.round(truth.totalSupply)} (${pct((truth.unallocatedSupply / truth.totalSupply) * 100, 3)}%).`,
  );
  if (score.groupsWithoutTruth.length)
    out.push(
      `Framework groups without truth at their region (outside the edition's province, or no employment), not graded: ` +
        `${score.groupsWithoutTruth.length} (${score.groupsWithoutTruth.map((g) => `${g.framework}:${g.groupCode}@${g.region}`).join(', ')}).`,
    );
  if (score.duplicateTrendKeys)
    out.push(`WARNING fct_industry_trend: ${score.duplicateTrendKeys} group × region × year keys have more than one row.`);
  if (score.incoherent.length) {
    const relative = score.incoherent
      .filter((i) => i.demand !== null && i.openings)
      .map((i) => (Math.abs(i.demand! - i.openings!) / i.openings!) * 100)
      .sort((a, b) => a - b);
    const t = score.demandTotals;
    out.push(
      `WARNING ${score.incoherent.length} of ${t.rows} forecast group × region × year rows: Σ fct_talent_gap demand ≠ fct_industry_trend openings ` +
        `(difference relative to openings: median ${pct(relative[Math.floor(relative.length / 2)], 2)}%, largest ${pct(relative.at(-1), 2)}%; ` +
        `over all rows Σ demand = ${pct((t.demand / t.openings) * 100, 2)}% of Σ openings). The largest in persons:`,
    );
    for (const i of score.incoherent.slice(0, 5))
      out.push(
        `  ${i.framework}:${i.group_code} ${i.region_code} ${i.year}: demand ${pct(i.demand ?? NaN)} vs openings ${pct(i.openings ?? NaN)}`,
      );
  } else out.push('Σ fct_talent_gap demand = fct_industry_trend openings in every forecast row.');

  out.push(
    '',
    'Per framework group at its own region and horizon: absolute % errors (demand = openings), ours and naive; truth inside the 95% interval:',
  );
  const headlineRows = score.rows
    .filter(isHeadline)
    .sort((a, b) => a.framework.localeCompare(b.framework) || a.groupCode.localeCompare(b.groupCode) || a.h - b.h);
  out.push(
    ...table(
      ['framework', 'group', 'region', 'h', 'openings', 'demand', 'naive', 'employment', 'naive', 'supply', 'naive', 'emp95', 'demand95'],
      headlineRows.map((r) => {
        const e = rowErrors(r);
        return [
          r.framework,
          r.groupCode,
          r.region,
          String(r.h),
          String(Math.round(r.truth.openings)),
          r.ours ? pct(e.demand) : 'missing',
          pct(e.naiveDemand),
          pct(e.employment),
          pct(e.naiveEmployment),
          pct(e.supply),
          pct(e.naiveSupply),
          yes(e.employmentCovered),
          yes(e.demandCovered),
        ];
      }),
      3,
    ),
  );

  out.push('', 'Summary per horizon (MAPE %, mean over the framework groups; coverage % of the 95% intervals):');
  out.push(
    ...summaryTable('set', [
      { label: 'framework groups', summaries: score.headline },
      { label: `${DIVISION_FRAMEWORK} divisions (not in the headline)`, summaries: score.divisions },
    ]),
  );

  out.push(
    '',
    `Persistence reference: the truth of ${years.latest} carried forward (MAPE %, framework groups). It reads truth/, ` +
      'so no projection from the published data can make it; its errors are what the years after move by alone:',
  );
  out.push(
    ...table(
      ['h', 'demand', 'ours', 'employment', 'ours', 'supply', 'ours'],
      score.headline.map((s) => [String(s.h), ...pairedCells(s, 'persistence', 'ours')]),
    ),
  );

  out.push('', 'Per city (framework groups projected at the city; MAPE %, coverage %):');
  out.push(
    ...table(
      ['city', 'h', 'groups', 'demand', 'naive', 'employment', 'naive', 'supply', 'naive', 'emp95', 'demand95', 'name'],
      score.cities.flatMap((c) => c.summaries.map((s) => [c.region, String(s.h), String(s.groups), ...errorCells(s), c.name])),
    ),
  );

  out.push(
    '',
    `Shortage ranking at the province: Spearman on the true top ${RANKING_TOP} (unranked at the bottom); naive = the ${score.naivePeriod ?? '(no table)'} table carried forward; ` +
      `persistence = the true ${years.latest} ranking carried forward (reads truth/, a reference); ` +
      `estimate = the run's own ranking of ${years.latest} (estimated, not projected) carried forward:`,
  );
  out.push(
    ...table(
      ['year', 'h', 'spearman', 'unranked', 'naive', 'unranked', 'persistence', 'estimate'],
      score.ranking.map((r) => [
        String(r.year),
        String(r.h),
        r.spearman.toFixed(3),
        String(r.unranked),
        r.naiveSpearman.toFixed(3),
        String(r.naiveUnranked),
        r.persistenceSpearman.toFixed(3),
        r.estimateSpearman.toFixed(3),
      ]),
    ),
  );

  if (answerKey) out.push(...codingShareLines(score, answerKey));

  const met = [
    `spearman ≥ ${TARGETS.spearman}: ${yes(score.spearman >= TARGETS.spearman)}`,
    `≥ naive + ${TARGETS.spearmanOverNaive}: ${yes(score.spearman >= score.naiveSpearman + TARGETS.spearmanOverNaive)}`,
    `demand MAPE h${HEADLINE_HORIZON} < ${TARGETS.demandMapeH3}%: ${yes(h3.demand.ours < TARGETS.demandMapeH3)}`,
    `≥ ${TARGETS.demandBelowNaive * 100}% below naive: ${yes(h3.demand.ours <= (1 - TARGETS.demandBelowNaive) * h3.demand.naive)}`,
    `supply MAPE h${HEADLINE_HORIZON} < ${TARGETS.supplyMapeH3}%: ${yes(h3.supply.ours < TARGETS.supplyMapeH3)}`,
    `coverage ${TARGETS.coverage[0]}–${TARGETS.coverage[1]}%: ${yes(score.coverage95 >= TARGETS.coverage[0] && score.coverage95 <= TARGETS.coverage[1])}`,
    `stage < ${TARGETS.stageSeconds} s: ${yes(stage.seconds < TARGETS.stageSeconds)}`,
  ];
  out.push('', `Targets (reported, not enforced): ${met.join('; ')}.`);
  out.push(
    `employment_mape_h3=${pct(h3.employment.ours, 2)}% naive_employment_mape_h3=${pct(h3.employment.naive, 2)}% peak_rss_mb=${Math.round(stage.peakRssMb)} ` +
      `persistence_spearman=${score.persistenceSpearman.toFixed(3)} persistence_demand_mape_h3=${pct(h3.demand.persistence, 2)}% ` +
      `estimate_spearman=${score.estimateSpearman.toFixed(3)}` +
      (answerKey ? ` ${keyFigures(answerKey.score)}` : ''),
  );
  out.push(
    `spearman=${score.spearman.toFixed(3)} naive_spearman=${score.naiveSpearman.toFixed(3)} demand_mape_h3=${pct(h3.demand.ours, 2)}% ` +
      `supply_mape_h3=${pct(h3.supply.ours, 2)}% naive_demand_mape_h3=${pct(h3.demand.naive, 2)}% coverage95=${pct(score.coverage95, 2)}% ` +
      `seconds=${stage.seconds.toFixed(1)}`,
  );
  return out;
}
