import { describe, expect, it } from 'vitest';
import { forecastMany } from './forecast-many.js';
import { forecast } from '../forecast.js';

describe('forecastMany', () => {
  const series = Array.from({ length: 40 }, (_, k) =>
    Array.from({ length: 10 + (k % 5) }, (_, t) => 100 + k + (3 + (k % 4)) * t + ((t * k) % 7)),
  );
  it('returns the same forecasts as forecast(), in input order', async () => {
    const many = await forecastMany(series, { h: 3, nonNegative: true }, { workers: 1 });
    expect(many).toHaveLength(40);
    many.forEach((r, k) => expect(Array.from(r.mean)).toEqual(Array.from(forecast(series[k]!, { h: 3, nonNegative: true }).mean)));
  });
  it('gives identical results when asked to use worker threads', async () => {
    const a = await forecastMany(series, { h: 3 }, { workers: 2, minBatchForWorkers: 0 });
    const b = await forecastMany(series, { h: 3 }, { workers: 1 });
    a.forEach((r, k) => expect(Array.from(r.upper95)).toEqual(Array.from(b[k]!.upper95)));
  });
  it('short count series with gaps: per-series method, configuration, notes and 80/95% bounds, the same through workers', async () => {
    // Employment (persons) of one industry in 12 cities, 8–13 annual points, one missing year each.
    const cities = Array.from({ length: 12 }, (_, k) =>
      Array.from({ length: 8 + (k % 6) }, (_, t) =>
        t === 3 ? null : Math.round(2000 + 150 * k + (40 + 7 * k) * t + 90 * Math.sin(t + k)),
      ),
    );
    const opts = { h: 3, nonNegative: true };
    const direct = await forecastMany(cities, opts, { workers: 1 });
    const threads = await forecastMany(cities, opts, { workers: 2, minBatchForWorkers: 0 });
    direct.forEach((r, k) => {
      const n = cities[k]!.length;
      expect(r.method).toBe('auto');
      expect(r.params.configuration).toBe(n > 10 ? 'AUTO_LONG' : `AUTO_BY_LENGTH[${n}]`);
      expect(r.notes).toContain('interpolated 1 interior missing point(s)');
      for (let i = 0; i < 3; i++) {
        expect(r.lower95[i]).toBeGreaterThanOrEqual(0);
        expect(r.lower95[i]).toBeLessThanOrEqual(r.lower80[i]!);
        expect(r.upper80[i]).toBeLessThanOrEqual(r.upper95[i]!);
      }
      expect(threads[k]!.params).toEqual(r.params);
      expect(threads[k]!.notes).toEqual(r.notes);
      expect(Array.from(threads[k]!.lower80)).toEqual(Array.from(r.lower80));
    });
  });
});
