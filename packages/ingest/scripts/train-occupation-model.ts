/**
 * Trains the occupation coder's model on the labelled train split of the coder corpus and writes
 * `datasets/dictionaries/occupation_model.json` (weights, back-off thresholds, calibration and how
 * they were made). Never reads the hold-out.
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

const FOLDS = 5;
const config = resolveConfig();
const t0 = performance.now();
const { titles, examples, pseudoCount, tree } = await readTrainingSet(config);
const options = DEFAULT_TRAIN_OPTIONS;
const held: HeldOut[] = crossValidate(titles, examples, tree, FOLDS, options);
const decision = tuneDecision(held, tree);
const calibration = fitCalibration(held, tree, decision);

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
const data = toModelData(weights, decision, calibration, about);
const out = join(config.dictionariesDir, 'occupation_model.json');
writeFileSync(out, `${JSON.stringify(data)}\n`);
console.log(JSON.stringify(about.crossValidated), JSON.stringify(decision));
console.log(
  `lexical features ${Object.keys(data.lexical).length}, classes ${data.classes.length}, ${(performance.now() - t0) / 1000} s → ${out}`,
);
