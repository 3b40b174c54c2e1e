import { describe, expect, it } from 'vitest';
import { coders, reference } from '../../../test/helpers/coders.js';
import { rightAt, rightAtStatedLevel } from './evaluate.js';
import { analyseTitle } from './features.js';
import { buildCodeIndex } from './code-index.js';
import { buildLexicon } from './lexicon.js';
import {
  candidateCodes,
  candidateFeatures,
  candidateProbabilities,
  compileModel,
  decide,
  lexicalScores,
  scoreCandidates,
  topLexical,
} from './model.js';
import { fitFresh, fitStep, plattFit } from './train.js';
import { applyPlatt, applyStep, calibrate } from './model.js';
import { buildOccupationTree } from './tree.js';

const tree = buildOccupationTree(reference.occupations);
const deps = {
  lexicon: buildLexicon(reference.occupationAliases, reference.occupationComposition, reference.occupationItField),
  index: buildCodeIndex(
    tree,
    reference.occupations.map((o) => o.code),
  ),
  tree,
  location: coders.location,
};
const weights = compileModel(reference.occupationModel);

describe('occupation model', () => {
  it('scores candidates the same way on the coder path as on the trainer path', () => {
    for (const t of ['Python开发工程师', '注塑成型技术员', '普工（包吃住）', '电销团队经理', '储备干部']) {
      const a = analyseTitle(t, '', deps);
      const lex = lexicalScores(a.lexical, weights);
      const top = topLexical(lex);
      const codes = candidateCodes(a, top, tree);
      const slow = candidateProbabilities(candidateFeatures(a, top, tree), lex, weights);
      expect([...scoreCandidates(a, codes, lex, weights, tree)]).toEqual([...slow]);
    }
  });

  it('backs off to the 小类 or 中类 that holds enough probability', () => {
    const t = { exact: 0.5, minor: 0.3, middle: 0.3, none: 0.5 };
    const codes = ['none', '2-02-10-03', '2-02-10-05', '2-02-38-03'];
    expect(decide(codes, [0.05, 0.6, 0.2, 0.15], tree, t)).toEqual({ code: '2-02-10-03', level: '细类', probability: 0.6 });
    expect(decide(codes, [0.05, 0.4, 0.35, 0.2], tree, t)).toMatchObject({ code: '2-02-10-00', level: '小类' });
    expect(decide(codes, [0.05, 0.15, 0.1, 0.7], tree, t)).toMatchObject({ code: '2-02-38-03', level: '细类' });
    expect(decide(codes, [0.6, 0.2, 0.1, 0.1], tree, t)).toMatchObject({ code: null, level: null });
  });

  it('states a code inside the 大类 and 中类 that hold the most probability, not the single likeliest 小类', () => {
    // 营销员's 小类 leads the 小类 (0.40), but the three 工程技术人员 together hold 0.58.
    const t = { exact: 0.5, minor: 0.3, middle: 0.3, none: 0.5 };
    const codes = ['none', '4-01-02-01', '2-02-10-03', '2-02-38-03', '2-02-30-09'];
    const d = decide(codes, [0.02, 0.4, 0.2, 0.19, 0.19], tree, t);
    expect(d).toMatchObject({ code: '2-02-00-00', level: '中类' });
    expect(d.probability).toBeCloseTo(0.58, 12);
    // The same below a 中类: 2-02-10 (0.45) outweighs 2-02-38-03 alone (0.3), so its 小类 is stated.
    expect(decide(codes, [0.05, 0.2, 0.45, 0.3, 0], tree, t)).toMatchObject({ code: '2-02-10-00', level: '小类' });
    // A lone 大类 of most mass is stated when no finer code in it is probable enough.
    expect(decide(['none', '4-01-02-01', '6-18-01-01', '6-20-01-01', '6-31-01-03'], [0.05, 0.35, 0.2, 0.2, 0.2], tree, t)).toMatchObject({
      code: '6-00-00-00',
      level: '大类',
    });
  });

  it('fits Platt scaling that recovers the map outcomes were drawn from', () => {
    // Outcomes drawn with probability σ(0.6 · logit(x) − 0.4): an overconfident model's probabilities.
    const sigma = (z: number) => 1 / (1 + Math.exp(-z));
    const points = Array.from({ length: 4000 }, (_, i) => {
      const x = 0.02 + (0.96 * i) / 4000;
      const p = sigma(0.6 * Math.log(x / (1 - x)) - 0.4);
      return { x, y: (i * 7919) % 1000 < p * 1000 ? 1 : 0 };
    });
    const fit = plattFit(points);
    expect(fit.a).toBeCloseTo(0.6, 1);
    expect(fit.b).toBeCloseTo(-0.4, 1);
    const cal = {
      format: 1 as const,
      about: {},
      levels: { 大类: { ...fit, n: 1 }, 中类: { ...fit, n: 1 }, 小类: { ...fit, n: 1 }, 细类: { a: 1, b: 0, n: 1 } },
    };
    expect(calibrate(cal, '细类', 0.8)).toBeCloseTo(0.8, 6);
    expect(calibrate(cal, '小类', 0.8)).toBeLessThan(0.7);
  });

  it('fits the step map as the least-squares line of outcomes on stated confidences and applies it after the level map', () => {
    // Outcomes right with probability 0.1 + 0.85 · c: a stated 0.99 is right 94 % of the time.
    const points = Array.from({ length: 5000 }, (_, i) => {
      const confidence = 0.3 + (0.7 * i) / 5000;
      return { confidence, right: (i * 7919) % 1000 < (0.1 + 0.85 * confidence) * 1000, level: '细类' as const, fold: i % 5 };
    });
    const step = fitStep(points);
    expect(step.slope).toBeCloseTo(0.85, 1);
    expect(step.intercept).toBeCloseTo(0.1, 1);
    expect(step.n).toBe(5000);
    const identity = { a: 1, b: 0, n: 1 };
    const cal = { format: 1 as const, about: {}, levels: { 大类: identity, 中类: identity, 小类: identity, 细类: identity }, step };
    expect(calibrate(cal, '细类', 0.99)).toBeCloseTo(step.slope * 0.99 + step.intercept, 3);
    expect(calibrate(cal, '细类', 0.99)).toBeLessThan(0.97);
    expect(calibrate({ ...cal, step: { slope: 2, intercept: 0, n: 1 } }, '细类', 0.9)).toBe(1);
  });

  it('fits the last map on calibration-set points and applies it after the level map and the step', () => {
    // Titles right with probability logistic(logit(c) − 0.4): a stated 0.65 is right 55 % of the time.
    const shifted = (c: number) => applyPlatt({ a: 1, b: -0.4 }, c);
    const points = Array.from({ length: 6000 }, (_, i) => {
      const confidence = 0.25 + (0.7 * i) / 6000;
      return { confidence, right: (i * 7919) % 1000 < shifted(confidence) * 1000, fold: i % 5 };
    });
    const fresh = fitFresh(points);
    expect(fresh.a).toBeCloseTo(1, 1);
    expect(fresh.b).toBeCloseTo(-0.4, 1);
    expect(fresh.n).toBe(6000);
    expect(shifted(0.65)).toBeCloseTo(0.5545, 3);
    const level = { a: 0.8, b: 0.1, n: 100 };
    const step = { slope: 0.9, intercept: 0.05, n: 100 };
    const cal = { format: 1 as const, about: {}, levels: { 大类: level, 中类: level, 小类: level, 细类: level }, step, fresh };
    for (const p of [0.3, 0.6, 0.95])
      expect(calibrate(cal, '小类', p)).toBeCloseTo(applyPlatt(fresh, applyStep(step, applyPlatt(level, p))), 12);
    expect(calibrate(cal, '小类', 0.6)).toBeLessThan(calibrate({ ...cal, fresh: undefined }, '小类', 0.6) - 0.05);
  });
});

describe('judging a stated code against a label', () => {
  it('counts a coarser code right only at the levels it states', () => {
    const minor = { code: '2-02-10-00', level: '小类' as const };
    expect([1, 2, 3, 4].map((d) => rightAt('2-02-10-03', minor, d, tree))).toEqual([true, true, true, false]);
    expect(rightAtStatedLevel('2-02-10-03', minor, tree)).toBe(true);
  });

  it('counts a finer code wrong below the label’s level, and an uncoded title right only when it names nothing', () => {
    const exact = { code: '6-25-01-13', level: '细类' as const };
    expect([1, 2, 3, 4].map((d) => rightAt('6-25-00-00', exact, d, tree))).toEqual([true, true, false, false]);
    expect(rightAt(null, { code: null, level: null }, 4, tree)).toBe(true);
    expect(rightAt('6-25-00-00', { code: null, level: null }, 1, tree)).toBe(false);
    expect(rightAt(null, exact, 1, tree)).toBe(false);
  });

  it('treats an occupation the 大典 defines without 细类 as exact', () => {
    expect(tree.level('2-06-03-00')).toBe('细类');
    expect(rightAt('2-06-03-00', { code: '2-06-03-00', level: '细类' }, 4, tree)).toBe(true);
  });
});
