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
});
