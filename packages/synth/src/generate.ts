import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadAssumptions } from './assumptions.js';
import { Rng } from './prng.js';
import { loadReference } from './reference/load-reference.js';
import { buildWorld } from './world/build-world.js';
import { EDITION_FOLDERS } from './write/layout.js';
import { occupationTotals } from './write/occupation-totals.js';
import { writeEnrollment } from './write/to-enrollment.js';
import { writeOutcomes } from './write/to-outcomes.js';
import { writePostings } from './write/to-postings.js';
import { writeSchoolList } from './write/to-schools.js';
import { writeShortage } from './write/to-shortage.js';
import { writeManifest, writeTruth } from './write/to-truth.js';
import { writeYearbook, writeYearbookAll } from './write/to-yearbook.js';

/** What to generate and where. */
export interface GenerateOptions {
  /** `demo` (committed, small) or `province` (benchmarks). */
  edition: string;
  seed: number;
  /** Output folder; replaced as a whole once the new edition is complete. */
  out: string;
  /** `datasets/reference/` to read codes and frameworks from. */
  referenceDir: string;
  /** GB/T 2260 code of the province whose cities make up the world (default: assumptions.json's, 450000). */
  province?: string;
  log?: (line: string) => void;
}

/** Counts of what an edition holds (also written to `truth/manifest.json`). */
export interface GenerateSummary {
  edition: string;
  seed: number;
  schools: number;
  series: number;
  enrollmentRows: number;
  outcomeCohorts: number;
  shortageFiles: number;
  postings: number;
  vacancies: number;
  yearbookFiles: number;
  seconds: number;
}

/**
 * Generates one edition: the observed source folders and the truth folder beside them. Same seed,
 * edition and reference data give byte-identical files.
 *
 * @example
 * await generateEdition({ edition: 'demo', seed: 7, out: 'datasets/demo', referenceDir: 'datasets/reference' });
 */
export async function generateEdition(options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const out = resolve(options.out);
  // Never wipe a folder that is not an edition (a mistyped --out of `.` would otherwise delete it).
  const foreign = existsSync(out) ? readdirSync(out).filter((f) => !(EDITION_FOLDERS as readonly string[]).includes(f)) : [];
  if (foreign.length > 0) throw new Error(`${out} holds ${foreign.slice(0, 3).join(', ')}: not an edition folder, refusing to replace it`);
  const work = `${out}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(out), { recursive: true });
  for (const f of EDITION_FOLDERS) mkdirSync(join(work, f), { recursive: true });

  const a = loadAssumptions();
  const ref = await loadReference({
    referenceDir: options.referenceDir,
    provinceCode: options.province ?? a.provinceCode,
  });
  const world = buildWorld(options.seed, options.edition, a, ref, options.referenceDir);
  log(
    `world: ${world.schools.length} schools, ${world.series.length} programmes, ${world.staffing.occupations.length} occupations (${ref.source})`,
  );
  const totals = occupationTotals(world);
  const schoolList = writeSchoolList(world, work);
  log(`schools: ${schoolList.rows} in the school list`);
  const enrollment = writeEnrollment(world, new Rng(options.seed, 'enrollment-files'), work);
  log(`enrollment: ${enrollment.files} files, ${enrollment.rows} rows`);
  const outcomes = writeOutcomes(world, work);
  log(`outcomes: ${outcomes.cohorts} cohorts`);
  const shortage = writeShortage(world, totals, new Rng(options.seed, 'shortage-files'), work);
  log(`shortage: ${shortage.files} quarterly files`);
  const postings = writePostings(world, work);
  log(`postings: ${postings.postings} rows from ${postings.vacancies} vacancies`);
  const yearbook = writeYearbook(world, new Rng(options.seed, 'yearbook-files'), work);
  const yearbookAll = writeYearbookAll(world, work);
  log(`yearbook: ${yearbook.files} employment tables by city, ${yearbook.revisions} revised cells; ${yearbookAll.files} of all employment`);
  writeTruth(world, totals, work, enrollment.quirks);
  writeManifest(world, work, {
    schools: world.schools.length,
    schoolListRows: schoolList.rows,
    series: world.series.length,
    occupations: world.staffing.occupations.length,
    enrollmentFiles: enrollment.files,
    enrollmentRows: enrollment.rows,
    enrollmentQuirks: enrollment.quirks.length,
    outcomeCohorts: outcomes.cohorts,
    destinationRows: outcomes.destinationRows,
    industryRows: outcomes.industryRows,
    shortageFiles: shortage.files,
    shortageRows: shortage.rows,
    shortageMissingCodes: shortage.missingCodes,
    postings,
    yearbook,
    yearbookAll,
  });
  if (existsSync(out)) rmSync(out, { recursive: true, force: true });
  renameSync(work, out);
  return {
    edition: options.edition,
    seed: options.seed,
    schools: world.schools.length,
    series: world.series.length,
    enrollmentRows: enrollment.rows,
    outcomeCohorts: outcomes.cohorts,
    shortageFiles: shortage.files,
    postings: postings.postings,
    vacancies: postings.vacancies,
    yearbookFiles: yearbook.files,
    seconds: (performance.now() - started) / 1000,
  };
}
