import { majorKey } from '@talent/models';
import type { Rng } from '../prng.js';
import type { Major, Occupation, ReferenceData } from '../reference/reference-data.js';
import { bigrams, similarity } from './name-similarity.js';

/** The occupations graduates of a major go into, with weights summing to 1. */
export interface MajorLink {
  major: Major;
  occupations: { occupation: number; weight: number }[];
  /** `orientation`: among the occupations the crosswalk's 职业面向 rows name; `name`: by name similarity; `random`: a fallback. */
  kind: 'orientation' | 'name' | 'random';
}

/** Crosswalk rows that come from the 职业教育专业简介's 职业面向 (directly or through a namesake vocational major). */
const ORIENTATION_METHODS = new Set(['orientation', 'orientation_group', 'namesake', 'namesake_group']);
const MAX_LINKS = 3;

/**
 * Links each major to up to three active occupations: those its 职业面向 names (drawn in proportion
 * to the crosswalk's weights, each weight then scattered, since the 简介 names occupations but not
 * how many graduates each takes); else by name similarity (an inverted bigram index keeps this
 * fast for thousands of majors); majors without any similar occupation get a random link into a
 * major group that fits their level.
 */
export function linkMajors(
  rng: Rng,
  majors: Major[],
  occupations: Occupation[],
  crosswalk: ReferenceData['crosswalks']['majorOccupation'],
): MajorLink[] {
  const active = new Map(occupations.map((o, i) => [o.code, i]));
  const oriented = new Map<string, { occupation: number; weight: number }[]>();
  for (const r of crosswalk) {
    const i = active.get(r.occupation_code);
    if (!ORIENTATION_METHODS.has(r.method) || i === undefined) continue;
    const key = majorKey(r.catalog, r.major_code);
    oriented.set(key, [...(oriented.get(key) ?? []), { occupation: i, weight: r.weight }]);
  }
  const occGrams = occupations.map((o) => bigrams(o.name));
  const inverted = new Map<string, number[]>();
  occGrams.forEach((g, i) => {
    for (const b of g) inverted.set(b, [...(inverted.get(b) ?? []), i]);
  });
  const byGroup = new Map<string, number[]>();
  occupations.forEach((o, i) => byGroup.set(o.code[0]!, [...(byGroup.get(o.code[0]!) ?? []), i]));
  return majors.map((major) => {
    const named = [...(oriented.get(majorKey(major.catalog, major.code)) ?? [])];
    if (named.length > 0) {
      const picked: { occupation: number; weight: number }[] = [];
      while (picked.length < MAX_LINKS && named.length > 0) {
        const k = rng.weightedIndex(named.map((p) => p.weight));
        const p = named.splice(k, 1)[0]!;
        picked.push({ occupation: p.occupation, weight: p.weight * rng.lognormal(0.5) });
      }
      const total = picked.reduce((s, p) => s + p.weight, 0);
      return { major, occupations: picked.map((p) => ({ ...p, weight: p.weight / total })), kind: 'orientation' };
    }
    const grams = bigrams(major.name);
    const candidates = new Set<number>();
    for (const b of grams) for (const i of inverted.get(b) ?? []) candidates.add(i);
    const scored = [...candidates].map((i) => ({ i, s: similarity(grams, occGrams[i]!) })).filter((x) => x.s > 0);
    scored.sort((x, y) => y.s - x.s || x.i - y.i);
    const top = scored.slice(0, MAX_LINKS);
    if (top.length > 0) {
      const total = top.reduce((s, x) => s + x.s, 0);
      return { major, occupations: top.map((x) => ({ occupation: x.i, weight: x.s / total })), kind: 'name' };
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
      kind: 'random',
    };
  });
}
