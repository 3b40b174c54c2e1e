/**
 * Occupation coder benchmark (not a test): the nightly run's coder, built from the configured
 * reference data, and a naive substring match on the 大典 names, in the same run, on
 *   - the frozen hold-out of the coder corpus (packages/ingest/test/fixtures/coder-corpus/holdout.csv),
 *   - the hold-out side of the corpus's 大类 5 additions (holdout_horticulture.csv, holdout_farm.csv)
 *     and of its third batch (holdout_batch3.csv: recent postings of all sectors), each printed apart
 *     so that the frozen hold-out's figures stay comparable across runs,
 *   - the demo edition's postings against their true codes (datasets/demo/truth/postings_key.csv;
 *     the benchmark reads truth/, the pipeline never does), also by how each title names its
 *     occupation (the key's `title_form`: a generic title, the 大典 name, a dictionary word, a real
 *     title or word no coder has learnt).
 * For each: accuracy at 大类/中类/小类/细类 over all titles (an uncoded title is wrong; a code at a
 * coarser level is right only at the levels it states), coverage, a reliability table by confidence
 * decile with the expected calibration error, accuracy per 大类 and titles per second (distinct
 * (title, context) pairs coded on one thread by a coder whose memo starts empty).
 *
 *   npm run bench:coder [-- --holdout <labelled.csv>]
 *
 * `--holdout` measures another file of the corpus's layout instead (e.g. the train split). The last
 * line reads `major=<pct> minor=<pct> exact=<pct> coverage=<pct> ece=<x> titles_per_s=<n>` (the
 * hold-out, this coder).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { buildOccupationCoder as buildMainCoder, occupationLevel } from './coder/main-coder.js';
import { resolveConfig, type SourceMapping } from '@talent/models';
import { boardSource, POSTING_BOARDS } from '@talent/synth';
import { RowMapper } from '../packages/ingest/src/map/row-mapper.js';
import { buildCoders } from '../packages/ingest/src/normalize/coders.js';
import { reliability, rightAt, rightAtStatedLevel } from '../packages/ingest/src/normalize/occupation/evaluate.js';
import { CORPUS_DIR, readLabelledTitles, TRAIN_FILES } from '../packages/ingest/src/normalize/occupation/training-set.js';
import { buildOccupationTree, type OccupationLevel, type OccupationTree } from '../packages/ingest/src/normalize/occupation/tree.js';
import { readCoderReference } from '../packages/ingest/src/normalize/reference.js';
import { buildTitleNormaliser } from '../packages/ingest/src/normalize/title.js';
import { readCsv } from '../packages/ingest/src/read/from-csv.js';
import { readJsonl } from '../packages/ingest/src/read/from-jsonl.js';
import { readXlsx } from '../packages/ingest/src/read/from-xlsx.js';
import type { SourceRow } from '../packages/ingest/src/read/source-row.js';
import { readMapping, resolveFiles } from '../packages/ingest/src/sources/mappings.js';

const config = resolveConfig();
const args = process.argv.slice(2);
const holdoutArg = args.indexOf('--holdout');
const corpusFile = (f: string) => join(config.repoRoot, CORPUS_DIR, f);
const holdoutFile = holdoutArg >= 0 ? args[holdoutArg + 1]! : corpusFile('holdout.csv');

/** One title to code with its true code (null: the title names no occupation). */
interface Case {
  title: string;
  context: string;
  label: string | null;
  /** Demo titles: how the generator named the occupation (truth/postings_key.csv `title_form`). */
  form?: string;
}

/** What a coder states for a title. */
interface Stated {
  code: string | null;
  level: OccupationLevel | null;
  confidence: number;
}

type Coder = (title: string, context: string) => Stated;

// ── the data ────────────────────────────────────────────────────────────────────────────────────

