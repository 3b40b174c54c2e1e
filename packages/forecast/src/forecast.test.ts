import { describe, expect, it } from 'vitest';
import { AUTO_LONG, AUTO_SHORT, AUTO_SHORT_MAX_LENGTH, autoConfig, combination, forecast } from './forecast.js';
import type { ForecastResult, MethodName } from './core/types.js';

// Graduates of one school × major, 2011–2024 (a realistic short annual count series).
const grads = [412, 436, 451, 470, 502, 515, 540, 566, 581, 455, 612, 640, 655, 683];

function allFinite(r: ForecastResult): boolean {
  return [r.mean, r.lower80, r.upper80, r.lower95, r.upper95].every((a) => a.every(Number.isFinite));
}

describe('forecast: every method on a realistic series', () => {
  const methods: MethodName[] = ['naive', 'drift', 'snaive', 'mean', 'ses', 'holt', 'damped', 'ets', 'theta', 'dotm', 'comb', 'auto'];
  it.each(methods)('%s returns finite, ordered intervals of length h', (method) => {
    const r = forecast(grads, { h: 5, method, nonNegative: true });
    expect(r.mean).toHaveLength(5);
    expect(allFinite(r)).toBe(true);
    for (let i = 0; i < 5; i++) {
      expect(r.lower95[i]).toBeLessThanOrEqual(r.lower80[i]!);
      expect(r.lower80[i]).toBeLessThanOrEqual(r.mean[i]!);
      expect(r.mean[i]).toBeLessThanOrEqual(r.upper80[i]!);
      expect(r.upper80[i]).toBeLessThanOrEqual(r.upper95[i]!);
    }
  });
  it('intervals widen with the horizon for the auto combination', () => {
    const r = forecast(grads, { h: 6 });
    for (let i = 1; i < 6; i++) expect(r.upper95[i]! - r.lower95[i]!).toBeGreaterThan(r.upper95[i - 1]! - r.lower95[i - 1]!);
  });
});

