import {
  buildValidationSet,
  calibrateIntervalScale,
  scoreCombinations,
  type CombinationScore,
  type CombinationSpec,
  type MethodName,
  type ValidationSet,
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
 * Candidates for `auto` on short series (5–10 points), one selection per length on windows of
 * that length ({@link selectForLength}); fixed before any test figure of the per-length protocol
 * was seen. Members able to fit from 5 points: the naive family, DOTM, and (by R's rule for tiny
 * data) SES, Holt, Theta and automatic ETS. The first (DOTM alone) is the reference of the score.
 */
export const SHORT_CANDIDATES: readonly CombinationSpec[] = [
  mean('dotm', 'dotm'),
  mean('drift', 'drift'),
  mean('naive', 'naive'),
  mean('theta', 'theta'),
  mean('ses', 'ses'),
  mean('holt', 'holt'),
  mean('ets', 'ets'),
  mean('naive+drift', 'naive', 'drift'),
  mean('dotm+drift', 'dotm', 'drift'),
  mean('dotm+naive', 'dotm', 'naive'),
  mean('dotm+theta', 'dotm', 'theta'),
  mean('theta+drift', 'theta', 'drift'),
  mean('ses+drift', 'ses', 'drift'),
  mean('dotm+ses', 'dotm', 'ses'),
  mean('dotm+ets', 'dotm', 'ets'),
  mean('ets+theta', 'ets', 'theta'),
  mean('dotm+drift+naive', 'dotm', 'drift', 'naive'),
  mean('dotm+theta+drift', 'dotm', 'theta', 'drift'),
  mean('dotm+theta+naive', 'dotm', 'theta', 'naive'),
  mean('dotm+ses+drift', 'dotm', 'ses', 'drift'),
  mean('ets+theta+drift', 'ets', 'theta', 'drift'),
  mean('dotm+ets+drift', 'dotm', 'ets', 'drift'),
  mean('dotm+ets+theta', 'dotm', 'ets', 'theta'),
  mean('dotm+ses+holt', 'dotm', 'ses', 'holt'),
  mean('ses+holt+drift', 'ses', 'holt', 'drift'),
  mean('dotm+theta+drift+naive', 'dotm', 'theta', 'drift', 'naive'),
  mean('dotm+ses+theta+drift', 'dotm', 'ses', 'theta', 'drift'),
  mean('dotm+ets+theta+drift', 'dotm', 'ets', 'theta', 'drift'),
  mean('dotm+ets+drift+naive', 'dotm', 'ets', 'drift', 'naive'),
  median('median(dotm,drift,naive)', 'dotm', 'drift', 'naive'),
  median('median(dotm,theta,drift)', 'dotm', 'theta', 'drift'),
  median('median(dotm,ses,drift)', 'dotm', 'ses', 'drift'),
  median('median(dotm,ets,theta)', 'dotm', 'ets', 'theta'),
  median('median(dotm,ets,theta,drift,naive)', 'dotm', 'ets', 'theta', 'drift', 'naive'),
  weighted('inverse-mae(dotm,drift,naive)', 'dotm', 'drift', 'naive'),
  weighted('inverse-mae(dotm,theta,drift)', 'dotm', 'theta', 'drift'),
  weighted('inverse-mae(dotm,theta,naive)', 'dotm', 'theta', 'naive'),
  weighted('inverse-mae(dotm,ses,drift)', 'dotm', 'ses', 'drift'),
  weighted('inverse-mae(dotm,theta,drift,naive)', 'dotm', 'theta', 'drift', 'naive'),
  weighted('inverse-mae(dotm,ses,theta,drift,naive)', 'dotm', 'ses', 'theta', 'drift', 'naive'),
];

/** Short lengths selected separately ({@link selectForLength}); longer series use the long protocol. */
export const SHORT_LENGTHS = [5, 6, 7, 8, 9, 10] as const;

/**
 * Windows per series and length: the latest ones whose six following points are all inside the
 * training part, so every window is scored on full horizons 1–6 as the test is.
 */
export const WINDOWS_PER_SERIES = 6;

/**
 * Members too slow for the time budget (`auto` must stay far faster than R's combination): our
 * auto ARIMA alone costs about a fifth of R's combination time; automatic ETS (R's estimator, up
 * to 2000 likelihood evaluations per model) may be a member only with equal weights, since
 * per-series weights refit every member at three more origins. Candidates breaking these rules
 * are scored for information but cannot be chosen.
 */
export const OVER_BUDGET: readonly MethodName[] = ['arima'];

function eligible(c: CombinationSpec): boolean {
  if (c.members.some((m) => OVER_BUDGET.includes(m))) return false;
  return !(c.weighting === 'inverse-mae' && c.members.includes('ets'));
}

/** One selection protocol's outcome. */
export interface Selection {
  scores: (CombinationScore & { eligible: boolean })[];
  chosen: CombinationSpec;
  intervalScale: number[];
  origins: number;
  series: number;
  seconds: number;
}

function select(set: ValidationSet, candidates: readonly CombinationSpec[], t0: number): Selection {
  const scores = scoreCombinations(set, candidates).map((s, i) => ({ ...s, eligible: eligible(candidates[i]!) }));
  const best = scores.filter((s) => s.eligible).reduce((a, b) => (b.score < a.score ? b : a));
  const chosen = candidates.find((c) => c.name === best.name)!;
  return {
    scores: scores.sort((a, b) => a.score - b.score),
    chosen,
    intervalScale: calibrateIntervalScale(set, chosen),
    origins: set.series.reduce((a, o) => a + o.length, 0),
    series: set.series.filter((o) => o.length > 0).length,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Rolling-origin selection on training data only: every origin of every series with at least
 * `minTrain` training points, horizons up to `h`; the best eligible candidate by relative score
 * (mean of sMAPE and MASE ratios to DOTM), and its per-horizon interval factors for 95%.
 */
export function selectCombination(trainSeries: readonly Float64Array[], h: number, minTrain: number): Selection {
  const t0 = performance.now();
  const members = [...new Set(CANDIDATES.flatMap((c) => c.members))];
  return select(buildValidationSet(trainSeries, members, { h, minTrain, level: 0.95 }), CANDIDATES, t0);
}

/**
 * Selection for series of exactly `length` points, on training data only: the latest
 * {@link WINDOWS_PER_SERIES} windows of `length` points of every training series that are followed
 * by `h` more training points, each forecast from that window alone and scored on those h points;
 * the best eligible candidate by the same relative score, and its interval factors.
 */
export function selectForLength(trainSeries: readonly Float64Array[], h: number, length: number): Selection {
  const t0 = performance.now();
  const members = [...new Set(SHORT_CANDIDATES.flatMap((c) => c.members))];
  const set = buildValidationSet(trainSeries, members, {
    h,
    minTrain: length,
    level: 0.95,
    window: length,
    maxOrigins: WINDOWS_PER_SERIES,
    fullHorizon: true,
  });
  return select(set, SHORT_CANDIDATES, t0);
}
