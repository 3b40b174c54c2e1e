import type { Assumptions } from '../assumptions.js';
import type { Rng } from '../prng.js';
import { frameworkGroupCodes } from '../reference/load-reference.js';
import type { City, IndustryDivision } from '../reference/reference-data.js';
import type { TimeAxis } from './time-axis.js';

/** True employment per industry division × city × year (index `[d][c][t]`, t = year − y0). */
export interface IndustryPaths {
  divisions: IndustryDivision[];
  employment: Float64Array[][];
  /** The policy effects applied to each division, for the truth manifest. */
  policyByDivision: Map<string, string[]>;
}

/** How strongly each division is pushed by each policy effect (partial codes push only part of a division). */
function policyWeights(
  a: Assumptions,
  referenceDir: string,
  divisions: IndustryDivision[],
): Map<string, { index: number; weight: number }[]> {
  const out = new Map<string, { index: number; weight: number }[]>();
  a.policy.forEach((p, index) => {
    const codes = p.divisions ?? (p.framework && p.group ? frameworkGroupCodes(referenceDir, p.framework, p.group) : null) ?? [];
    for (const d of divisions) {
      let w = 0;
      for (const code of codes) {
        if (code === d.code || code === d.section) w = 1;
        else if (/^\d{3,4}$/.test(code) && code.startsWith(d.code)) w = Math.max(w, a.partialCodeWeight);
      }
      if (w > 0) out.set(d.code, [...(out.get(d.code) ?? []), { index, weight: w }]);
    }
  });
  return out;
}

/**
 * Employment paths with a damped trend per division, policy pushes, the 2020 shock and its partial
 * recovery, and AR(1) noise per division × city.
 */
export function buildIndustryPaths(
  a: Assumptions,
  rng: Rng,
  axis: TimeAxis,
  cities: City[],
  allDivisions: IndustryDivision[],
  referenceDir: string,
): IndustryPaths {
  const e = a.employment;
  const divisions = allDivisions.filter((d) => !e.excludeSections.includes(d.section) && e.sectionShare[d.section] !== undefined);
  const policies = policyWeights(a, referenceDir, divisions);
  const cityW = cities.map((c) => a.cityWeight[c.code] ?? 1);
  const perSection = new Map<string, number>();
  for (const d of divisions) perSection.set(d.section, (perSection.get(d.section) ?? 0) + 1);

  // Base-year levels: section share spread over its divisions, a city specialty multiplier.
  const base: number[][] = divisions.map((d) => {
    const divW =
      (e.sectionShare[d.section]! / perSection.get(d.section)!) * (e.divisionWeight[d.code] ?? 1) * rng.lognormal(e.divisionSpread);
    return cities.map((c, ci) => {
      let spec = rng.lognormal(e.citySpread);
      for (const s of a.citySpecialties) if (s.city === c.code && s.divisions.includes(d.code)) spec *= s.factor;
      return divW * cityW[ci]! * spec;
    });
  });
  let sum = 0;
  for (const row of base) for (const v of row) sum += v;
  const scale = e.total / sum;

  const employment: Float64Array[][] = [];
  const policyByDivision = new Map<string, string[]>();
  divisions.forEach((d, di) => {
    const g0 = (e.sectionTrend[d.section] ?? 0) + 0.02 * rng.normal();
    const gInf = e.longRunGrowth + 0.008 * rng.normal();
    const phi = rng.uniform(e.dampingRange[0], e.dampingRange[1]);
    const pushes = policies.get(d.code) ?? [];
    policyByDivision.set(
      d.code,
      pushes.map((p) => a.policy[p.index]!.label),
    );
    const shock = a.shock.bySection[d.section] ?? a.shock.default;
    const trend = new Float64Array(axis.length);
    for (let t = 1; t < axis.length; t++) {
      const year = axis.y0 + t;
      let g = gInf + (g0 - gInf) * Math.pow(phi, Math.max(0, year - axis.y0));
      for (const p of pushes) {
        const eff = a.policy[p.index]!;
        if (year >= eff.from) g += p.weight * eff.boost * Math.pow(eff.damping, year - eff.from);
      }
      if (year === a.shock.year) g += shock;
      if (year === a.shock.year + 1) g -= shock * a.shock.recoveryShare;
      trend[t] = g;
    }
    employment.push(
      cities.map((_, ci) => {
        const path = new Float64Array(axis.length);
        const cityDrift = 0.006 * rng.normal();
        let level = Math.log(base[di]![ci]! * scale);
        let noise = 0;
        // Base levels describe the first observed year; walk back to y0 with the same trend.
        for (let t = 1; t <= axis.first - axis.y0; t++) level -= trend[t]! + cityDrift;
        path[0] = Math.exp(level);
        for (let t = 1; t < axis.length; t++) {
          noise = e.noiseAr * noise + e.noiseSd * rng.normal();
          level += trend[t]! + cityDrift;
          path[t] = Math.exp(level + noise);
        }
        return path;
      }),
    );
  });
  return { divisions, employment, policyByDivision };
}
