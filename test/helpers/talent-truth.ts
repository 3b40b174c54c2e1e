/**
 * The truth of an edition added up to framework groups in plain TypeScript, straight from the truth
 * CSVs: a second computation, independent of the benchmark's SQL, for the tests to check it against.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export type Row = Record<string, string>;

/** The records of a CSV file with a header row (UTF-8, BOM or not). */
export function readRecords(path: string): Row[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Row[];
}

export interface Member {
  framework: string;
  groupCode: string;
  ownRegion: string;
  industryCode: string;
  weight: number;
}

export interface GroupTruth {
  framework: string;
  groupCode: string;
  ownRegion: string;
  region: string;
  year: number;
  employment: number;
  openings: number;
  supply: number;
}

/**
 * Every group of `members` at every region with truth (each city, and the province of `province`)
 * for the given years: Σ weight × the 大类's employment and openings over the region's cities, and
 * supply allocated from occupations to 大类 by base_share × the 大类's employment in the city and year.
 */
export function groupTruth(truthDir: string, members: readonly Member[], province: string, years: readonly number[]): GroupTruth[] {
  const wanted = new Set(years);
  const industry = new Map<string, { employment: number; openings: number }>();
  const cities = new Set<string>();
  for (const r of readRecords(join(truthDir, 'industry_city_year.csv'))) {
    if (!wanted.has(Number(r.year))) continue;
    industry.set(`${r.industry_code}|${r.city_code}|${r.year}`, { employment: Number(r.employment), openings: Number(r.openings) });
    cities.add(r.city_code!);
  }
  const staffing = new Map<string, { industry: string; share: number }[]>();
  for (const r of readRecords(join(truthDir, 'industry_occupation.csv'))) {
    const list = staffing.get(r.occupation_code!) ?? [];
    list.push({ industry: r.industry_code!, share: Number(r.base_share) });
    staffing.set(r.occupation_code!, list);
  }
  const industrySupply = new Map<string, number>();
  for (const r of readRecords(join(truthDir, 'occupation_city_year.csv'))) {
    if (!wanted.has(Number(r.year))) continue;
    const weights = (staffing.get(r.occupation_code!) ?? []).map((s) => ({
      key: `${s.industry}|${r.city_code}|${r.year}`,
      w: s.share * (industry.get(`${s.industry}|${r.city_code}|${r.year}`)?.employment ?? 0),
    }));
    const total = weights.reduce((a, x) => a + x.w, 0);
    if (total <= 0) continue;
    const supply = Number(r.graduate_supply) + Number(r.other_supply);
    for (const { key, w } of weights) industrySupply.set(key, (industrySupply.get(key) ?? 0) + (supply * w) / total);
  }

  const groups = new Map<string, Member[]>();
  for (const m of members) {
    const key = `${m.framework}|${m.groupCode}|${m.ownRegion}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const regions = [...[...cities].sort().map((c) => ({ region: c, cities: [c] })), { region: province, cities: [...cities] }];
  const out: GroupTruth[] = [];
  for (const group of groups.values()) {
    if (!group.some((m) => [...cities].some((c) => industry.has(`${m.industryCode}|${c}|${years[0]}`)))) continue;
    for (const { region, cities: inRegion } of regions)
      for (const year of years) {
        const sum = { employment: 0, openings: 0, supply: 0 };
        for (const m of group)
          for (const c of inRegion) {
            const key = `${m.industryCode}|${c}|${year}`;
            sum.employment += m.weight * (industry.get(key)?.employment ?? 0);
            sum.openings += m.weight * (industry.get(key)?.openings ?? 0);
            sum.supply += m.weight * (industrySupply.get(key) ?? 0);
          }
        out.push({ framework: group[0]!.framework, groupCode: group[0]!.groupCode, ownRegion: group[0]!.ownRegion, region, year, ...sum });
      }
  }
  return out;
}
