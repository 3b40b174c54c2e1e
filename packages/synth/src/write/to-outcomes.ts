import { join } from 'node:path';
import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import type { World } from '../world/build-world.js';

export const OUTCOMES_HEADER = [
  '学校代码',
  '学校名称',
  '办学层次',
  '专业代码',
  '专业名称',
  '毕业年份',
  '毕业生数',
  '升学',
  '协议和合同就业',
  '灵活就业',
  '自主创业',
  '应征入伍',
  '待就业',
  '平均月薪',
  '月薪中位数',
  '专业相关度',
  '满意度',
] as const;
export const DESTINATIONS_HEADER = ['学校代码', '毕业年份', '就业地区代码', '就业地区名称', '就业人数'] as const;
export const INDUSTRIES_HEADER = ['学校代码', '专业代码', '毕业年份', '行业门类代码', '行业门类名称', '就业人数'] as const;

/** Writes the three graduate-outcome files (UTF-8 with BOM, LF); destinations are per school × year. */
export function writeOutcomes(world: World, out: string): { cohorts: number; destinationRows: number; industryRows: number } {
  const { schools, series, outcomes } = world;
  const main = new TextSink(join(out, 'outcomes', 'graduate_outcomes.csv'), { encoding: 'utf8', bom: true });
  const dest = new TextSink(join(out, 'outcomes', 'graduate_destinations.csv'), { encoding: 'utf8', bom: true });
  const inds = new TextSink(join(out, 'outcomes', 'graduate_industries.csv'), { encoding: 'utf8', bom: true });
  main.line(csvLine(OUTCOMES_HEADER));
  dest.line(csvLine(DESTINATIONS_HEADER));
  inds.line(csvLine(INDUSTRIES_HEADER));
  const bySchoolYear = new Map<string, number[]>();
  for (const c of outcomes.cohorts) {
    const s = series[c.series]!;
    const school = schools[s.school]!;
    const m = s.link.major;
    main.line(
      csvLine([
        school.code,
        school.name,
        school.catalog,
        m.code,
        m.name,
        c.year,
        c.graduates,
        c.furtherStudy,
        c.contract,
        c.flexible,
        c.entrepreneurship,
        c.army,
        c.unemployed,
        c.salaryMean,
        c.salaryMedian,
        c.relatedness.toFixed(1),
        c.satisfaction.toFixed(1),
      ]),
    );
    // Destinations are published per school and year (like 就业质量年度报告), not per major.
    const key = `${s.school}|${c.year}`;
    let counts = bySchoolYear.get(key);
    if (!counts) bySchoolYear.set(key, (counts = new Array<number>(outcomes.regions.length).fill(0)));
    for (const [r, n] of c.destinations) counts[r]! += n;
    for (const [k, n] of c.industries) {
      const section = outcomes.sections[k]!;
      inds.line(csvLine([school.code, m.code, c.year, section.code, section.name, n]));
    }
  }
  const keys = [...bySchoolYear.keys()].sort((x, y) => {
    const [sx, yx] = x.split('|').map(Number) as [number, number];
    const [sy, yy] = y.split('|').map(Number) as [number, number];
    return sx - sy || yx - yy;
  });
  for (const key of keys) {
    const [si, year] = key.split('|').map(Number) as [number, number];
    const school = schools[si]!;
    bySchoolYear.get(key)!.forEach((n, r) => {
      if (n > 0) dest.line(csvLine([school.code, year, outcomes.regions[r]!.code, outcomes.regions[r]!.name, n]));
    });
  }
  const result = { cohorts: main.lines - 1, destinationRows: dest.lines - 1, industryRows: inds.lines - 1 };
  main.close();
  dest.close();
  inds.close();
  return result;
}
