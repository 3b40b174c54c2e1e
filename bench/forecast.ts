/**
 * Forecast benchmark: our methods against R's forecast package and the npm `arima` package on the
 * M3 yearly series (or any CSV of the same layout), on this machine, in one run.
 *
 *   npm run bench:forecast
 *   npm run bench:forecast -- --data <csv> --h <n> [--no-r]
 *
 * Not part of `npm test`. See bench/forecast/README.md for the method and the selection rules.
 */
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  AUTO_BY_LENGTH,
  AUTO_LONG,
  AUTO_SHORT_MAX_LENGTH,
  autoConfig,
  coverage,
  forecast,
  forecastMany,
  mase,
  smape,
  type AutoConfig,
  type MethodName,
} from '@talent/forecast';
import { readBenchCsv, type BenchSeries } from './forecast/m3.js';
import { ensureR, npmArimaVersion, runNpmArima, runR, type PeerRun } from './forecast/peers.js';
import {
  CANDIDATES,
  SHORT_CANDIDATES,
  SHORT_LENGTHS,
  WINDOWS_PER_SERIES,
  selectCombination,
  selectForLength,
  type Selection,
} from './forecast/select.js';

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dataPath = arg('--data') ?? fileURLToPath(new URL('./data/m3_yearly.csv', import.meta.url));
const withR = !args.includes('--no-r');
const log = (s = '') => console.log(s);

const OURS: MethodName[] = ['naive', 'drift', 'ses', 'holt', 'damped', 'ets', 'theta', 'dotm', 'arima', 'comb', 'auto'];

interface Row {
  method: string;
  smape: number;
  mase: number;
  cov95: number;
  seconds: number;
  note?: string;
}

function score(
  method: string,
  series: BenchSeries[],
  fc: { mean: ArrayLike<number>; lower95: ArrayLike<number>; upper95: ArrayLike<number> }[],
  seconds: number,
  note?: string,
): Row {
  let s = 0,
    m = 0,
    mk = 0,
    c = 0;
  series.forEach((x, k) => {
    const f = fc[k]!;
    s += smape(x.test, f.mean);
    const ms = mase(x.test, f.mean, x.train);
    if (Number.isFinite(ms)) {
      m += ms;
      mk++;
    }
    c += coverage(x.test, f.lower95, f.upper95);
  });
  const n = series.length;
  return { method, smape: s / n, mase: m / mk, cov95: (100 * c) / n, seconds, note };
}

