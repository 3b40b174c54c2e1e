import type { ForecastOptions, MethodName } from '../core/types.js';
import { forecast } from '../forecast.js';
import { coverage, mase, smape } from './metrics.js';

/** Options of {@link backtest}. */
export interface BacktestOptions {
  /** Forecast horizon at each origin. */
  h: number;
  /** Number of rolling origins per series (the last one leaves exactly `h` points to score). Default 3. */
  origins?: number;
  /** Minimum training length; origins that would leave fewer points are skipped. Default 3. */
  minTrain?: number;
  /** Passed to {@link forecast} (nonNegative, period, shocks…). */
  forecastOptions?: Omit<ForecastOptions, 'h' | 'method'>;
}

/** One row of a backtest: a method's accuracy averaged over every series × origin it was scored on. */
export interface BacktestRow {
  method: MethodName;
  /** Mean sMAPE (0–200). */
  smape: number;
  /** Mean MASE over forecasts whose training part has a non-zero naive scale. */
  mase: number;
  /** Share (0–1) of actuals inside the 80% / 95% intervals. */
  coverage80: number;
  coverage95: number;
  /** Number of series × origin forecasts scored. */
  forecasts: number;
  seconds: number;
}

/**
 * Rolling-origin evaluation: for each series and each of the last `origins` origins, fit on the
 * points before the origin, forecast `h` steps and score them against the actuals.
 *
 * @example
 * const rows = backtest(seriesList, ['drift', 'auto'], { h: 3, origins: 3 });
 * console.log(formatBacktestTable(rows));
 */
export function backtest(seriesList: ArrayLike<number>[], methods: MethodName[], opts: BacktestOptions): BacktestRow[] {
  const { h } = opts;
  const origins = opts.origins ?? 3;
  const minTrain = opts.minTrain ?? 3;
  return methods.map((method) => {
    let s = 0,
      m = 0,
      mk = 0,
      c80 = 0,
      c95 = 0,
      k = 0;
    const t0 = performance.now();
    for (const series of seriesList) {
      const y = Float64Array.from(series);
      const n = y.length;
      for (let o = 0; o < origins; o++) {
        const end = n - h - o;
        if (end < minTrain) break;
        const train = y.subarray(0, end);
        const test = y.subarray(end, end + h);
        if (test.some((v) => !Number.isFinite(v))) continue;
        const f = forecast(train, { ...opts.forecastOptions, h, method });
        s += smape(test, f.mean);
        const ms = mase(test, f.mean, train);
        if (Number.isFinite(ms)) {
          m += ms;
          mk++;
        }
        c80 += coverage(test, f.lower80, f.upper80);
        c95 += coverage(test, f.lower95, f.upper95);
        k++;
      }
    }
    const kk = Math.max(k, 1);
    return {
      method,
      smape: s / kk,
      mase: mk > 0 ? m / mk : NaN,
      coverage80: c80 / kk,
      coverage95: c95 / kk,
      forecasts: k,
      seconds: (performance.now() - t0) / 1000,
    };
  });
}

/** A plain-text table of backtest rows (one line per method), for logs and the benchmark. */
export function formatBacktestTable(rows: BacktestRow[]): string {
  const head = ['method', 'sMAPE', 'MASE', 'cov80%', 'cov95%', 'forecasts', 'seconds'];
  const body = rows.map((r) => [
    r.method,
    r.smape.toFixed(2),
    r.mase.toFixed(3),
    (100 * r.coverage80).toFixed(1),
    (100 * r.coverage95).toFixed(1),
    String(r.forecasts),
    r.seconds.toFixed(2),
  ]);
  const width = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}
