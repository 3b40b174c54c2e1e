import {
  buildValidationSet,
  calibrateIntervalScale,
  scoreCombinations,
  type CombinationScore,
  type CombinationSpec,
  type MethodName,
} from '@talent/forecast';

const mean = (name: string, ...members: MethodName[]): CombinationSpec => ({ name, members, how: 'mean' });
const weighted = (name: string, ...members: MethodName[]): CombinationSpec => ({ name, members, how: 'mean', weighting: 'inverse-mae' });
const median = (name: string, ...members: MethodName[]): CombinationSpec => ({ name, members, how: 'median' });

/**
 * Candidates for the engine's `auto` method, fixed in code before any test result of this
 * protocol was looked at. The first (DOTM alone) is the reference of the relative score.
 * Members: the single models that do well on yearly data (DOTM, Theta, drift, damped trend, ETS,
 * auto ARIMA), plus naive/SES/Holt as robust or classical partners; mean and median combinations,
 * and per-series weights 1/MAE from each series' own last three inner origins (`inverse-mae`).
 */
export const CANDIDATES: readonly CombinationSpec[] = [
  mean('dotm', 'dotm'),
  mean('drift', 'drift'),
  mean('theta', 'theta'),
  mean('damped', 'damped'),
  mean('ets', 'ets'),
  mean('dotm+drift', 'dotm', 'drift'),
  mean('dotm+damped', 'dotm', 'damped'),
  mean('dotm+theta', 'dotm', 'theta'),
  mean('theta+drift', 'theta', 'drift'),
  mean('dotm+ets', 'dotm', 'ets'),
  mean('dotm+drift+damped', 'dotm', 'drift', 'damped'),
  mean('dotm+theta+drift', 'dotm', 'theta', 'drift'),
  mean('dotm+drift+naive', 'dotm', 'drift', 'naive'),
  mean('dotm+drift+ets', 'dotm', 'drift', 'ets'),
  mean('dotm+theta+damped', 'dotm', 'theta', 'damped'),
  mean('dotm+theta+drift+damped', 'dotm', 'theta', 'drift', 'damped'),
  mean('dotm+drift+damped+ets+theta', 'dotm', 'drift', 'damped', 'ets', 'theta'),
  mean('ses+holt+damped (M4 Comb)', 'ses', 'holt', 'damped'),
  median('median(dotm,drift,damped)', 'dotm', 'drift', 'damped'),
  median('median(dotm,theta,drift)', 'dotm', 'theta', 'drift'),
  median('median(dotm,drift,damped,ets,theta)', 'dotm', 'drift', 'damped', 'ets', 'theta'),
  weighted('inverse-mae(dotm,drift,damped)', 'dotm', 'drift', 'damped'),
  weighted('inverse-mae(dotm,drift,naive)', 'dotm', 'drift', 'naive'),
  weighted('inverse-mae(dotm,theta,drift,damped)', 'dotm', 'theta', 'drift', 'damped'),
  weighted('inverse-mae(dotm,drift,damped,ets,theta)', 'dotm', 'drift', 'damped', 'ets', 'theta'),
  mean('dotm+arima', 'dotm', 'arima'),
  mean('dotm+drift+arima', 'dotm', 'drift', 'arima'),
  mean('dotm+drift+damped+arima', 'dotm', 'drift', 'damped', 'arima'),
  mean('ets+arima+theta', 'ets', 'arima', 'theta'),
];

/**
 * Members too slow for the time budget (`auto` must run in under a tenth of R's combination
 * time): our auto ARIMA alone takes about 4.4 s on the 645 series, over a tenth of R's ~28 s.
 * Candidates with them are scored for information but cannot be chosen.
 */
export const OVER_BUDGET: readonly MethodName[] = ['arima'];

/** One selection protocol's outcome. */
export interface Selection {
  scores: (CombinationScore & { eligible: boolean })[];
  chosen: CombinationSpec;
  intervalScale: number[];
  origins: number;
  seconds: number;
}

/**
 * Rolling-origin selection on training data only: every origin of every series with at least
 * `minTrain` training points, horizons up to `h`; the best eligible candidate by relative score
 * (mean of sMAPE and MASE ratios to DOTM), and its per-horizon interval factors for 95%.
 */
export function selectCombination(trainSeries: readonly Float64Array[], h: number, minTrain: number): Selection {
  const t0 = performance.now();
  const members = [...new Set(CANDIDATES.flatMap((c) => c.members))];
  const set = buildValidationSet(trainSeries, members, { h, minTrain, level: 0.95 });
  const scores = scoreCombinations(set, CANDIDATES).map((s, i) => ({
    ...s,
    eligible: !CANDIDATES[i]!.members.some((m) => OVER_BUDGET.includes(m)),
  }));
  const best = scores.filter((s) => s.eligible).reduce((a, b) => (b.score < a.score ? b : a));
  const chosen = CANDIDATES.find((c) => c.name === best.name)!;
  const origins = set.series.reduce((a, o) => a + o.length, 0);
  return {
    scores: scores.sort((a, b) => a.score - b.score),
    chosen,
    intervalScale: calibrateIntervalScale(set, chosen),
    origins,
    seconds: (performance.now() - t0) / 1000,
  };
}
