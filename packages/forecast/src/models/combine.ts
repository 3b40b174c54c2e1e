import { qnorm } from '../core/normal.js';
import type { ModelForecast } from '../core/types.js';

/** The p-quantile of a model's forecast distribution at horizon index i. */
export function modelQuantile(m: ModelForecast, p: number, i: number): number {
  if (m.quantile) return m.quantile(p, i);
  const sd = m.sd?.[i] ?? 0;
  return m.mean[i]! + qnorm(p) * sd;
}

function aggregate(values: Float64Array, how: 'mean' | 'median', weights?: readonly number[]): number {
  const k = values.length;
  if (how === 'mean') {
    let s = 0;
    if (weights) {
      for (let j = 0; j < k; j++) s += weights[j]! * values[j]!;
      return s;
    }
    for (let j = 0; j < k; j++) s += values[j]!;
    return s / k;
  }
  values.sort();
  const mid = k >> 1;
  return k % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/**
 * Combine member forecasts with equal weights: point forecasts by their mean (or median), and each
 * interval bound by the same operator over the members' bounds (quantile averaging), which keeps
 * the combination's intervals as wide as its members' typical interval. With `weights` (summing
 * to 1, one per member; mean only) both are weighted means instead.
 */
export function combineForecasts(
  name: string,
  members: ModelForecast[],
  how: 'mean' | 'median' = 'mean',
  weights?: readonly number[],
): ModelForecast {
  if (weights && (how !== 'mean' || weights.length !== members.length))
    throw new Error('combineForecasts: weights need how = mean and one weight per member');
  const h = members[0]!.mean.length;
  const k = members.length;
  const buf = new Float64Array(k);
  const mean = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    for (let j = 0; j < k; j++) buf[j] = members[j]!.mean[i]!;
    mean[i] = aggregate(buf, how, weights);
  }
  const quantile = (p: number, i: number) => {
    const b = new Float64Array(k);
    for (let j = 0; j < k; j++) b[j] = modelQuantile(members[j]!, p, i);
    return aggregate(b, how, weights);
  };
  return {
    method: name,
    mean,
    quantile,
    params: {
      combination: how,
      ...(weights ? { weights: [...weights] } : {}),
      members: members.map((m) => ({ method: m.method, ...m.params })),
    },
  };
}
