import { parentPort } from 'node:worker_threads';
import type { ForecastOptions } from '../core/types.js';
import { forecast } from '../forecast.js';

// One chunk of a forecastMany batch: forecast every series and post the results back.
parentPort?.on('message', (msg: { series: ArrayLike<number | null | undefined>[]; opts: ForecastOptions }) => {
  parentPort!.postMessage(msg.series.map((s) => forecast(s, msg.opts)));
});
