import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Forecasts of one peer method for every series, and the seconds the peer spent fitting. */
export interface PeerRun {
  method: string;
  seconds: number;
  /** Per series (input order): mean, lower95, upper95. */
  forecasts: { mean: Float64Array; lower95: Float64Array; upper95: Float64Array }[];
  failures: number;
  /** Warnings the peer printed (npm arima), counted rather than shown. */
  warnings?: number;
}

/** Version of the installed npm `arima` package. */
export function npmArimaVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('arima');
  const pkg = JSON.parse(readFileSync(join(main, '..', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Make sure Rscript with the forecast package exists; install Debian's r-cran-forecast when it
 * does not (apt under the shared lock, as root). Returns a reason when R cannot be used.
 */
export function ensureR(log: (s: string) => void): string | undefined {
  const ok = () => spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(forecast))'], { stdio: 'ignore' }).status === 0;
  if (ok()) return undefined;
  log('R forecast package missing: installing r-cran-forecast from Debian (apt-get, may take a few minutes)…');
  const apt = (args: string[]) =>
    spawnSync('flock', ['/tmp/apt.lock', 'apt-get', ...args], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  const upd = apt(['update']);
  if (upd.status === 0) apt(['install', '-y', '--no-install-recommends', 'r-cran-forecast']);
  return ok() ? undefined : 'R could not be installed (need root and apt access: apt-get install r-cran-forecast)';
}

/** Run R's ets, auto.arima, thetaf and rwf(drift) on the training series (bench/forecast/peers.R). */
export function runR(trains: { id: string; train: Float64Array }[], h: number): { runs: PeerRun[]; version: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-forecast-'));
  const input = join(dir, 'in.csv');
  const output = join(dir, 'out.csv');
  const lines = ['series_id,value'];
  trains.forEach((s, k) => s.train.forEach((v) => lines.push(`S${k},${v}`)));
  writeFileSync(input, lines.join('\n') + '\n');
  const script = fileURLToPath(new URL('./peers.R', import.meta.url));
  const r = spawnSync('Rscript', [script, input, String(h), output], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
  const text = readFileSync(output, 'utf8');
  rmSync(dir, { recursive: true, force: true });
  const rows = text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
  const runs = new Map<string, PeerRun>();
  let version = 'R';
  for (const [sid, method, step, mean, lo, hi] of rows) {
    if (sid === '__version__') {
      version = method!;
      continue;
    }
    let run = runs.get(method!);
    if (!run)
      runs.set(
        method!,
        (run = {
          method: `R ${method}`,
          seconds: 0,
          forecasts: trains.map(() => ({ mean: new Float64Array(h), lower95: new Float64Array(h), upper95: new Float64Array(h) })),
          failures: 0,
        }),
      );
    if (sid === '__timing__') {
      run.seconds = Number(mean);
      continue;
    }
    const f = run.forecasts[Number(sid!.slice(1))]!;
    const i = Number(step) - 1;
    f.mean[i] = Number(mean);
    f.lower95[i] = Number(lo);
    f.upper95[i] = Number(hi);
  }
  return { runs: [...runs.values()], version };
}

/** The npm package `arima` (ctsa compiled to WebAssembly) with `auto: true`; naive where it fails. */
export function runNpmArima(trains: { train: Float64Array }[], h: number): PeerRun {
  const require = createRequire(import.meta.url);
  const ARIMA = require('arima') as new (o: object) => {
    train(y: number[]): { predict(h: number): [number[], number[]] };
    destroy?: () => void;
  };
  // The WebAssembly build prints warnings ("non-stationary AR part") straight to stdout; keep the
  // benchmark's table readable by counting them instead.
  const origLog = console.log;
  const origWrite = process.stdout.write.bind(process.stdout);
  let warnings = 0;
  console.log = () => {
    warnings++;
  };
  process.stdout.write = () => {
    warnings++;
    return true;
  };
  const t0 = performance.now();
  let failures = 0;
  const forecasts = trains.map(({ train }) => {
    const mean = new Float64Array(h);
    const lower95 = new Float64Array(h);
    const upper95 = new Float64Array(h);
    let ok = false;
    try {
      const m = new ARIMA({ auto: true, verbose: false });
      const [pred, mse] = m.train(Array.from(train)).predict(h);
      for (let i = 0; i < h; i++) {
        const sd = Math.sqrt(Math.max(mse[i] ?? NaN, 0));
        mean[i] = pred[i]!;
        lower95[i] = pred[i]! - 1.959964 * sd;
        upper95[i] = pred[i]! + 1.959964 * sd;
      }
      m.destroy?.();
      ok = mean.every(Number.isFinite) && lower95.every(Number.isFinite);
    } catch {
      ok = false;
    }
    if (!ok) {
      failures++;
      mean.fill(train[train.length - 1]!);
      lower95.fill(mean[0]!);
      upper95.fill(mean[0]!);
    }
    return { mean, lower95, upper95 };
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log = origLog;
  process.stdout.write = origWrite;
  return { method: 'npm arima (auto)', seconds, forecasts, failures, warnings };
}
