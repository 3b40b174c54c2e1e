/**
 * Trains the occupation coder's model on the labelled train split of the coder corpus and writes
 * `datasets/dictionaries/occupation_model.json` (weights, back-off thresholds and how they were made)
 * and `datasets/dictionaries/occupation_calibration.json` (the confidence map per stated level, fitted
 * on cross-validated predictions, with their reliability tables, cross-fitted and nested, and a last
 * map fitted on the calibration set as the coder written here states it). Never reads the hold-out.
 * Run: npm run train:occupation   (about two minutes on two cores)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { buildCoders } from '../src/normalize/coders.js';
import { readCoderReference } from '../src/normalize/reference.js';
import { reliability, rightAt } from '../src/normalize/occupation/evaluate.js';
import { decide } from '../src/normalize/occupation/model.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  PSEUDO_WEIGHT,
  chooseFresh,
  chooseStep,
  crossFittedConfidences,
  crossFittedFresh,
  crossFittedSteps,
  fitCalibration,
  freshPoints,
  fitModel,
  nestedConfidences,
  toModelData,
} from '../src/normalize/occupation/train.js';
import { CALIBRATION_SET, readLabelledTitles, readTrainingSet, TRAIN_FILES } from '../src/normalize/occupation/training-set.js';
import { LEVELS } from '../src/normalize/occupation/tree.js';

const FOLDS = 5;
const config = resolveConfig();
const t0 = performance.now();
const { titles, fileCounts, examples, pseudoCount, foldExamples, tree } = await readTrainingSet(config);
const options = DEFAULT_TRAIN_OPTIONS;
const { weights, decision, held } = fitModel(titles, examples, foldExamples, tree, FOLDS, options);

// Cross-validated figures; the calibration is checked by cross-fitting (fitted on four folds' held-out
// predictions, applied to the fifth) so that the ECE is not measured on what it was fitted to.
const pct = (x: number) => Math.round(x * 1000) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const table = (bins: ReturnType<typeof reliability>['bins']) =>
  bins.map((b) => ({ from: b.from, count: b.count, confidence: round3(b.meanConfidence), accuracy: round3(b.accuracy) }));
const accuracy = (of: readonly (typeof held)[number][]) =>
  [1, 2, 3, 4].map((depth) => {
    let s = 0;
    for (const h of of) if (rightAt(h.label, decide(h.codes, h.probs, tree, decision), depth, tree)) s++;
    return pct(s / of.length);
  });
const acc = accuracy(held);
// The same figures over each file's titles (held is in title order, file by file), so that a file
// added to the training set can be read against the figures of the files before it.
const files = TRAIN_FILES.map((f, i) => `${f.path} (${fileCounts[i]})`).join(' + ');
let start = 0;
const byFile = TRAIN_FILES.map((f, i) => {
  const [major, middle, minor, exact] = accuracy(held.slice(start, (start += fileCounts[i]!)));
  return { file: f.path, titles: fileCounts[i]!, major, middle, minor, exact };
});
const points = crossFittedConfidences(titles, held, tree, decision, FOLDS);
const { ece, bins } = reliability(points);
const about = {
  trainedOn: `${files} labelled titles + ${pseudoCount} dictionary aliases, 大典 occupation names and domain+head compositions taught as titles (weight ${PSEUDO_WEIGHT}; the bare words of occupation_bare_words.csv as labelled titles of no occupation, weight 1)`,
  script: 'packages/ingest/scripts/train-occupation-model.ts (npm run train:occupation)',
  options,
  folds: FOLDS,
  crossValidated: {
    major: acc[0],
    middle: acc[1],
    minor: acc[2],
    exact: acc[3],
    coverage: pct(points.length / held.length),
    ece: round3(ece),
  },
  crossValidatedByFile: byFile,
  reliability: table(bins),
};
const data = toModelData(weights, decision, about);
const out = join(config.dictionariesDir, 'occupation_model.json');
writeFileSync(out, `${JSON.stringify(data)}\n`);

// The calibration: fitted on every fold's held-out predictions; its reliability is the cross-fitted one.
const byLevel = Object.fromEntries(
  LEVELS.map((level) => {
    const r = reliability(points.filter((p) => p.level === level));
    return [level, { titles: r.bins.reduce((s, b) => s + b.count, 0), ece: round3(r.ece) }];
  }),
);
// The maps are fitted on fold models' predictions and meet a model fitted on all titles: what they
// state one step down (nested cross-validation) is recorded beside the cross-fitted table.
const nestedPoints = nestedConfidences(titles, held, foldExamples, tree, decision, FOLDS, options);
const nested = reliability(nestedPoints);
// The step map corrects that step; what it promises is read cross-fitted on the nested points.
const stepped = reliability(crossFittedSteps(nestedPoints, FOLDS));
const calibration = fitCalibration(held, tree, decision, {
  fittedOn: `${FOLDS}-fold cross-validated predictions of ${files} titles (each fold read without the dictionary words only its own train-split titles hold), one Platt map per stated level`,
  script: about.script,
  crossFitted: { ece: about.crossValidated.ece, byLevel, reliability: about.reliability },
  nested: {
    about: `each fold's predictions (models of ${FOLDS - 1}/${FOLDS} of the titles) with maps fitted on the other folds' inner cross-validation (models of ${FOLDS - 2}/${FOLDS})`,
    ece: round3(nested.ece),
    reliability: table(nested.bins),
  },
  nestedWithStep: {
    about: 'the nested points through a step map fitted on the other folds’ nested points (cross-fitted)',
    ece: round3(stepped.ece),
    reliability: table(stepped.bins),
  },
});
calibration.step = chooseStep(nestedPoints, FOLDS);
const calOut = join(config.dictionariesDir, 'occupation_calibration.json');
const writeCalibration = () => writeFileSync(calOut, `${JSON.stringify(calibration, null, 2)}\n`);
writeCalibration();

// The last map: the calibration set coded by the coder the nightly run builds from the files just
// written (without the map), its stated confidences mapped to its accuracy at the stated level.
const fresh = freshPoints(
  buildCoders(await readCoderReference(config)).occupation,
  readLabelledTitles(join(config.repoRoot, CALIBRATION_SET)),
  tree,
  FOLDS,
);
const freshBefore = reliability(fresh);
const freshAfter = reliability(crossFittedFresh(fresh, FOLDS));
calibration.fresh = chooseFresh(fresh, FOLDS);
calibration.about.fresh = {
  fittedOn: `${CALIBRATION_SET} (${fresh.length} coded titles): drawn and labelled after the coder's rules and dictionary words were written, never trained on`,
  before: { ece: round3(freshBefore.ece), reliability: table(freshBefore.bins) },
  crossFitted: {
    about: `each of ${FOLDS} folds of the calibration set through a map fitted on the other folds`,
    ece: round3(freshAfter.ece),
    reliability: table(freshAfter.bins),
  },
};
writeCalibration();
console.log(JSON.stringify(about.crossValidated), JSON.stringify(byFile), JSON.stringify(decision), JSON.stringify(calibration.levels));
console.log(
  `nested ECE ${round3(nested.ece)}, with the step map (cross-fitted) ${round3(stepped.ece)}; step ${JSON.stringify(calibration.step)}`,
);
console.log(
  `calibration set ECE ${round3(freshBefore.ece)}, with its map (cross-fitted) ${round3(freshAfter.ece)}; map ${JSON.stringify(calibration.fresh)}`,
);
console.log(
  `lexical features ${Object.keys(data.lexical).length}, classes ${data.classes.length}, ${(performance.now() - t0) / 1000} s → ${out}, ${calOut}`,
);
