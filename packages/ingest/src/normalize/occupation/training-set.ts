/**
 * The occupation model's training set: the labelled train-side files of the coder corpus (never a
 * hold-out), the dictionaries and the 大典, read from the configured folders and analysed once.
 * Used by the training script, the calibration test and the benchmark's cross-validation; not by
 * the pipeline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { readCodeLists } from '@talent/models';
import { buildLocationMatcher } from '../location.js';
import {
  coderReferenceFromTrees,
  readOccupationDictionaries,
  type DictionarySource,
  type OccupationAlias,
  type OccupationCompositionTerm,
} from '../reference.js';
import { buildCodeIndex } from './code-index.js';
import { analyseTitle, NONE, type AnalysisDeps } from './features.js';
import { buildLexicon, occupationNameAliases } from './lexicon.js';
import { trainingExamples, type LabelledTitle, type TrainingExample } from './train.js';
import { buildOccupationTree, type OccupationTree } from './tree.js';

/** The labelled coder corpus (its README says how each file was drawn and labelled), relative to the repository root. */
export const CORPUS_DIR = 'packages/ingest/test/fixtures/coder-corpus';

/** The train split, relative to the repository root. */
export const TRAIN_SPLIT = `${CORPUS_DIR}/train.csv`;

/**
 * The labelled train files the model is fitted on, relative to the repository root. `dictionaryRead`:
 * the dictionaries' title words were written while reading the file's titles (the train split), so a
 * cross-validation fold drops the words only its own titles of such a file hold; a file read after
 * the dictionaries were written (the second batch) hands no word to them.
 */
export const TRAIN_FILES: readonly { path: string; dictionaryRead: boolean }[] = [
  { path: TRAIN_SPLIT, dictionaryRead: true },
  { path: `${CORPUS_DIR}/train_horticulture.csv`, dictionaryRead: false },
  { path: `${CORPUS_DIR}/train_farm.csv`, dictionaryRead: false },
  { path: `${CORPUS_DIR}/train_batch3.csv`, dictionaryRead: false },
  { path: `${CORPUS_DIR}/train_batch4.csv`, dictionaryRead: false },
];

/**
 * The calibration set, relative to the repository root: labelled titles drawn after the coder's
 * rules and dictionary words were written and never read for them nor trained on, which the last
 * calibration map (`OccupationCalibration.fresh`) is fitted to. Never the hold-out.
 */
export const CALIBRATION_SET = `${CORPUS_DIR}/train_batch2.csv`;

/** Everything a training run reads. */
export interface TrainingSet {
  /** The titles of {@link TRAIN_FILES}, file by file in their order. */
  titles: LabelledTitle[];
  /** How many titles each of {@link TRAIN_FILES} gave, in the same order. */
  fileCounts: number[];
  /** The labelled titles first (same order), then the dictionary and 大典-name examples. */
  examples: TrainingExample[];
  pseudoCount: number;
  /**
   * The examples read as a cross-validation fold must be: with the dictionaries as they could have
   * been written from the other folds' titles (see {@link readFromOtherTitles}), since words read off
   * the train split would otherwise hand the held-out titles their codes.
   */
  foldExamples: (inFold: readonly boolean[]) => TrainingExample[];
  tree: OccupationTree;
  deps: AnalysisDeps;
  aliases: OccupationAlias[];
}

/** Heads a domain is taught with: what the composition rule gives `<domain><head>`. */
const COMPOSED_HEADS = { engineering: ['工程师'], production: ['技术员', '操作工'], teaching: ['老师'] };

/**
 * Titles composed from the composition dictionary (汽车 + 工程师 → 汽车工程技术人员, 养殖 + 技术员 →
 * 畜牧业生产人员), so that the words of fields the train split barely holds still point to their codes.
 */
export function compositionTitles(composition: readonly OccupationCompositionTerm[]): { text: string; code: string }[] {
  const out: { text: string; code: string }[] = [];
  for (const c of composition) {
    if (c.kind !== 'domain') continue;
    if (c.engineeringCode) for (const h of COMPOSED_HEADS.engineering) out.push({ text: c.term + h, code: c.engineeringCode });
    if (c.productionCode) for (const h of COMPOSED_HEADS.production) out.push({ text: c.term + h, code: c.productionCode });
    if (c.teachingCode) for (const h of COMPOSED_HEADS.teaching) out.push({ text: c.term + h, code: c.teachingCode });
  }
  return out;
}

