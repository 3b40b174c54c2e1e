import { join } from 'node:path';
import { Rng } from '../prng.js';
import { csvLine } from '../io/csv-line.js';
import { TextSink } from '../io/text-sink.js';
import { excelSerial, XlsxSheetWriter, type XlsxCell } from '../io/xlsx-writer.js';
import type { World } from '../world/build-world.js';
import { TRUTH_FOLDER } from './layout.js';
import {
  companyName,
  drawEducation,
  EDUCATION_B,
  EDUCATION_C,
  EXPERIENCE_A,
  EXPERIENCE_YEARS,
  roleTitle,
  salaryTextA,
  TAGS,
  type Education,
} from './posting-text.js';
import { jobTitle, readTitlePatterns, type TitleForm } from './title-patterns.js';

export const SOURCE_A_HEADER = [
  '职位ID',
  '职位名称',
  '公司名称',
  '工作城市',
  '薪资',
  '学历要求',
  '工作经验',
  '所属行业',
  '招聘人数',
  '发布日期',
  '职位标签',
] as const;
export const SOURCE_B_HEADER = [
  '岗位编号',
  '岗位名称',
  '招聘单位',
  '工作地点',
  '最低月薪(元)',
  '最高月薪(元)',
  '薪资类型',
  '学历',
  '工作年限',
  '行业类别',
  '招聘人数',
  '发布时间',
] as const;
export const POSTINGS_KEY_HEADER =
  'source,posting_id,vacancy_id,kind,quirk,occupation_code,industry_code,city_code,posted_date,monthly_salary_min,monthly_salary_max,title_form';

type Source = 0 | 1 | 2;
/** The boards' letters, as the answer key's `source` column names them. */
export const POSTING_BOARDS = ['a', 'b', 'c'] as const;
/** The source (datasets/sources/demo_source_<letter>.json) that loads a board's files. */
export const boardSource = (board: (typeof POSTING_BOARDS)[number]) => `demo_source_${board}` as const;

/** One true vacancy, before a source renders it. */
interface Vacancy {
  id: string;
  occupation: number;
  division: number;
  city: number;
  county: number;
  company: string;
  title: string;
  titleForm: TitleForm;
  education: Education;
  experience: number;
  /** Monthly yuan, or daily/yearly yuan when `unit` says so. */
  min: number;
  max: number;
  unit: 'month' | 'day' | 'year';
  months: number;
  negotiable: boolean;
  monthlyMin: number;
  monthlyMax: number;
  headcount: number | null;
  tags: string[];
}

interface Day {
  y: number;
  m: number;
  d: number;
  iso: string;
  serial: number;
}

/** Counts of what was written, for the manifest and the tests. */
export interface PostingStats {
  vacancies: number;
  postings: number;
  bySource: [number, number, number];
  reposts: number;
  crossSource: number;
  malformed: number;
}

/**
 * Writes the postings of the last `postingYears` years from three sources and the posting key
 * (truth). Vacancies are drawn per occupation × city × month from true openings, taken about
 * `leadMonths` ahead so that postings lead employment; some are re-posted on the same source and
 * some also appear on another source; about `malformedRate` of rows are broken on purpose.
 */
