import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { autoEts, fitEts, forecastEts, type EtsSpec } from './ets.js';
import { autoArima } from './arima.js';
import { forecast } from '../forecast.js';
import { maseScale } from '../evaluate/metrics.js';
import { modelQuantile } from './combine.js';
import type { MethodName } from '../core/types.js';

// R's forecast-package fits and forecasts (h = 6) for 22 M3 yearly training series, full length
// and cut to their last 7–12 points, chosen by a fixed rule to cover every non-seasonal ETS model
// and every kind of automatic ARIMA (test/fixtures/record-r-forecasts.R; versions in `_meta`).
interface RBounds {
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}
interface REts extends RBounds {
  model: string;
  alpha: number;
  beta?: number;
  phi?: number;
  l0: number;
  b0?: number;
  sigma2: number;
  loglik: number;
  aicc: number;
}
interface RArima extends RBounds {
  order: [number, number, number];
  constant: boolean;
  ar: number[];
  ma: number[];
  mu?: number;
  sigma2: number;
  loglik: number;
  aicc: number;
}
interface RSeries {
  id: string;
  cut: number | null;
  y: number[];
  ets?: REts;
  ets_models: Record<string, REts>;
  ses?: REts;
  holt?: REts;
  damped?: REts;
  thetaf?: RBounds & { alpha: number; drift: number; sigma2: number };
  drift: RBounds;
  auto_arima: RArima;
}
const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/r-forecasts.json', import.meta.url), 'utf8')) as Record<
  string,
  RSeries
> & {
  _meta: { R: string; forecast: string; h: number };
};
const series = Object.entries(fixture).filter(([id]) => id !== '_meta') as [string, RSeries][];
const H = fixture._meta.h;

/**
 * The parity tolerance: for every horizon i and every quantity v (mean, 80% and 95% bounds),
 * |v_ours,i − v_R,i| / s_i with s_i = (upper95_R,i − lower95_R,i) / 2, R's 95% half-width at that
 * horizon. The tests require this to be at most 0.01 (1% of the forecast's own spread).
 */
function parityGap(ours: RBounds | Record<keyof RBounds, ArrayLike<number>>, r: RBounds): number {
  let worst = 0;
  for (let i = 0; i < r.mean.length; i++) {
    const s = (r.upper95[i]! - r.lower95[i]!) / 2;
    for (const k of ['mean', 'lower80', 'upper80', 'lower95', 'upper95'] as const)
      worst = Math.max(worst, Math.abs(ours[k][i]! - r[k][i]!) / s);
  }
  return worst;
}
const TOLERANCE = 0.01;

function etsBounds(y: number[], spec: EtsSpec): RBounds {
  const m = forecastEts(fitEts(Float64Array.from(y), spec)!, H);
  const q = (p: number) => Array.from(m.mean, (_, i) => modelQuantile(m, p, i));
  return { mean: Array.from(m.mean), lower80: q(0.1), upper80: q(0.9), lower95: q(0.025), upper95: q(0.975) };
}

const SPECS: Record<string, EtsSpec> = {
  ANN: { error: 'A', trend: 'N' },
  AAN: { error: 'A', trend: 'A' },
  AAdN: { error: 'A', trend: 'Ad' },
  MNN: { error: 'M', trend: 'N' },
  MAN: { error: 'M', trend: 'A' },
  MAdN: { error: 'M', trend: 'Ad' },
};