const ref = await readCoderReference(config);
const tree = buildOccupationTree(ref.occupations);
const asCases = (file: string): Case[] => readLabelledTitles(file).map((t) => ({ title: t.title, context: t.context, label: t.label }));
const holdout = asCases(holdoutFile);
/** The hold-out side of the draws made for 大类 5 after the pools (corpus README: horticulture and farm additions). */
const additions = ['holdout_horticulture.csv', 'holdout_farm.csv'].map(corpusFile).flatMap(asCases);
/** The hold-out side of the third batch: 2024–2025 postings of all sectors (corpus README: "Third batch"). */
const recent = asCases(corpusFile('holdout_batch3.csv'));

/** The demo postings (title, industry) joined to their true codes by source and posting id. */
async function readDemo(): Promise<Case[]> {
  const truth = new Map<string, { code: string; form: string }>();
  const key = parse(readFileSync(join(config.dataDir, 'truth/postings_key.csv')), { columns: true }) as Record<string, string>[];
  for (const r of key) truth.set(`${r.source}|${r.posting_id}`, { code: r.occupation_code!, form: r.title_form! });
  const out: Case[] = [];
  for (const letter of POSTING_BOARDS) {
    const mapping: SourceMapping = readMapping(join(config.sourcesDir, `${boardSource(letter)}.json`));
    for (const file of resolveFiles(mapping, [config.dataDir])) {
      const mapper = new RowMapper(mapping, ['source_id', 'title', 'company_industry_text'], []);
      const rows: AsyncIterable<SourceRow> =
        mapping.format === 'xlsx'
          ? readXlsx(file, { sheet: mapping.sheet })
          : mapping.format === 'jsonl'
            ? readJsonl(file).rows
            : readCsv(file).rows;
      for await (const row of rows) {
        const m = mapper.map(row);
        if (!m || !('fields' in m)) continue;
        const t = truth.get(`${letter}|${m.fields.source_id}`);
        if (t === undefined) throw new Error(`${basename(file)}: posting ${m.fields.source_id} has no true code in truth/postings_key.csv`);
        out.push({ title: m.fields.title ?? '', context: m.fields.company_industry_text ?? '', label: t.code, form: t.form });
      }
    }
  }
  return out;
}
const demo = await readDemo();

// ── the coders ──────────────────────────────────────────────────────────────────────────────────

/** The nightly run's coder: the same configuration and `buildCoders`. */
function nightlyCoder(): Coder {
  const coders = buildCoders(ref);
  return (title, context) => coders.occupation(title, context);
}

/** The coder before the rewrite, with its alias dictionary of that time (bench/coder/). */
function mainCoder(): Coder {
  const aliases = (
    parse(readFileSync(new URL('coder/main-occupation-aliases.csv', import.meta.url)), { columns: true }) as Record<string, string>[]
  ).map((r) => ({ alias: r.alias!, code: r.csco_code!, tier: Number(r.tier) }));
  const coder = buildMainCoder({ occupations: ref.occupations, aliases, normaliseTitle: buildTitleNormaliser(buildCoders(ref).location) });
  return (title, context) => {
    const m = coder(title, context);
    return { code: m.code, level: m.code ? occupationLevel(m.code) : null, confidence: m.confidence };
  };
}

/**
 * The naive baseline: the longest 大典 name (any level, S/L markers and brackets dropped) found in
 * the title, stated at that code's level with confidence 1; nothing found, uncoded.
 */
function substringCoder(t: OccupationTree): Coder {
  const names = ref.occupations
    .map((o) => ({ code: o.code, name: o.name.replace(/[（(].*?[)）]/g, '') }))
    .filter((o) => o.name.length >= 2)
    .sort((a, b) => b.name.length - a.name.length);
  return (title) => {
    const hit = names.find((n) => title.includes(n.name));
    return hit ? { code: hit.code, level: t.level(hit.code), confidence: 1 } : { code: null, level: null, confidence: 0 };
  };
}

// ── measuring ───────────────────────────────────────────────────────────────────────────────────

interface Figures {
  n: number;
  accuracy: number[];
  coverage: number;
  ece: number;
  bins: ReturnType<typeof reliability>['bins'];
  byMajor: Map<string, { n: number; right: number[] }>;
}

