import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ForecastOptions, ForecastResult } from '../core/types.js';
import { forecast } from '../forecast.js';

/** Options of {@link forecastMany}. */
export interface BatchOptions {
  /** Worker threads to use; default: available parallelism. 1 runs everything in this thread. */
  workers?: number;
  /** Batches smaller than this run in this thread: starting workers costs ~0.1–0.3 s. Default 2000. */
  minBatchForWorkers?: number;
}

/**
 * The worker entry. From the built package it is the compiled `.js`; when running from the
 * TypeScript source (tsx), Node 20 workers do not inherit tsx's module hooks, so a small data:
 * module registers tsx in the worker before importing the `.ts` entry.
 */
function workerEntry(): URL {
  const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
  const url = new URL(`./forecast-worker.${ext}`, import.meta.url);
  if (ext === 'js') return url;
  const api = import.meta.resolve('tsx/esm/api');
  const code = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(url.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

function runChunk(url: URL, series: ArrayLike<number | null | undefined>[], opts: ForecastOptions): Promise<ForecastResult[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(url);
    w.once('message', (r: ForecastResult[]) => {
      resolve(r);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`forecast worker exited with code ${code}`));
    });
    w.postMessage({ series, opts });
  });
}

/**
 * Forecast many series with the same options, in worker threads when the batch is large enough
 * to pay for them. Results are in input order and identical to calling {@link forecast} on each
 * series (the seed is per series, so thread count never changes the numbers). If workers cannot
 * start (e.g. a runtime that cannot load the TypeScript source in a worker), the batch runs in
 * this thread instead.
 */
export async function forecastMany(
  seriesList: readonly ArrayLike<number | null | undefined>[],
  opts: ForecastOptions,
  batch: BatchOptions = {},
): Promise<ForecastResult[]> {
  const workers = Math.max(1, Math.min(batch.workers ?? availableParallelism(), seriesList.length));
  if (workers === 1 || seriesList.length < (batch.minBatchForWorkers ?? 2000)) return seriesList.map((s) => forecast(s, opts));
  const size = Math.ceil(seriesList.length / workers);
  const chunks: ArrayLike<number | null | undefined>[][] = [];
  for (let i = 0; i < seriesList.length; i += size)
    chunks.push(Array.from({ length: Math.min(size, seriesList.length - i) }, (_, k) => seriesList[i + k]!));
  try {
    const url = workerEntry();
    const parts = await Promise.all(chunks.map((c) => runChunk(url, c, opts)));
    return parts.flat();
  } catch {
    return seriesList.map((s) => forecast(s, opts));
  }
}