describe(`parity with R ${fixture._meta.R}, forecast ${fixture._meta.forecast}: ETS`, () => {
  const cases = series.flatMap(([id, s]) => Object.entries(s.ets_models).map(([k, r]) => [`${id} ${k}`, s.y, SPECS[k]!, r] as const));
  it('the fixture covers all six non-seasonal models on long and short series', () => {
    expect(new Set(cases.map((c) => c[0].split(' ')[1])).size).toBe(6);
    expect(cases.length).toBeGreaterThan(100);
  });
  it.each(cases)('%s: same parameters, likelihood and σ² as R', (_name, y, spec, r) => {
    const fit = fitEts(Float64Array.from(y), spec)!;
    const scale = maseScale(y);
    expect(Math.abs(fit.alpha - r.alpha)).toBeLessThan(1e-4);
    if (r.beta !== undefined) expect(Math.abs(fit.beta - r.beta)).toBeLessThan(1e-4);
    if (r.phi !== undefined) expect(Math.abs(fit.phi - r.phi)).toBeLessThan(1e-4);
    expect(Math.abs(fit.l0 - r.l0) / scale).toBeLessThan(1e-4);
    if (r.b0 !== undefined) expect(Math.abs(fit.b0 - r.b0) / scale).toBeLessThan(1e-4);
    expect(Math.abs(-0.5 * fit.lik - r.loglik)).toBeLessThan(1e-6);
    expect(Math.abs(fit.aicc - r.aicc)).toBeLessThan(1e-6);
    expect(Math.abs(fit.sigma2 / r.sigma2 - 1)).toBeLessThan(1e-6);
  });
  it.each(cases)('%s: means and 80%/95% bounds within 1% of R (class 1 / class 2 variance)', (_name, y, spec, r) => {
    expect(parityGap(etsBounds([...y], spec), r)).toBeLessThan(TOLERANCE);
  });
  it.each(series.filter(([, s]) => s.ets))('%s: automatic ETS picks R’s model and forecasts as R', (_id, s) => {
    expect(autoEts(Float64Array.from(s.y))!.name).toBe(s.ets!.model);
    expect(parityGap(forecast(s.y, { h: H, method: 'ets', adjustShocks: false }), s.ets!)).toBeLessThan(TOLERANCE);
  });
});

describe(`parity with R ${fixture._meta.R}: ses, holt, damped holt, thetaf, rwf(drift)`, () => {
  const methods: [keyof RSeries, MethodName][] = [
    ['ses', 'ses'],
    ['holt', 'holt'],
    ['damped', 'damped'],
    ['thetaf', 'theta'],
    ['drift', 'drift'],
  ];
  const cases = series.flatMap(([id, s]) =>
    methods.filter(([k]) => s[k]).map(([k, m]) => [`${id} ${m}`, s.y, m, s[k] as RBounds & { alpha?: number }] as const),
  );
  it.each(cases)('%s: means and 80%/95% bounds within 1% of R', (_name, y, method, r) => {
    const f = forecast(y, { h: H, method, adjustShocks: false });
    expect(f.method).toBe(method);
    expect(parityGap(f, r)).toBeLessThan(TOLERANCE);
    if (r.alpha !== undefined) expect(Math.abs((f.params.alpha as number) - r.alpha)).toBeLessThan(1e-4);
  });
});

describe(`parity with R ${fixture._meta.R}: auto.arima`, () => {
  it.each(series)(
    '%s: same orders and constant, same coefficients and σ² (or a likelihood as high), forecasts within 1% of R',
    (_id, s) => {
      const r = s.auto_arima;
      const fit = autoArima(Float64Array.from(s.y))!;
      expect([fit.p, fit.d, fit.q]).toEqual(r.order);
      expect(fit.constant).toBe(r.constant);
      const coefGap = Math.max(0, ...r.ar.map((v, i) => Math.abs(fit.ar[i]! - v)), ...r.ma.map((v, i) => Math.abs(fit.ma[i]! - v)));
      if (coefGap < 2e-3) {
        if (r.mu !== undefined) expect(Math.abs(fit.mu - r.mu) / maseScale(s.y)).toBeLessThan(1e-3);
        expect(Math.abs(fit.sigma2 / r.sigma2 - 1)).toBeLessThan(1e-3);
        expect(Math.abs(fit.loglik - r.loglik)).toBeLessThan(1e-2);
      } else {
        // A flat likelihood (ARIMA(1,1,1) with drift on 4 differences): R's BFGS stops earlier on
        // the ridge; ours must then be at least as high.
        expect(fit.loglik).toBeGreaterThanOrEqual(r.loglik - 1e-6);
      }
      const f = forecast(s.y, { h: H, method: 'arima', adjustShocks: false });
      expect(parityGap(f, r)).toBeLessThan(TOLERANCE);
    },
  );
});