export function writePostings(world: World, out: string): PostingStats {
  const { a, axis, ref, industries, staffing, occupations } = world;
  const p = a.postings;
  const rng = new Rng(world.seed, 'postings');
  // Titles draw from their own stream, so the patterns they follow can change without moving any other field.
  const titleRng = new Rng(world.seed, 'posting-titles');
  const titlePatterns = readTitlePatterns();
  const firstYear = axis.latest - a.years.postingYears + 1;
  const windowStart = Date.UTC(firstYear, 0, 1);
  const windowEnd = Date.UTC(axis.latest, 11, 31);
  const days: Day[] = [];
  for (let ms = windowStart; ms <= windowEnd; ms += 86_400_000) {
    const dt = new Date(ms);
    const y = dt.getUTCFullYear();
    const m = dt.getUTCMonth() + 1;
    const d = dt.getUTCDate();
    days.push({ y, m, d, iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, serial: excelSerial(y, m, d) });
  }
  const dayIndex = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - windowStart) / 86_400_000);

  const nOcc = staffing.occupations.length;
  const nCity = ref.cities.length;
  const byGroup = new Map<string, string[]>();
  for (const o of staffing.occupations) (byGroup.get(o.code[0]!) ?? byGroup.set(o.code[0]!, []).get(o.code[0]!)!).push(o.name);
  const anotherTitle = (group: string) => roleTitle(titleRng, titleRng.pick(byGroup.get(group)!), group);
  const propensity = staffing.occupations.map((o) => a.postingPropensity[o.code[0]!] ?? 1);
  const season = a.seasonality.postingsByMonth;
  const lambdaOf = (o: number, c: number, year: number, month: number): number => {
    const t = year - axis.y0;
    const w = Math.min(1, (month + 0.5 + p.leadMonths) / 12 - 0.5);
    const open = occupations.openings[o]![c]!;
    return propensity[o]! * ((1 - w) * open[t]! + w * open[t + 1]!) * season[month]!;
  };
  let expected = 0;
  for (let year = firstYear; year <= axis.latest; year++)
    for (let month = 0; month < 12; month++)
      for (let o = 0; o < nOcc; o++) for (let c = 0; c < nCity; c++) expected += lambdaOf(o, c, year, month);
  const scale = world.size.postings / (1 + p.repostRate + p.crossSourceRate) / expected;

  // Divisions employing each occupation, weighted by their employment in each city.
  const cellDivisions = new Map<number, { list: number[]; cumulative: Float64Array }>();
  const latestT = axis.latest - axis.y0;
  const divisionsFor = (o: number, c: number) => {
    const key = o * nCity + c;
    let cell = cellDivisions.get(key);
    if (!cell) {
      const list = occupations.divisionsOf[o]!.map((d) => d.division);
      const cumulative = new Float64Array(list.length);
      let acc = 0;
      occupations.divisionsOf[o]!.forEach(
        (d, k) => (cumulative[k] = acc += d.share * industries.employment[d.division]![c]![latestT]! + 1e-9),
      );
      cell = { list, cumulative };
      cellDivisions.set(key, cell);
    }
    return cell;
  };
  const companies = new Map<number, string[]>();
  const companyFor = (d: number, c: number): string => {
    const key = d * nCity + c;
    let pool = companies.get(key);
    if (!pool) {
      const size = Math.max(3, Math.round(Math.sqrt(industries.employment[d]![c]![latestT]!) / 6));
      const r = new Rng(world.seed, `companies:${d}:${c}`);
      const cityShort = ref.cities[c]!.name.replace(/市$/, '');
      pool = Array.from({ length: size }, () => companyName(r, cityShort, industries.divisions[d]!.name));
      companies.set(key, pool);
    }
    return rng.pick(pool);
  };

  const postingsDir = join(out, 'postings');
  const yearCount = axis.latest - firstYear + 1;
  const sinkA: TextSink[] = [];
  const sinkB: XlsxSheetWriter[] = [];
  const sinkC: TextSink[] = [];
  for (let k = 0; k < yearCount; k++) {
    const y = firstYear + k;
    sinkA.push(new TextSink(join(postingsDir, `source_a_${y}.csv`), { encoding: 'gbk', eol: '\r\n' }));
    sinkA[k]!.line(csvLine(SOURCE_A_HEADER));
    sinkB.push(new XlsxSheetWriter(join(postingsDir, `source_b_${y}.xlsx`), '岗位数据', `${axis.latest + 1}-01-01T00:00:00Z`));
    sinkB[k]!.row([...SOURCE_B_HEADER]);
    sinkC.push(new TextSink(join(postingsDir, `source_c_${y}.jsonl`), { encoding: 'utf8' }));
  }
  const key = new TextSink(join(out, TRUTH_FOLDER, 'postings_key.csv'), { encoding: 'utf8' });
  key.line(POSTINGS_KEY_HEADER);

  const stats: PostingStats = { vacancies: 0, postings: 0, bySource: [0, 0, 0], reposts: 0, crossSource: 0, malformed: 0 };
  const serial: [number, number, number] = [0, 0, 0];
  const wageGrowth = a.wage.growth;

  const emit = (v: Vacancy, source: Source, day: number, kind: string): void => {
    const dt = days[day]!;
    const k = dt.y - firstYear;
    serial[source]++;
    const n = serial[source];
    const city = ref.cities[v.city]!;
    const county = city.counties[v.county];
    const division = industries.divisions[v.division]!;
    const malformed = rng.chance(p.malformedRate);
    let quirk = 'none';
    let postingId: string;
    if (source === 0) {
      postingId = String(100_000_000 + n * 7 + (n % 7));
      const cityText = (() => {
        const r = rng.next();
        const short = city.name.replace(/市$/, '');
        if (r < 0.4) return short;
        if (r < 0.7) return city.name;
        if (r < 0.85) return `${ref.province.shortName}-${short}`;
        return county ? `${short}-${county.name}` : short;
      })();
      let salary = v.negotiable ? '面议' : salaryTextA(rng, v.min, v.max, v.unit, v.months);
      let education: string = v.education;
      let industry = division.name;
      if (rng.chance(p.missingIndustryRate)) {
        industry = '';
        quirk = 'missing_industry';
      } else if (rng.chance(p.missingEducationRate)) {
        education = '';
        quirk = 'missing_education';
      } else if (rng.chance(0.02)) {
        salary = '';
        quirk = 'missing_salary';
      }
      let date = rng.chance(0.1) ? `${dt.y}/${dt.m}/${dt.d}` : dt.iso;
      const fields: string[] = [
        postingId,
        v.title,
        v.company,
        cityText,
        salary,
        education,
        EXPERIENCE_A[v.experience]!,
        industry,
        v.headcount === null ? '若干' : `${v.headcount}人`,
        date,
        v.tags.join('|'),
      ];
      let line: string;
      if (malformed) {
        const kindM = rng.int(0, 2);
        if (kindM === 0) {
          quirk = 'malformed_extra_delimiter';
          line = csvLine(fields.slice(0, 2)) + `,${v.company},${city.name.replace(/市$/, '')}分公司,` + csvLine(fields.slice(3));
        } else if (kindM === 1) {
          quirk = 'malformed_truncated_row';
          line = csvLine(fields.slice(0, rng.int(3, 7)));
        } else {
          quirk = 'malformed_bad_date';
          date = rng.pick(['0000-00-00', `${dt.y}-13-${String(dt.d).padStart(2, '0')}`, `${dt.y}-02-30`, '#######']);
          fields[9] = date;
          line = csvLine(fields);
        }
      } else line = csvLine(fields);
      sinkA[k]!.line(line);
    } else if (source === 1) {
      postingId = `GXRC-${dt.y}-${String(n).padStart(7, '0')}`;
      const place = county && rng.chance(0.6) ? `${ref.province.name}/${city.name}/${county.name}` : `${ref.province.name}/${city.name}`;
      const type = v.negotiable ? '面议' : v.unit === 'day' ? '日薪' : v.unit === 'year' ? '年薪' : '月薪';
      let min: XlsxCell = v.negotiable ? null : v.min;
      let dateCell: XlsxCell = { excelDate: dt.serial };
      let industry: string | null = division.name;
      if (rng.chance(p.missingIndustryRate)) {
        industry = null;
        quirk = 'missing_industry';
      }
      if (malformed) {
        if (rng.chance(0.5)) {
          quirk = 'malformed_bad_date';
          dateCell = rng.pick(['暂无', `${dt.y}/02/30`, '--']);
        } else {
          quirk = 'malformed_salary_text';
          min = v.negotiable ? '面议' : `${Math.round(v.min / 1000)}千`;
        }
      }
      sinkB[k]!.row([
        postingId,
        v.title,
        v.company,
        place,
        min,
        v.negotiable ? null : v.max,
        type,
        EDUCATION_B[v.education],
        v.experience <= 0 ? '不限' : v.experience,
        industry,
        v.headcount,
        dateCell,
      ]);
    } else {
      postingId = `c${((n * 2654435761) >>> 0).toString(16).padStart(8, '0')}${n.toString(36)}`;
      const hh = rng.int(8, 21);
      const mm = rng.int(0, 59);
      const location: Record<string, string> = { province: ref.province.name, city: city.name };
      if (county && rng.chance(0.5)) location.district = county.name;
      if (rng.chance(0.6)) location.adcode = location.district && county ? county.code : city.code;
      const rec: Record<string, unknown> = {
        job_id: postingId,
        title: v.title,
        company: rng.chance(p.missingIndustryRate) ? { name: v.company } : { name: v.company, industry: division.name },
        location,
        salary: v.negotiable ? null : { min: v.min, max: v.max, period: v.unit, months: v.months },
        education: rng.chance(p.missingEducationRate) ? null : EDUCATION_C[v.education],
        experience_years_min: v.experience < 0 ? null : v.experience,
        headcount: v.headcount,
        published_at: `${dt.iso}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+08:00`,
        tags: v.tags,
      };
      if (v.negotiable) rec.salary_text = '面议';
      if (!(rec.company as { industry?: string }).industry) quirk = 'missing_industry';
      else if (rec.education === null) quirk = 'missing_education';
      let line = JSON.stringify(rec);
      if (malformed) {
        if (rng.chance(0.6)) {
          quirk = 'malformed_truncated_json';
          line = line.slice(0, rng.int(20, line.length - 10));
        } else {
          quirk = 'malformed_bad_date';
          rec.published_at = rng.pick(['not a date', `${dt.y}-00-00T00:00:00+08:00`, '']);
          line = JSON.stringify(rec);
        }
      }
      sinkC[k]!.line(line);
    }
    if (malformed) stats.malformed++;
    stats.postings++;
    stats.bySource[source]++;
    key.line(
      `${POSTING_BOARDS[source]},${postingId},${v.id},${kind},${quirk},${staffing.occupations[v.occupation]!.code},${division.code},${city.code},${dt.iso},${v.negotiable ? '' : v.monthlyMin},${v.negotiable ? '' : v.monthlyMax},${v.titleForm}`,
    );
  };

  const share = p.sourceShare;
  const lastDay = days.length - 1;
  for (let year = firstYear; year <= axis.latest; year++) {
    for (let month = 0; month < 12; month++) {
      const monthStart = dayIndex(year, month + 1, 1);
      const monthDays = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      // Draw the month's vacancies per occupation × city, then shuffle them so files are not sorted by occupation.
      const cells: number[] = [];
      for (let o = 0; o < nOcc; o++)
        for (let c = 0; c < nCity; c++) {
          const count = rng.poisson(lambdaOf(o, c, year, month) * scale);
          for (let i = 0; i < count; i++) cells.push(o * nCity + c);
        }
      rng.shuffle(cells);
      for (const cellId of cells) {
        const o = Math.floor(cellId / nCity);
        const c = cellId % nCity;
        const occ = staffing.occupations[o]!;
        const group = occ.code[0]!;
        const wageBase = (a.wage.base[group] ?? 5000) * Math.pow(1 + wageGrowth, year - axis.latest);
        const cell = divisionsFor(o, c);
        const cityWage = Math.pow(a.cityWeight[ref.cities[c]!.code] ?? 1, a.wage.cityElasticity);
        stats.vacancies++;
        const division = cell.list[rng.pickCumulative(cell.cumulative)]!;
        const monthly = wageBase * cityWage * rng.lognormal(a.wage.sd);
        const monthlyMin = Math.max(1800, Math.round((monthly * 0.85) / 500) * 500);
        const monthlyMax = Math.round((monthlyMin * rng.uniform(1.2, 1.8)) / 500) * 500;
        const r = rng.next();
        const daily = (group === '4' || group === '6') && r < p.dailyRate * 2;
        const yearly = !daily && group === '2' && r > 0.97;
        const negotiable = rng.chance(p.negotiableRate);
        const months = yearly || daily ? 12 : rng.pick([12, 12, 12, 13, 13, 14]);
        const company = companyFor(division, c);
        const title = jobTitle(titleRng, titlePatterns, occ, {
          company,
          city: ref.cities[c]!.name.replace(/市$/, ''),
          monthlyMin,
          monthlyMax,
          another: () => anotherTitle(group),
        });
        const v: Vacancy = {
          id: `V${String(stats.vacancies).padStart(9, '0')}`,
          occupation: o,
          division,
          city: c,
          county: ref.cities[c]!.counties.length > 0 ? rng.int(0, ref.cities[c]!.counties.length - 1) : -1,
          company,
          title: title.text,
          titleForm: title.form,
          education: drawEducation(rng, group),
          experience: rng.pick(EXPERIENCE_YEARS),
          min: daily ? Math.round(monthlyMin / 22 / 10) * 10 : yearly ? monthlyMin * months : monthlyMin,
          max: daily ? Math.round(monthlyMax / 22 / 10) * 10 : yearly ? monthlyMax * months : monthlyMax,
          unit: daily ? 'day' : yearly ? 'year' : 'month',
          months,
          negotiable,
          monthlyMin,
          monthlyMax,
          headcount: rng.chance(0.2) ? null : rng.pick([1, 1, 1, 2, 2, 3, 5, 10]),
          tags: TAGS.filter(() => rng.chance(0.18)).slice(0, 4),
        };
        const day = monthStart + rng.int(0, monthDays - 1);
        const primary = rng.weightedIndex(share) as Source;
        emit(v, primary, day, 'original');
        if (rng.chance(p.repostRate)) {
          const again = day + rng.int(15, 60);
          if (again <= lastDay) {
            emit(v, primary, again, 'repost');
            stats.reposts++;
          }
        }
        if (rng.chance(p.crossSourceRate)) {
          const other = ((primary + rng.int(1, 2)) % 3) as Source;
          const near = Math.min(lastDay, Math.max(0, day + rng.int(-3, 3)));
          emit(v, other, near, 'cross_source');
          stats.crossSource++;
        }
      }
    }
  }
  for (const s of sinkA) s.close();
  for (const s of sinkB) s.close();
  for (const s of sinkC) s.close();
  key.close();
  return stats;
}