function measure(cases: readonly Case[], coder: Coder): Figures {
  const right = [0, 0, 0, 0];
  let coded = 0;
  const points: { confidence: number; right: boolean }[] = [];
  const byMajor = new Map<string, { n: number; right: number[] }>();
  for (const c of cases) {
    const s = coder(c.title, c.context);
    const stated = { code: s.code, level: s.level };
    const major = c.label ? c.label[0]! : 'none';
    let m = byMajor.get(major);
    if (!m) byMajor.set(major, (m = { n: 0, right: [0, 0, 0, 0] }));
    m.n++;
    for (let d = 1; d <= 4; d++)
      if (rightAt(c.label, stated, d, tree)) {
        right[d - 1]!++;
        m.right[d - 1]!++;
      }
    if (s.code !== null) {
      coded++;
      points.push({ confidence: s.confidence, right: rightAtStatedLevel(c.label, stated, tree) });
    }
  }
  const { bins, ece } = reliability(points);
  return { n: cases.length, accuracy: right.map((r) => r / cases.length), coverage: coded / cases.length, ece, bins, byMajor };
}

/** Passes of the throughput measure; each codes every pair with a fresh coder. */
const SPEED_PASSES = 5;

/**
 * Titles per second of a fresh coder over the distinct (title, context) pairs, after a warm-up on
 * other titles: the best of {@link SPEED_PASSES} passes, each with a new coder (so no pass reads
 * another's memo), on one thread. The best pass is the one least disturbed by other processes.
 */
function throughput(
  make: () => Coder,
  cases: readonly Case[],
): { perSecond: number; cpuPerSecond: number; buildMs: number; distinct: number } {
  const warm = make();
  for (const f of TRAIN_FILES) for (const t of readLabelledTitles(join(config.repoRoot, f.path))) warm(t.title, t.context);
  const distinct = [...new Map(cases.map((c) => [`${c.title}\u0001${c.context}`, c])).values()];
  let best = { wall: Infinity, cpu: Infinity, buildMs: 0 };
  for (let pass = 0; pass < SPEED_PASSES; pass++) {
    let t0 = performance.now();
    const coder = make();
    coder('', '');
    const buildMs = performance.now() - t0;
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    for (const c of distinct) coder(c.title, c.context);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    if (wall < best.wall) best = { wall, cpu: (cpu.user + cpu.system) / 1e6, buildMs };
  }
  return {
    perSecond: distinct.length / best.wall,
    cpuPerSecond: distinct.length / best.cpu,
    buildMs: best.buildMs,
    distinct: distinct.length,
  };
}

// ── printing ────────────────────────────────────────────────────────────────────────────────────

const pct = (x: number) => (100 * x).toFixed(1);
const LEVELS = ['大类', '中类', '小类', '细类'];

function printSet(name: string, cases: readonly Case[], coders: [string, Coder][]): Figures[] {
  console.log(`\n## ${name}: ${cases.length} titles (${new Set(cases.map((c) => c.title)).size} distinct)`);
  const figures = coders.map(([, c]) => measure(cases, c));
  console.log(`\n| coder | ${LEVELS.join(' | ')} | coverage | ECE |`);
  console.log(`| --- | ${LEVELS.map(() => '---').join(' | ')} | --- | --- |`);
  coders.forEach(([label], i) => {
    const f = figures[i]!;
    console.log(`| ${label} | ${f.accuracy.map(pct).join(' | ')} | ${pct(f.coverage)} | ${f.ece.toFixed(3)} |`);
  });
  coders.forEach(([label], i) => {
    const f = figures[i]!;
    console.log(`\nReliability, ${label} (coded titles; right at the level stated):`);
    console.log('| confidence | titles | mean confidence | accuracy |');
    console.log('| --- | --- | --- | --- |');
    for (const b of f.bins)
      if (b.count)
        console.log(`| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${b.meanConfidence.toFixed(3)} | ${b.accuracy.toFixed(3)} |`);
  });
  console.log(`\nAccuracy per 大类 of the true code (大类 / 小类 / 细类, %):`);
  console.log(`| 大类 | titles | ${coders.map(([l]) => l).join(' | ')} |`);
  console.log(`| --- | --- | ${coders.map(() => '---').join(' | ')} |`);
  const majors = [...new Set(figures.flatMap((f) => [...f.byMajor.keys()]))].sort();
  for (const major of majors) {
    const cells = figures.map((f) => {
      const m = f.byMajor.get(major)!;
      return `${pct(m.right[0]! / m.n)} / ${pct(m.right[2]! / m.n)} / ${pct(m.right[3]! / m.n)}`;
    });
    console.log(`| ${major} | ${figures[0]!.byMajor.get(major)!.n} | ${cells.join(' | ')} |`);
  }
  return figures;
}

