import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { autoEts, fitEts } from './ets.js';
import { autoArima } from './arima.js';
import { forecast } from '../forecast.js';
import { maseScale } from '../evaluate/metrics.js';
import type { MethodName } from '../core/types.js';

// Outputs of R's forecast package for five M3 yearly series, recorded by
// test/fixtures/record-r-forecasts.R (R and package versions in `_meta`).
type RBlock = { mean: number[]; lower95: number[]; upper95: number[]; model?: string };
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/r-forecasts.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, RBlock> & { y: number[] }
> & { _meta: { R: string; forecast: string } };
const series = Object.entries(fixture).filter(([id]) => id !== '_meta') as [string, Record<string, RBlock> & { y: number[] }][];

/** Largest gap between our and R's point forecasts, in units of the series' mean absolute change. */
function gap(y: number[], ours: Float64Array, theirs: number[]): number {
  const scale = maseScale(y);
  return Math.max(...theirs.map((v, i) => Math.abs(v - ours[i]!) / scale));
}

function halfWidthRatio(ours: { mean: Float64Array; upper95: Float64Array }, r: RBlock): number {
  return Math.max(...r.upper95.map((u, i) => Math.abs((ours.upper95[i]! - ours.mean[i]!) / (u - r.mean[i]!) - 1)));
}

describe(`agreement with R ${fixture._meta.R}, forecast ${fixture._meta.forecast}`, () => {
  it.each(series)('%s: SES, Theta and drift match R closely (same estimator, same optimum)', (_id, s) => {
    for (const [rName, ours] of [
      ['ses', 'ses'],
      ['thetaf', 'theta'],
      ['drift', 'drift'],
    ] as [string, MethodName][]) {
      const f = forecast(s.y, { h: 6, method: ours, adjustShocks: false });
      expect(gap(s.y, f.mean, s[rName]!.mean), rName).toBeLessThan(0.01);
      expect(halfWidthRatio(f, s[rName]!), rName).toBeLessThan(0.01);
    }
  });

  it('automatic ETS picks the same model as R on at least four of the five series', () => {
    const same = series.filter(([, s]) => autoEts(Float64Array.from(s.y))!.name === s['ets']!.model).length;
    expect(same).toBeGreaterThanOrEqual(4);
  });

  it('where ETS picks the same model, the forecasts agree within 0.1 of a mean absolute change', () => {
    for (const [id, s] of series) {
      if (autoEts(Float64Array.from(s.y))!.name !== s['ets']!.model) continue;
      const f = forecast(s.y, { h: 6, method: 'ets', adjustShocks: false });
      expect(gap(s.y, f.mean, s['ets']!.mean), id).toBeLessThan(0.1);
      // Without a trend the likelihood has one clear optimum and the intervals match; with a trend
      // the β estimate sits on a flat ridge, so the same mean can come with a different width.
      expect(halfWidthRatio(f, s['ets']!), id).toBeLessThan(s['ets']!.model!.includes(',N,N') ? 0.01 : 0.7);
    }
  });

  it.each(series)("%s: auto ARIMA chooses R's orders and reproduces its forecasts", (_id, s) => {
    const fit = autoArima(Float64Array.from(s.y))!;
    expect(`${fit.p},${fit.d},${fit.q}`).toBe((s['auto.arima'] as unknown as { model: string }).model);
    const f = forecast(s.y, { h: 6, method: 'arima', adjustShocks: false });
    expect(gap(s.y, f.mean, s['auto.arima']!.mean)).toBeLessThan(0.01);
  });

  it("Holt, damped and SES reach R's maximised likelihood on most series", () => {
    // One Nelder–Mead start, as R's ets; R sometimes lands on the β = α edge (N0001's Holt) and
    // sometimes we find the higher optimum, so this checks agreement, not dominance.
    for (const [rName, trend] of [
      ['ses', 'N'],
      ['holt', 'A'],
      ['damped', 'Ad'],
    ] as const) {
      const reached = series.filter(
        ([, s]) =>
          -0.5 * fitEts(Float64Array.from(s.y), { error: 'A', trend })!.lik >= (s[rName] as unknown as { loglik: number }).loglik - 1e-3,
      ).length;
      expect(reached, rName).toBeGreaterThanOrEqual(rName === 'ses' ? 5 : 4);
    }
  });

  it('Holt and damped trend land near R on most series', () => {
    for (const [rName, ours] of [
      ['holt', 'holt'],
      ['damped', 'damped'],
    ] as [string, MethodName][]) {
      const close = series.filter(
        ([, s]) => gap(s.y, forecast(s.y, { h: 6, method: ours, adjustShocks: false }).mean, s[rName]!.mean) < 0.8,
      ).length;
      expect(close, rName).toBeGreaterThanOrEqual(3);
    }
  });
});
