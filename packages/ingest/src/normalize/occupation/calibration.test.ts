import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { config, reference } from '../../../test/helpers/coders.js';
import { buildCoders } from '../coders.js';
import { reliability, rightAt } from './evaluate.js';
import { decide } from './model.js';
import {
  chooseFresh,
  chooseStep,
  crossFittedConfidences,
  crossFittedFresh,
  crossFittedSteps,
  fitCalibration,
  fitModel,
  freshPoints,
  nestedConfidences,
} from './train.js';
import { CALIBRATION_SET, readLabelledTitles, readTrainingSet } from './training-set.js';
import { buildOccupationTree, LEVELS } from './tree.js';

// Cross-validation inside the train split only: the hold-out is the benchmark's (bench/coder.ts).
describe('occupation model calibration (5-fold cross-validation on the train split)', () => {
  it('states confidences that match the accuracy at the stated level, per level, with the stored maps', { timeout: 900_000 }, async () => {
    const folds = 5;
    const { titles, examples, foldExamples, tree } = await readTrainingSet(config);
    // Folds read with the dictionaries the other folds' titles could have written: how the coder
    // meets new titles.
    const { held, decision } = fitModel(titles, examples, foldExamples, tree, folds);

    // The stored calibration is the one these held-out predictions give, one map per stated level.
    const stored = reference.occupationCalibration;
    const fitted = fitCalibration(held, tree, decision);
    for (const level of LEVELS) {
      expect(stored.levels[level].a, level).toBeCloseTo(fitted.levels[level].a, 3);
      expect(stored.levels[level].b, level).toBeCloseTo(fitted.levels[level].b, 3);
      expect(stored.levels[level].n, level).toBe(fitted.levels[level].n);
    }
    expect(stored.levels.细类.n).toBeGreaterThan(1000);
    expect(reference.occupationModel.decision).toEqual(decision);

    // Cross-fitted (each fold calibrated by maps fitted on the other four): what the maps promise on
    // titles they were not fitted to.
    const points = crossFittedConfidences(titles, held, tree, decision, folds);
    const { bins, ece } = reliability(points);
    expect(ece).toBeLessThanOrEqual(0.05);
    for (const b of bins.filter((x) => x.count >= 30))
      expect(Math.abs(b.accuracy - b.meanConfidence), `decile ${b.from}`).toBeLessThanOrEqual(0.1);
    for (const level of LEVELS) {
      const own = points.filter((p) => p.level === level);
      // A level stated for fewer titles cannot show a gap of 5 points (one standard error is larger).
      if (own.length < 100) continue;
      const mean = own.reduce((s, p) => s + p.confidence, 0) / own.length;
      const accuracy = own.filter((p) => p.right).length / own.length;
      expect(Math.abs(mean - accuracy), level).toBeLessThanOrEqual(0.05);
    }

    // The step map: kept only if, on titles it was not fitted to (cross-fitted by fold), it states
    // the nested points more closely than the level maps alone; a model of titles of several
    // sources meets its level maps about as closely one step up.
    const nested = nestedConfidences(titles, held, foldExamples, tree, decision, folds);
    expect(stored.step).toEqual(chooseStep(nested, folds));
    const before = reliability(nested);
    const after = reliability(crossFittedSteps(nested, folds));
    expect(after.ece < before.ece, `nested ECE ${before.ece} → ${after.ece} with a step map`).toBe(stored.step !== undefined);
    expect(Math.min(before.ece, after.ece)).toBeLessThanOrEqual(0.06);

    // The back-off is used: titles whose most probable code is not probable enough are coded only
    // to the 小类, 中类 or 大类 they are sure of, and those codes are right at their level more
    // often than the most probable code would be at 细类.
    const DEPTH = { 大类: 1, 中类: 2, 小类: 3, 细类: 4 } as const;
    let coarse = 0;
    let rightCoarse = 0;
    let guessed = 0;
    for (const h of held) {
      const d = decide(h.codes, h.probs, tree, decision);
      let best = -1;
      for (let i = 0; i < h.codes.length; i++) if (h.codes[i] !== 'none' && (best < 0 || h.probs[i]! > h.probs[best]!)) best = i;
      if (d.code === null || best < 0 || d.code === h.codes[best]) continue;
      coarse++;
      if (rightAt(h.label, d, DEPTH[d.level!], tree)) rightCoarse++;
      if (h.codes[best] === h.label) guessed++;
    }
    expect(coarse).toBeGreaterThan(50);
    expect(rightCoarse).toBeGreaterThan(guessed);
  });

  it('fits the last map on the calibration set as the nightly coder states it, and states that set more closely', () => {
    const tree = buildOccupationTree(reference.occupations);
    const withoutLast = { ...reference, occupationCalibration: { ...reference.occupationCalibration, fresh: undefined } };
    const titles = readLabelledTitles(join(config.repoRoot, CALIBRATION_SET));
    expect(titles.length).toBeGreaterThanOrEqual(400);
    const points = freshPoints(buildCoders(withoutLast).occupation, titles, tree, 5);
    expect(reference.occupationCalibration.fresh).toEqual(chooseFresh(points, 5));
    // The map is kept when, through maps fitted on the other folds, each fold's confidences come
    // closer to its accuracy; what the coder then states on titles no rule was written from is
    // within the bound, and on average within a point of its accuracy.
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const accuracy = mean(points.map((p) => (p.right ? 1 : 0)));
    const after = crossFittedFresh(points, 5);
    expect(reliability(after).ece < reliability(points).ece).toBe(reference.occupationCalibration.fresh !== undefined);
    const stated = reference.occupationCalibration.fresh ? after : points;
    expect(reliability(stated).ece).toBeLessThanOrEqual(0.05);
    expect(Math.abs(mean(stated.map((p) => p.confidence)) - accuracy)).toBeLessThan(0.01);
  });
});