/** What each form of the demo's titles (truth/postings_key.csv `title_form`) costs each coder. */
function printByForm(cases: readonly Case[], coders: [string, Coder][]): void {
  const forms = [...new Set(cases.map((c) => c.form ?? ''))].sort();
  console.log(`\nDemo titles by how they name the occupation (大类 / 中类 / 小类 / 细类, %; coverage):`);
  console.log(`| form | titles | share | ${coders.map(([l]) => l).join(' | ')} |`);
  console.log(`| --- | --- | --- | ${coders.map(() => '---').join(' | ')} |`);
  for (const form of forms) {
    const subset = cases.filter((c) => (c.form ?? '') === form);
    const cells = coders.map(([, coder]) => {
      const f = measure(subset, coder);
      return `${f.accuracy.map(pct).join(' / ')}; ${pct(f.coverage)}`;
    });
    console.log(`| ${form} | ${subset.length} | ${pct(subset.length / cases.length)} | ${cells.join(' | ')} |`);
  }
}

const coders: [string, Coder][] = [
  ['coder', nightlyCoder()],
  ['coder before the rewrite', mainCoder()],
  ['substring baseline', substringCoder(tree)],
];
console.log(`# Occupation coder benchmark`);
console.log(`hold-out: ${holdoutFile.replace(config.repoRoot + '/', '')}; demo: ${config.dataDir.replace(config.repoRoot + '/', '')}`);
const [held] = printSet('Hold-out', holdout, coders);
printSet('Hold-out side of the 大类 5 additions (horticulture, farm)', additions, coders);
printSet('Hold-out side of the third batch (2024–2025 postings of all sectors)', recent, coders);
printSet('Demo edition (true codes from truth/postings_key.csv)', demo, coders);
printByForm(demo, coders);

const all = [...holdout, ...demo];
const speed = throughput(nightlyCoder, all);
const mainSpeed = throughput(mainCoder, all);
const baseSpeed = throughput(() => substringCoder(tree), all);
console.log(
  `\n## Speed: ${speed.distinct} distinct (title, context) pairs of both sets coded once each on one thread, by a fresh coder after a warm-up on the train split (best of ${SPEED_PASSES} passes)`,
);
console.log(`| coder | build ms | titles/s (wall) | titles/s (CPU time) |`);
console.log(`| --- | --- | --- | --- |`);
console.log(`| coder | ${speed.buildMs.toFixed(0)} | ${speed.perSecond.toFixed(0)} | ${speed.cpuPerSecond.toFixed(0)} |`);
console.log(
  `| coder before the rewrite | ${mainSpeed.buildMs.toFixed(0)} | ${mainSpeed.perSecond.toFixed(0)} | ${mainSpeed.cpuPerSecond.toFixed(0)} |`,
);
console.log(
  `| substring baseline | ${baseSpeed.buildMs.toFixed(0)} | ${baseSpeed.perSecond.toFixed(0)} | ${baseSpeed.cpuPerSecond.toFixed(0)} |`,
);
console.log(
  `\nmajor=${pct(held!.accuracy[0]!)} minor=${pct(held!.accuracy[2]!)} exact=${pct(held!.accuracy[3]!)} coverage=${pct(held!.coverage)} ece=${held!.ece.toFixed(3)} titles_per_s=${speed.perSecond.toFixed(0)}`,
);