function table(rows: Row[], refs: { label: string; seconds: number }[]): string {
  const head = ['method', 'sMAPE', 'MASE', 'cov95%', 'seconds', ...refs.map((r) => `time/${r.label}`), 'note'];
  const body = rows.map((r) => [
    r.method,
    r.smape.toFixed(2),
    r.mase.toFixed(3),
    r.cov95.toFixed(1),
    r.seconds.toFixed(3),
    ...refs.map((x) => (x.seconds > 0 ? (r.seconds / x.seconds).toFixed(4) : '-')),
    r.note ?? '',
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((x, i) => (i === 0 || i === c.length - 1 ? x.padEnd(w[i]!) : x.padStart(w[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(head.map((_, i) => '-'.repeat(w[i]!))), ...body.map(line)].join('\n');
}

function runOurs(series: BenchSeries[], h: number, method: MethodName): { row: Row; out: ReturnType<typeof forecast>[] } {
  const t0 = performance.now();
  const out = series.map((s) => forecast(s.train, { h, method, adjustShocks: false }));
  const sec = (performance.now() - t0) / 1000;
  return { row: score(method, series, out, sec), out };
}

async function variant(label: string, series: BenchSeries[], h: number, rInfo: { ok: boolean }) {
  log(
    `\n## ${label}: ${series.length} series, h = ${h}, training length ${Math.min(...series.map((s) => s.train.length))}–${Math.max(...series.map((s) => s.train.length))}`,
  );
  // Each method runs twice and the second pass is timed: the first pays for V8 compiling the code,
  // a one-off cost per process that a long batch does not see. The cold time is shown as a note.
  const rows: Row[] = [];
  const byName = new Map<string, Row>();
  for (const m of OURS) {
    const cold = runOurs(series, h, m).row.seconds;
    const { row } = runOurs(series, h, m);
    row.note = `cold ${cold.toFixed(3)} s`;
    if (m === 'auto') row.note += `; ${describeAuto(series)}`;
    if (m === 'comb') row.note += '; M4 Comb: mean(SES, Holt, damped)';
    rows.push(row);
    byName.set(m, row);
  }
  const t0 = performance.now();
  const many = await forecastMany(
    series.map((s) => s.train),
    { h, method: 'auto', adjustShocks: false },
    { workers: availableParallelism(), minBatchForWorkers: 0 },
  );
  rows.push(
    score(`auto (forecastMany, ${availableParallelism()} workers)`, series, many, (performance.now() - t0) / 1000, 'incl. worker start-up'),
  );
  const peers: PeerRun[] = [runNpmArima(series, h)];
  let version = '';
  if (rInfo.ok) {
    const r = runRWithComb(series, h);
    version = r.version;
    peers.push(...r.runs);
  }
  for (const p of peers) {
    const row = score(
      p.method,
      series,
      p.forecasts,
      p.seconds,
      [p.failures ? `${p.failures} failures → naive` : '', p.warnings ? `${p.warnings} warnings printed` : ''].filter(Boolean).join('; ') ||
        undefined,
    );
    rows.push(row);
    byName.set(p.method, row);
  }
  const rComb = byName.get(R_COMB);
  const rEts = byName.get('R ets');
  const refs = [rComb && { label: 'R comb', seconds: rComb.seconds }, rEts && { label: 'R ets', seconds: rEts.seconds }].filter(
    (x): x is { label: string; seconds: number } => !!x,
  );
  if (version) log(`peers: ${version}; npm arima ${npmArimaVersion()}`);
  log(table(rows, refs));
  const best = byName.get('auto')!;
  const ours = byName.get('ets')!;
  const rRows = [...byName.entries()].filter(([k]) => k.startsWith('R ')).map(([, v]) => v);
  if (rRows.length) {
    const beatS = rRows.every((r) => best.smape < r.smape);
    const beatM = rRows.every((r) => best.mase < r.mase);
    log(
      `\nbest (validation-selected 'auto') vs every R method: sMAPE ${beatS ? 'lower' : 'NOT lower'} than all, MASE ${beatM ? 'lower' : 'NOT lower'} than all`,
    );
    if (rComb)
      log(
        `M3 targets — time ratio auto / R comb = ${(best.seconds / rComb.seconds).toFixed(4)} (target < 0.1); sMAPE < 16.0: ${best.smape < 16 ? 'yes' : 'no'}; MASE < 2.63: ${best.mase < 2.63 ? 'yes' : 'no'}; coverage95 in [90, 97]: ${best.cov95 >= 90 && best.cov95 <= 97 ? 'yes' : 'no'}`,
      );
    if (rEts) log(`ETS speed-up vs R ets = ${(rEts.seconds / ours.seconds).toFixed(1)}× (target ≥ 5)`);
  }
  return { best, ours, rComb, rEts };
}

/** R's four methods on the series, plus the mean of ets, auto.arima and thetaf (means and bounds averaged). */
function runRWithComb(series: BenchSeries[], h: number): { runs: PeerRun[]; version: string } {
  const r = runR(series, h);
  const get = (m: string) => r.runs.find((x) => x.method === `R ${m}`)!;
  const members = ['ets', 'auto.arima', 'thetaf'].map(get);
  const combo: PeerRun = {
    method: R_COMB,
    seconds: members.reduce((a, b) => a + b.seconds, 0),
    failures: 0,
    forecasts: series.map((_, k) => {
      const avg = (key: 'mean' | 'lower95' | 'upper95') =>
        Float64Array.from({ length: h }, (_, i) => members.reduce((a, m) => a + m.forecasts[k]![key][i]!, 0) / members.length);
      return { mean: avg('mean'), lower95: avg('lower95'), upper95: avg('upper95') };
    }),
  };
  return { runs: [...r.runs, combo], version: r.version };
}

const R_COMB = 'R mean(ets, auto.arima, thetaf)';

function configLabel(cfg: AutoConfig): string {
  return `${cfg.how}(${cfg.members.join(', ')}), ${cfg.weighting} weights`;
}

/** Which `auto` configuration(s) the series get, by their training lengths. */
function describeAuto(series: BenchSeries[]): string {
  const lengths = [...new Set(series.map((s) => s.train.length))];
  const cfgs = [...new Set(lengths.map((n) => autoConfig(n)))];
  return cfgs
    .map(
      (c) =>
        `${configLabel(c)} (${c === AUTO_LONG ? 'AUTO_LONG' : `AUTO_BY_LENGTH[${lengths.filter((n) => autoConfig(n) === c).join(',')}]`})`,
    )
    .join('; ')
    .concat(', calibrated intervals');
}

/** Print one selection's candidates (the first `top`, plus the reference) and compare the choice with the engine. */
function printSelection(sel: Selection, engine: AutoConfig, engineName: string, top = Infinity): void {
  log(
    `${sel.origins} origins in ${sel.series} series, ${sel.seconds.toFixed(1)} s; score = (sMAPE/sMAPE_dotm + MASE/MASE_dotm)/2; cov95 = raw member intervals`,
  );
  sel.scores.forEach((s, i) => {
    if (i >= top && s.name !== 'dotm') return;
    log(
      `  ${s.name.padEnd(42)} sMAPE ${s.smape.toFixed(2)}  MASE ${s.mase.toFixed(3)}  cov95 ${(100 * s.coverage).toFixed(1)}  score ${s.score.toFixed(4)}${s.eligible ? '' : '  (over time budget)'}`,
    );
  });
  if (sel.scores.length > top) log(`  … ${sel.scores.length - top} more candidates`);
  const same =
    sel.chosen.members.join('+') === engine.members.join('+') &&
    sel.chosen.how === engine.how &&
    (sel.chosen.weighting ?? 'equal') === engine.weighting;
  log(
    `chosen: ${sel.chosen.name}; engine ${engineName}: ${configLabel(engine)}${same ? ' (same)' : ' (DIFFERENT: update packages/forecast/src/forecast.ts)'}`,
  );
  const sameScale = sel.intervalScale.join() === engine.intervalScale.join();
  log(
    `interval factors for 95% (conformal level): [${sel.intervalScale.join(', ')}]; engine: [${engine.intervalScale.join(', ')}]${sameScale ? ' (same)' : ' (DIFFERENT)'}`,
  );
}

interface LengthRow {
  k: number;
  series: number;
  rows: Row[];
}

/**
 * Every series cut to its last k training points, for each k: ours (auto and the naive
 * baselines) against R's methods on exactly the same cuts, R run here in the same process run.
 */
function byLength(series: BenchSeries[], h: number, lengths: readonly number[], rOk: boolean): LengthRow[] {
  const out: LengthRow[] = [];
  for (const k of lengths) {
    const cut = series.filter((s) => s.train.length >= k).map((s) => ({ ...s, train: s.train.slice(-k) }));
    if (cut.length === 0) {
      log(`k = ${k}: no series has ${k} training points; skipped`);
      continue;
    }
    const rows: Row[] = [];
    for (const m of ['auto', 'naive', 'drift'] as MethodName[]) {
      runOurs(cut, h, m);
      rows.push(runOurs(cut, h, m).row);
    }
    if (rOk) {
      const r = runRWithComb(cut, h);
      for (const p of r.runs) rows.push(score(p.method, cut, p.forecasts, p.seconds));
    }
    out.push({ k, series: cut.length, rows });
  }
  return out;
}

function printByLength(res: LengthRow[]): void {
  const head = ['k', 'series', 'method', 'sMAPE', 'MASE', 'cov95%', 'seconds'];
  const body = res.flatMap(({ k, series, rows }) =>
    rows.map((r) => [String(k), String(series), r.method, r.smape.toFixed(2), r.mase.toFixed(3), r.cov95.toFixed(1), r.seconds.toFixed(3)]),
  );
  const w = head.map((x, i) => Math.max(x.length, ...body.map((b) => b[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => (i === 2 ? x.padEnd(w[i]!) : x.padStart(w[i]!))).join('  ');
  log([line(head), line(head.map((_, i) => '-'.repeat(w[i]!))), ...body.map(line)].join('\n'));
  const summary = res
    .map(({ k, rows }) => {
      const a = rows.find((r) => r.method === 'auto')!;
      const c = rows.find((r) => r.method === R_COMB);
      if (!c) return undefined;
      const lead = (x: number, y: number) => (x < y ? 'lead' : 'TRAIL');
      return `k=${k}: auto ${a.smape.toFixed(2)}/${a.mase.toFixed(3)}/${a.cov95.toFixed(1)}% vs R comb ${c.smape.toFixed(2)}/${c.mase.toFixed(3)}/${c.cov95.toFixed(1)}% → sMAPE ${lead(a.smape, c.smape)}, MASE ${lead(a.mase, c.mase)}; time ratio ${(a.seconds / c.seconds).toFixed(4)}`;
    })
    .filter((x): x is string => !!x);
  if (summary.length) log(['', 'auto vs R comb (sMAPE/MASE/cov95):', ...summary].join('\n'));
}

/**
 * The projection stage's workload: thousands of short annual count series (employment by
 * industry × city, 8–13 points, non-negative) through forecastMany. Stand-in data: every training
 * series cut to its last 8, 9, …, 13 points and rounded; timed beside naive on the same batch.
 */
async function projectionBatch(series: BenchSeries[]): Promise<void> {
  const batch = series.flatMap((s) =>
    [8, 9, 10, 11, 12, 13].filter((k) => s.train.length >= k).map((k) => Array.from(s.train.slice(-k), Math.round)),
  );
  if (batch.length === 0) return;
  log(`\n## Projection-like batch: ${batch.length} count series of 8–13 points (training cuts, rounded), h = 5, nonNegative`);
  const opts = { h: 5, nonNegative: true };
  const time = async (label: string, run: () => unknown) => {
    await run();
    const t0 = performance.now();
    await run();
    const sec = (performance.now() - t0) / 1000;
    log(`  ${label.padEnd(44)} ${sec.toFixed(3)} s  (${((1e6 * sec) / batch.length).toFixed(0)} µs per series)`);
  };
  await time('naive, forecast() in this thread', () => batch.map((y) => forecast(y, { ...opts, method: 'naive' })));
  await time('auto, forecastMany, this thread', () => forecastMany(batch, opts, { workers: 1 }));
  await time(`auto, forecastMany, ${availableParallelism()} workers (incl. start-up)`, () =>
    forecastMany(batch, opts, { workers: availableParallelism(), minBatchForWorkers: 0 }),
  );
}

async function main() {
  const { series: all, rejected, rows } = readBenchCsv(dataPath);
  const h = Number(arg('--h') ?? all[0]?.test.length ?? 6);
  const series = all.filter((s) => s.test.length >= h && s.train.length >= 3).map((s) => ({ ...s, test: s.test.slice(0, h) }));
  log(`# Forecast benchmark — ${new Date().toISOString()}`);
  log(
    `data: ${dataPath}: ${rows} rows read, ${rows - rejected.length} loaded, ${rejected.length} rejected; ${series.length} series used (of ${all.length}), h = ${h}`,
  );
  for (const r of rejected.slice(0, 5)) log(`  rejected line ${r.line}: ${r.reason}`);
  if (series.length === 0) {
    log(`no series has ${h} test points and at least 3 training points: nothing to score`);
    return;
  }
  log(
    `machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, Node ${process.version}; times are single-thread wall-clock seconds for all series (ours: second pass, JIT warm; R: inside R, start-up excluded)`,
  );
  const trains = series.map((s) => s.train);

  const longMin = AUTO_SHORT_MAX_LENGTH + 1;
  log(
    `\n## Selection of \`auto\` for series longer than ${AUTO_SHORT_MAX_LENGTH} (${CANDIDATES.length} fixed candidates): rolling origins inside each full training series (≥ ${longMin} training points, h ≤ ${h}) → AUTO_LONG; test points unused`,
  );
  if (trains.some((y) => y.length > longMin)) printSelection(selectCombination(trains, h, longMin), AUTO_LONG, 'AUTO_LONG');
  else log(`no training series has more than ${longMin} points: this selection is skipped`);

  log(
    `\n## Selection of \`auto\` per length ${SHORT_LENGTHS[0]}–${SHORT_LENGTHS[SHORT_LENGTHS.length - 1]} (${SHORT_CANDIDATES.length} fixed candidates): the latest ${WINDOWS_PER_SERIES} windows of that length in each training series followed by ${h} more training points, forecast from the window alone → AUTO_BY_LENGTH; test points unused`,
  );
  for (const L of SHORT_LENGTHS) {
    log(`\n### length ${L}`);
    if (!trains.some((y) => y.length >= L + h)) {
      log(`no training series has ${L + h} points (a window of ${L} and ${h} to score): this selection is skipped`);
      continue;
    }
    printSelection(selectForLength(trains, h, L), AUTO_BY_LENGTH[L]!, `AUTO_BY_LENGTH[${L}]`, 12);
  }

  let rOk = false;
  if (withR) {
    const why = ensureR(log);
    if (why) log(`R peers skipped: ${why}`);
    else rOk = true;
  }
  const full = await variant('Full training series', series, h, { ok: rOk });
  log(`\n## By training length: every series cut to its last k training points (same ${h} test points), R run on the same cuts`);
  printByLength(byLength(series, h, SHORT_LENGTHS, rOk));
  await projectionBatch(series);
  const b = full.best;
  log(
    `\nbest=auto smape=${b.smape.toFixed(2)} mase=${b.mase.toFixed(3)} coverage95=${b.cov95.toFixed(1)} seconds=${b.seconds.toFixed(3)} r_eat_seconds=${full.rComb ? full.rComb.seconds.toFixed(3) : 'NA'} ets_speedup_vs_r=${full.rEts ? (full.rEts.seconds / full.ours.seconds).toFixed(1) : 'NA'}`,
  );
}

await main();
