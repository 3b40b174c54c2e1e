import type { PublicationRules } from '../rules.js';

export type Card = '红牌' | '黄牌' | '绿牌';

export interface MajorOutcome {
  key: string;
  graduates: number;
  unemployed: number;
  salary: number | null;
  satisfaction: number | null;
}

/** The value below which a share q of the sorted values lies (linear interpolation, as DuckDB's quantile_cont). */
export function quantile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo);
}

function zScores(values: readonly (number | null)[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null);
  const mean = present.reduce((a, b) => a + b, 0) / (present.length || 1);
  const sd = Math.sqrt(present.reduce((a, b) => a + (b - mean) ** 2, 0) / (present.length || 1));
  return values.map((v) => (v === null ? null : sd > 0 ? (v - mean) / sd : 0));
}

/**
 * 红/黄/绿牌 of the rated majors (rules.json `majorCards`, after MyCOS, METHODS.md §4): 失业量 is the
 * number 待就业; the composite is the mean z-score of 落实率, mean monthly salary and satisfaction
 * (over the components a major has).
 */
export function majorCards(
  majors: readonly MajorOutcome[],
  rules: PublicationRules['majorCards'],
): Map<string, { card: Card | null; composite: number }> {
  const rated = majors.filter((m) => m.graduates >= rules.minGraduates);
  const z = [
    zScores(rated.map((m) => 1 - m.unemployed / m.graduates)),
    zScores(rated.map((m) => m.salary)),
    zScores(rated.map((m) => m.satisfaction)),
  ];
  const composite = rated.map((_, i) => {
    const parts = z.map((c) => c[i]).filter((v): v is number => v !== null && v !== undefined);
    return parts.reduce((a, b) => a + b, 0) / (parts.length || 1);
  });
  const volume = rated.map((m) => m.unemployed);
  const highVolume = quantile(volume, rules.highVolumeQuantile);
  const lowVolume = quantile(volume, rules.lowVolumeQuantile);
  const lowComposite = quantile(composite, rules.lowCompositeQuantile);
  const highComposite = quantile(composite, rules.highCompositeQuantile);
  const yellowComposite = quantile(composite, rules.yellowCompositeQuantile);
  const out = new Map<string, { card: Card | null; composite: number }>();
  rated.forEach((m, i) => {
    const v = volume[i]!;
    const c = composite[i]!;
    let card: Card | null = null;
    if (v >= highVolume && c <= lowComposite) card = '红牌';
    else if (v >= highVolume && c < yellowComposite) card = '黄牌';
    else if (v <= lowVolume && c >= highComposite) card = '绿牌';
    out.set(m.key, { card, composite: c });
  });
  return out;
}
