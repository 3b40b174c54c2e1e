/**
 * Grades the talent projections against the synthetic province's hidden future (issue 12): generates
 * an edition (or reuses one), runs reference and ingest into a scratch warehouse, then the projection
 * stage alone in a child process (its seconds and peak RSS), and compares the newest run's marts with
 * the edition's truth/ beside the naive projection. See the README's benchmark section for what each
 * figure means.
 *
 * Truth supply per group: each occupation's truth supply (graduate_supply + other_supply) per city and
 * year is allocated to the 大类 in proportion to the occupation's employment in them (base_share of
 * truth/industry_occupation.csv × the 大类's truth employment that city and year, normalised over the
 * 大类 that employ it), then summed over the group's 大类 with the membership weight — the rule the
 * projection side allocates supply by (bench/talent/truth.ts).
 *
 * Then the coder's share: a copy of the warehouse, its postings recoded to the answer key's
 * occupations, is projected again by the same stage and graded the same way
 * (bench/talent/answer-key-codes.ts); the report shows both gradings side by side.
 *
 * Run: `npm run bench:talent -- --edition province --seed <n> [--data <edition folder>] [--keep <dir>]`
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '@talent/models';
import { applyAnswerKeyCodes, copyWarehouse } from './talent/answer-key-codes.js';
import { prepareEdition, runProjectionChild, runUpstream } from './talent/pipeline.js';
import { findProjectionStage, NO_PROJECTION_STAGE, stagesBefore } from './talent/projection-stage.js';
import { formatReport, type AnswerKeyGrading } from './talent/report.js';
import { scoreTalent } from './talent/score.js';

const { values } = parseArgs({
  options: {
    edition: { type: 'string', default: 'province' },
    seed: { type: 'string', default: '7' },
    data: { type: 'string' },
    keep: { type: 'string' },
  },
});
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed ${values.seed}: an integer`);

const projection = findProjectionStage();
if (!projection) {
  console.error(NO_PROJECTION_STAGE);
  process.exit(2);
}

const scratch = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'bench-talent-'));
mkdirSync(scratch, { recursive: true });
const editionDir = values.data ? resolve(values.data) : join(scratch, values.edition);
const logFile = join(scratch, 'pipeline.log');
const config = resolveConfig({ warehouse: join(scratch, 'warehouse.duckdb'), data: editionDir, out: join(scratch, 'out') });
console.log(`bench:talent, ${cpus().length} cores, node ${process.version}; scratch ${scratch}; pipeline output in ${logFile}`);

/** Copies the graded warehouse, recodes its postings to the answer key, projects and grades the copy. */
async function gradeWithAnswerKey(codedRun: string): Promise<AnswerKeyGrading> {
  // In a folder of its own: the stage publishes its snapshot beside the warehouse it ran on.
  const keyConfig = resolveConfig({
    warehouse: join(scratch, 'answer-key', 'warehouse.duckdb'),
    data: editionDir,
    out: join(scratch, 'out'),
  });
  await copyWarehouse(config.warehousePath, keyConfig.warehousePath);
  const coding = await applyAnswerKeyCodes(keyConfig.warehousePath, editionDir);
  const keyStage = await runProjectionChild(keyConfig, logFile, join(scratch, 'answer-key', 'projection.json'));
  const keyScore = await scoreTalent(keyConfig.warehousePath, editionDir);
  if (keyScore.runId !== keyStage.runId || keyScore.runId === codedRun)
    throw new Error(`the stage wrote no vintage from the recoded postings (newest ${keyScore.runId})`);
  console.log(`${projection!.name} stage from the answer key's codes: ${keyStage.seconds.toFixed(1)} s (run ${keyStage.runId})`);
  return { score: keyScore, coding };
}

try {
  const generated = await prepareEdition({
    edition: values.edition,
    seed,
    out: editionDir,
    reuse: Boolean(values.data),
    referenceDir: config.referenceDir,
  });
  console.log(
    values.data ? `edition ${editionDir} (reused)` : `edition ${values.edition}, seed ${seed}: generated in ${generated.toFixed(1)} s`,
  );
  const upstream = stagesBefore(projection);
  const before = await runUpstream(config, upstream, logFile);
  console.log(`${upstream.map((s) => s.name).join(' + ')}: ${before.seconds.toFixed(1)} s (run ${before.runId})`);
  const stage = await runProjectionChild(config, logFile, join(scratch, 'projection.json'));
  console.log(
    `${projection.name} stage alone: ${stage.seconds.toFixed(1)} s, peak RSS ${Math.round(stage.peakRssMb)} MB (run ${stage.runId})`,
  );
  if (stage.lines[0]) console.log(`  ${stage.lines[0]}`);

  const score = await scoreTalent(config.warehousePath, editionDir);
  if (score.runId !== stage.runId) console.log(`The stage wrote no vintage of its own: grading the newest one, run ${score.runId}.`);

  const answerKey = await gradeWithAnswerKey(score.runId).catch((e: unknown) => {
    // The coder's grading stands on its own: print it, say what failed, and exit non-zero.
    console.error(`bench:talent: the projection from the answer key's codes: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
    return undefined;
  });
  console.log('');
  for (const line of formatReport(score, stage, answerKey)) console.log(line);
} catch (e) {
  // A pipeline that leaves nothing to grade is a finding to print, not a crash of the benchmark.
  console.error(`bench:talent: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  if (!values.keep) rmSync(scratch, { recursive: true, force: true });
}