describe('forecast: awkward series rules', () => {
  it('the one-off 2020 dip is detected and replaced before fitting', () => {
    const r = forecast(grads, { h: 3, method: 'drift', adjustShocks: true });
    expect(r.notes.some((n) => n.startsWith('one-off shock detected at index 9'))).toBe(true);
    // Declared explicitly, the same point is replaced; without either, the dip stays in.
    const declared = forecast(grads, { h: 3, method: 'drift', shocks: [9], adjustShocks: false });
    expect(declared.notes.some((n) => n.startsWith('declared shock at index 9'))).toBe(true);
    expect(forecast(grads, { h: 3, method: 'drift', adjustShocks: false }).notes).toEqual([]);
  });
  it('3 to 5 points use the mean of naive and drift', () => {
    const r = forecast([100, 110, 125], { h: 2 });
    expect(r.method).toBe('short');
    // naive 125, drift 125 + 12.5·k → means 131.25 and 137.5
    expect(r.mean[0]).toBeCloseTo(131.25, 9);
    expect(r.mean[1]).toBeCloseTo(137.5, 9);
    expect(allFinite(r)).toBe(true);
  });
  it('one or two points give a naive forecast, none gives zeros; never NaN', () => {
    expect(Array.from(forecast([7], { h: 2 }).mean)).toEqual([7, 7]);
    expect(forecast([7, 9], { h: 2 }).method).toBe('naive');
    const empty = forecast([NaN, null, undefined], { h: 3 });
    expect(empty.method).toBe('none');
    expect(allFinite(empty)).toBe(true);
  });
  it('interior missing years are interpolated; a late start is trimmed', () => {
    const r = forecast([null, null, 10, 12, NaN, 16, 18, 20, 22, 24], { h: 2, method: 'drift', adjustShocks: false });
    expect(r.notes).toContain('dropped 2 leading missing point(s)');
    expect(r.notes).toContain('interpolated 1 interior missing point(s)');
    expect(r.mean[0]).toBeCloseTo(26, 9);
  });
  it('trailing missing years extend the horizon, so output still starts after the input', () => {
    const r = forecast([10, 12, 14, 16, 18, 20, 22, NaN, NaN], { h: 2, method: 'drift' });
    expect(r.mean).toHaveLength(2);
    expect(r.mean[0]).toBeCloseTo(28, 9);
    expect(r.mean[1]).toBeCloseTo(30, 9);
  });
  it('a programme that closed (trailing zeros) forecasts zero; an all-zero series too', () => {
    expect(forecast([30, 28, 25, 20, 0, 0], { h: 3, nonNegative: true }).method).toBe('stopped');
    const z = forecast([0, 0, 0, 0], { h: 2, nonNegative: true });
    expect(Array.from(z.mean)).toEqual([0, 0]);
    expect(Array.from(z.upper95)).toEqual([0, 0]);
  });
  it('leading zeros before a programme starts are dropped for counts', () => {
    const r = forecast([0, 0, 0, 15, 18, 22, 25, 29, 31, 36], { h: 2, nonNegative: true, method: 'drift' });
    expect(r.notes).toContain('dropped 3 leading zero(s) before the series starts');
    expect(r.mean[0]).toBeCloseTo(36 + 21 / 6, 9);
  });
  it('intermittent counts (mostly zeros) use smoothing of the rate and stay non-negative', () => {
    const r = forecast([0, 3, 0, 0, 2, 0, 0, 4, 0, 1, 0, 0], { h: 3, nonNegative: true });
    expect(r.notes.some((n) => n.startsWith('intermittent'))).toBe(true);
    expect(r.mean.every((v) => v > 0 && v < 4)).toBe(true);
    expect(r.lower95.every((v) => v >= 0)).toBe(true);
  });
  it('a collapsing count series is clamped at zero, with a note', () => {
    const r = forecast([90, 80, 70, 60, 50, 40, 30, 20], { h: 6, method: 'drift', nonNegative: true });
    expect(r.mean[5]).toBe(0);
    expect(r.lower95.every((v) => v >= 0)).toBe(true);
    expect(r.notes).toContain('negative values clamped to 0 (non-negative quantity)');
  });
  it('a method that cannot be fitted falls back to drift and says so', () => {
    const r = forecast([5, 6, 8, 9, 11, 12, 14], { h: 2, method: 'damped', adjustShocks: false });
    expect(r.method).toBe('drift');
    expect(r.notes.some((n) => n.includes('damped could not be fitted'))).toBe(true);
  });
  it('monthly postings with a clear season are deseasonalised before fitting', () => {
    const season = [0.8, 0.9, 1.3, 1.2, 1.0, 0.9, 0.8, 0.9, 1.2, 1.1, 1.0, 0.9];
    const y = Array.from({ length: 48 }, (_, t) => 1000 * season[t % 12]! * (1 + 0.005 * t));
    const r = forecast(y, { h: 12, period: 12, method: 'ses' });
    expect(r.notes.some((n) => n.startsWith('seasonal (period 12)'))).toBe(true);
    // March (index 2) is above January (index 0) in the forecast, as in the data.
    expect(r.mean[2]! / r.mean[0]!).toBeCloseTo(1.3 / 0.8, 1);
  });
});

describe('auto: configuration by length and per-series weights', () => {
  it('series of at most 10 points use AUTO_SHORT, longer ones AUTO_LONG', () => {
    expect(autoConfig(AUTO_SHORT_MAX_LENGTH)).toBe(AUTO_SHORT);
    expect(autoConfig(AUTO_SHORT_MAX_LENGTH + 1)).toBe(AUTO_LONG);
    const r = forecast(grads.slice(-10), { h: 3, adjustShocks: false });
    const members = (r.params.members as { method: string }[]).map((m) => m.method);
    expect(members).toEqual([...AUTO_SHORT.members]);
  });
  it('inverse-MAE weights come from the members\u2019 own errors at the last three origins', () => {
    const y = Float64Array.from(grads);
    const n = y.length;
    // Hand computation for naive and drift: origin e forecasts y[e..n) from y[0..e).
    const mae = (f: (e: number, i: number) => number) => {
      let s = 0,
        k = 0;
      for (let e = n - 1; e >= n - 3; e--) for (let i = 0; e + i < n; i++, k++) s += Math.abs(y[e + i]! - f(e, i));
      return s / k;
    };
    const naiveMae = mae((e) => y[e - 1]!);
    const driftMae = mae((e, i) => y[e - 1]! + ((i + 1) * (y[e - 1]! - y[0]!)) / (e - 1));
    const wNaive = 1 / naiveMae / (1 / naiveMae + 1 / driftMae);
    const c = combination('c', ['naive', 'drift'], y, 2, 1, 'mean', 'inverse-mae')!;
    const drift1 = y[n - 1]! + (y[n - 1]! - y[0]!) / (n - 1);
    expect(c.mean[0]).toBeCloseTo(wNaive * y[n - 1]! + (1 - wNaive) * drift1, 9);
    expect((c.params.weights as number[])[0]).toBeCloseTo(wNaive, 12);
  });
});