/**
 * Whether a dictionary word stays in a cross-validation fold's dictionaries. Words of the BOSS直聘
 * position tree and of the 大典 would be written whatever titles were read; a word read off job
 * titles stays only when a title outside the fold holds it, or when no train title does (platform
 * usage). A word only the fold's own titles hold would not have been written without reading them.
 */
export function readFromOtherTitles(
  word: string,
  source: DictionarySource | undefined,
  loweredTitles: readonly string[],
  inFold: readonly boolean[],
): boolean {
  if (source !== 'titles') return true;
  const w = word.toLowerCase();
  let held = false;
  for (let i = 0; i < loweredTitles.length; i++) {
    if (!loweredTitles[i]!.includes(w)) continue;
    if (!inFold[i]) return true;
    held = true;
  }
  return !held;
}

/** Reads a labelled corpus file (columns id, title, industry_text, description, label_code). */
export function readLabelledTitles(file: string): LabelledTitle[] {
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => ({
    id: r.id!,
    title: r.title!,
    context: `${r.industry_text ?? ''} ${r.description ?? ''}`.trim(),
    label: r.label_code || null,
  }));
}

/**
 * Reads and analyses the training set.
 * @example const set = await readTrainingSet({ referenceDir, dictionariesDir, repoRoot });
 */
export async function readTrainingSet(paths: { referenceDir: string; dictionariesDir: string; repoRoot: string }): Promise<TrainingSet> {
  const { trees } = await readCodeLists(paths.referenceDir);
  const ref = coderReferenceFromTrees(trees);
  const {
    occupationAliases: aliases,
    occupationComposition: composition,
    occupationItField: itField,
    occupationBareWords: bareWords,
  } = readOccupationDictionaries(paths.dictionariesDir);
  const tree = buildOccupationTree(ref.occupations);
  const index = buildCodeIndex(
    tree,
    ref.occupations.map((o) => o.code),
  );
  const location = buildLocationMatcher(ref.regions);
  const depsWith = (kept: readonly OccupationAlias[], comp: readonly OccupationCompositionTerm[]): AnalysisDeps => ({
    lexicon: buildLexicon([...kept, ...occupationNameAliases(ref.occupations, (c) => tree.level(c) === '细类', kept)], comp, itField),
    index,
    tree,
    location,
    bareWords: new Set(bareWords),
  });
  const pseudoWith = (kept: readonly OccupationAlias[], comp: readonly OccupationCompositionTerm[]) => [
    ...kept.filter((a) => a.tier >= 2).map((a) => ({ text: a.alias, code: a.code })),
    ...tree.leaves().map((code) => ({ text: tree.name(code)!, code })),
    ...compositionTitles(comp),
    // A written rule rather than a word read off titles: weighed and taught as a labelled title.
    ...bareWords.map((text) => ({ text, code: NONE, weight: 1, real: true })),
  ];
  const deps = depsWith(aliases, composition);
  const files = TRAIN_FILES.map((f) => ({ ...f, titles: readLabelledTitles(join(paths.repoRoot, f.path)) }));
  const titles = files.flatMap((f) => f.titles);
  const pseudo = pseudoWith(aliases, composition);
  const examples = trainingExamples(titles, (t, c) => analyseTitle(t, c, deps), pseudo);
  // A title of a file the dictionaries were not read from holds no word for them ('' contains none).
  const lowered = files.flatMap((f) => f.titles.map((t) => (f.dictionaryRead ? t.title.toLowerCase() : '')));
  const foldExamples = (inFold: readonly boolean[]): TrainingExample[] => {
    const keep = (word: string, source: DictionarySource | undefined) => readFromOtherTitles(word, source, lowered, inFold);
    const kept = aliases.filter((a) => keep(a.alias, a.source));
    const comp = composition.filter((c) => keep(c.term, c.source));
    const d = depsWith(kept, comp);
    return trainingExamples(titles, (t, c) => analyseTitle(t, c, d), pseudoWith(kept, comp));
  };
  const fileCounts = files.map((f) => f.titles.length);
  return { titles, fileCounts, examples, pseudoCount: pseudo.length, foldExamples, tree, deps, aliases };
}
