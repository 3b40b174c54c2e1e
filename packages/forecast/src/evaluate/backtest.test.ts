import { describe, expect, it } from 'vitest';
import { backtest, formatBacktestTable } from './backtest.js';

describe('backtest', () => {
  const line = Array.from({ length: 12 }, (_, t) => 100 + 5 * t);
  const flat = [50, 52, 49, 51, 50, 53, 48, 50, 51, 49, 52, 50];
  it('scores each series at each rolling origin', () => {
    const [drift, naive] = backtest([line, flat], ['drift', 'naive'], { h: 3, origins: 2, forecastOptions: { adjustShocks: false } });
    expect(drift!.forecasts).toBe(4);
    // Drift is exact on the straight line, naive is not.
    const [lineDrift] = backtest([line], ['drift'], { h: 3, origins: 2 });
    expect(lineDrift!.smape).toBeCloseTo(0, 9);
    expect(naive!.smape).toBeGreaterThan(0);
  });
  it('skips origins that would leave too little training data', () => {
    const [row] = backtest([[1, 2, 3, 4, 5]], ['naive'], { h: 2, origins: 5, minTrain: 2 });
    expect(row!.forecasts).toBe(2);
  });
  it('prints one aligned line per method', () => {
    const text = formatBacktestTable(backtest([line, flat], ['drift', 'auto'], { h: 2 }));
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^method\s+sMAPE\s+MASE\s+cov80%\s+cov95%\s+forecasts\s+seconds$/);
    expect(lines[2]).toMatch(/^auto /);
  });
});
