import { describe, expect, it } from 'vitest';
import { config } from '../../../test/helpers/coders.js';
import { reliability, rightAt } from './evaluate.js';
import { decide } from './model.js';
import { crossFittedConfidences, crossValidate, tuneDecision } from './train.js';
import { readTrainingSet } from './training-set.js';

// Cross-validation inside the train split only: the hold-out is the benchmark's (bench/coder.ts).
describe('occupation model calibration (5-fold cross-validation on the train split)', () => {
  it('states confidences that match the accuracy at the stated level in every well-filled decile', { timeout: 600_000 }, async () => {
    const folds = 5;
    const { titles, examples, tree } = await readTrainingSet(config);
    const held = crossValidate(titles, examples, tree, folds);
    const decision = tuneDecision(held, tree);
    const points = crossFittedConfidences(titles, held, tree, decision, folds);
    const { bins, ece } = reliability(points);
    expect(ece).toBeLessThanOrEqual(0.05);
    for (const b of bins.filter((x) => x.count >= 30))
      expect(Math.abs(b.accuracy - b.meanConfidence), `decile ${b.from}`).toBeLessThanOrEqual(0.1);

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
});
