/**
 * Trains the occupation coder's model on the labelled train split of the coder corpus and writes
 * `datasets/dictionaries/occupation_model.json` (weights, back-off thresholds and how they were made)
 * and `datasets/dictionaries/occupation_calibration.json` (the confidence map per stated level, fitted
 * on cross-validated predictions, with their reliability table). Never reads the hold-out.
 * Run: npm run train:occupation   (about a minute on two cores)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '@talent/models';
import { reliability, rightAt } from '../src/normalize/occupation/evaluate.js';
import { decide } from '../src/normalize/occupation/model.js';
import {
  DEFAULT_TRAIN_OPTIONS,
  PSEUDO_WEIGHT,
  crossFittedConfidences,
  crossValidate,
  fitCalibration,
  toModelData,
  trainWeights,
  tuneDecision,
  type HeldOut,
} from '../src/normalize/occupation/train.js';
import { readTrainingSet, TRAIN_SPLIT } from '../src/normalize/occupation/training-set.js';
import { LEVELS } from '../src/normalize/occupation/tree.js';

const FOLDS = 5;
const config = resolveConfig();
const t0 = performance.now();
const { titles, examples, pseudoCount, foldExamples, tree } = await readTrainingSet(config);
const options = DEFAULT_TRAIN_OPTIONS;
// What to state is chosen on cross-validated predictions of the model as it is trained; what the
// confidence promises is fitted on folds read without the aliases that spell their titles (the
// dictionary was written while reading the train split), which is how the coder meets new titles.
const decision = tuneDecision(
  crossValidate(titles, () => examples, tree, FOLDS, options),
  tree,
);
const held: HeldOut[] = crossValidate(titles, foldExamples, tree, FOLDS, options);

// Cross-validated figures; the calibration is checked by cross-fitting (fitted on four folds' held-out
// predictions, applied to the fifth) so that the ECE is not measured on what it was fitted to.
const pct = (x: number) => Math.round(x * 1000) / 10;
const acc = [1, 2, 3, 4].map((depth) => {
  let s = 0;
  for (const h of held) if (rightAt(h.label, decide(h.codes, h.probs, tree, decision), depth, tree)) s++;
  return pct(s / held.length);
});
const points = crossFittedConfidences(titles, held, tree, decision, FOLDS);
const { ece, bins } = reliability(points);
const weights = trainWeights(examples, tree, options);
const about = {
  trainedOn: `${TRAIN_SPLIT} (${titles.length} labelled titles) + ${pseudoCount} dictionary aliases, 大典 occupation names and domain+head compositions taught as titles (weight ${PSEUDO_WEIGHT})`,
  script: 'packages/ingest/scripts/train-occupation-model.ts (npm run train:occupation)',
  options,
  folds: FOLDS,
  crossValidated: {
    major: acc[0],
    middle: acc[1],
    minor: acc[2],
    exact: acc[3],
    coverage: pct(points.length / held.length),
    ece: Math.round(ece * 1000) / 1000,
  },
  reliability: bins.map((b) => ({
    from: b.from,
    count: b.count,
    confidence: Math.round(b.meanConfidence * 1000) / 1000,
    accuracy: Math.round(b.accuracy * 1000) / 1000,
  })),
};
const data = toModelData(weights, decision, about);
const out = join(config.dictionariesDir, 'occupation_model.json');
writeFileSync(out, `${JSON.stringify(data)}\n`);

// The calibration: fitted on every fold's held-out predictions; its reliability is the cross-fitted one.
const byLevel = Object.fromEntries(
  LEVELS.map((level) => {
    const r = reliability(points.filter((p) => p.level === level));
    return [level, { titles: r.bins.reduce((s, b) => s + b.count, 0), ece: Math.round(r.ece * 1000) / 1000 }];
  }),
);
const calibration = fitCalibration(held, tree, decision, {
  fittedOn: `${FOLDS}-fold cross-validated predictions of ${TRAIN_SPLIT} (${titles.length} titles; each fold read without the aliases that spell its titles), one Platt map per stated level`,
  script: about.script,
  crossFitted: { ece: about.crossValidated.ece, byLevel, reliability: about.reliability },
});
const calOut = join(config.dictionariesDir, 'occupation_calibration.json');
writeFileSync(calOut, `${JSON.stringify(calibration, null, 2)}\n`);
console.log(JSON.stringify(about.crossValidated), JSON.stringify(decision), JSON.stringify(calibration.levels));
console.log(
  `lexical features ${Object.keys(data.lexical).length}, classes ${data.classes.length}, ${(performance.now() - t0) / 1000} s → ${out}, ${calOut}`,
);
