import type { Rng } from '../prng.js';
import type { Major, Occupation } from '../reference/reference-data.js';
import { bigrams, similarity } from './name-similarity.js';

/** The occupations graduates of a major go into, with weights summing to 1. */
export interface MajorLink {
  major: Major;
  occupations: { occupation: number; weight: number }[];
  /** True when found by name similarity; false for a random fallback link. */
  byName: boolean;
}

/**
 * Links each major to up to three active occupations by name similarity (an inverted bigram index
 * keeps this fast for thousands of majors); majors without any similar occupation get a random
 * link into a major group that fits their level.
 */
export function linkMajors(rng: Rng, majors: Major[], occupations: Occupation[]): MajorLink[] {
  const occGrams = occupations.map((o) => bigrams(o.name));
  const inverted = new Map<string, number[]>();
  occGrams.forEach((g, i) => {
    for (const b of g) inverted.set(b, [...(inverted.get(b) ?? []), i]);
  });
  const byGroup = new Map<string, number[]>();
  occupations.forEach((o, i) => byGroup.set(o.code[0]!, [...(byGroup.get(o.code[0]!) ?? []), i]));
  return majors.map((major) => {
    const grams = bigrams(major.name);
    const candidates = new Set<number>();
    for (const b of grams) for (const i of inverted.get(b) ?? []) candidates.add(i);
    const scored = [...candidates].map((i) => ({ i, s: similarity(grams, occGrams[i]!) })).filter((x) => x.s > 0);
    scored.sort((x, y) => y.s - x.s || x.i - y.i);
    const top = scored.slice(0, 3);
    if (top.length > 0) {
      const total = top.reduce((s, x) => s + x.s, 0);
      return { major, occupations: top.map((x) => ({ occupation: x.i, weight: x.s / total })), byName: true };
    }
    const group = major.catalog === '本科' || major.catalog === '职业本科' ? '2' : rng.chance(0.5) ? '6' : '4';
    const pool = byGroup.get(group) ?? byGroup.get('4') ?? occupations.map((_, i) => i);
    const a = rng.pick(pool);
    const b = rng.pick(pool);
    return {
      major,
      occupations:
        a === b
          ? [{ occupation: a, weight: 1 }]
          : [
              { occupation: a, weight: 0.6 },
              { occupation: b, weight: 0.4 },
            ],
      byName: false,
    };
  });
}
