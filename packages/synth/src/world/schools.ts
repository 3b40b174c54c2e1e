import type { Assumptions, EditionSize } from '../assumptions.js';
import type { Rng } from '../prng.js';
import type { Catalog, ReferenceData } from '../reference/reference-data.js';

/** A school of the synthetic province. */
export interface School {
  code: string;
  name: string;
  catalog: Catalog;
  city: number;
  /** Whether the name and code come from MOE's list (else invented). */
  listed: boolean;
  /** 民办 in MOE's list (invented schools are public). */
  private: boolean;
  /** 主管部门 in MOE's list; empty for invented schools. */
  authority: string;
  /** Relative size and yearly intake trend of the school. */
  size: number;
  trend: number;
}

const ZHONGZHI_TRADES = [
  '第一职业技术',
  '第二职业技术',
  '交通运输',
  '商贸',
  '机电',
  '卫生',
  '财经',
  '工业',
  '农业',
  '旅游',
  '艺术',
  '电子信息',
  '建筑工程',
  '轻工',
  '华侨',
];

/** The real HEIs of MOE's list plus invented 职业本科 and 中职 schools spread over the cities. */
export function buildSchools(a: Assumptions, rng: Rng, ref: ReferenceData, size: EditionSize): School[] {
  const cityIndex = new Map(ref.cities.map((c, i) => [c.name, i]));
  // 学校标识码: a kind digit pair (41 higher education, 31 secondary), then the province's two digits.
  const provinceDigits = ref.province.code.slice(0, 2);
  const words = ref.vocationalUniversityWords;
  const schools: School[] = [];
  for (const s of ref.schools) {
    const city = cityIndex.get(s.cityName);
    if (city === undefined) continue;
    schools.push({
      code: s.code,
      name: s.name,
      catalog: s.level === '本科' ? '本科' : '高职专科',
      city,
      listed: true,
      private: s.isPrivate,
      authority: s.authority,
      size: rng.lognormal(0.4),
      trend: 0.01 + 0.02 * rng.normal(),
    });
  }
  for (let k = 0; k < size.vocationalUndergradSchools; k++) {
    const city = rng.weightedIndex(ref.cities.map((c) => a.cityWeight[c.code] ?? 1));
    schools.push({
      code: `41${provinceDigits}099${String(k + 1).padStart(3, '0')}`,
      name: `${words[k % words.length]}${k >= words.length ? k : ''}职业技术大学`,
      catalog: '职业本科',
      city,
      listed: false,
      private: false,
      authority: '',
      size: rng.lognormal(0.3),
      trend: 0.04 + 0.02 * rng.normal(),
    });
  }
  const weights = ref.cities.map((c) => Math.pow(a.cityWeight[c.code] ?? 1, a.schools.zhongzhiCityWeightPower));
  const used = new Set(schools.map((s) => s.name));
  const serial = new Map<number, number>();
  for (let k = 0; k < size.zhongzhiSchools; k++) {
    const city = rng.weightedIndex(weights);
    const c = ref.cities[city]!;
    let name = '';
    for (let attempt = 0; attempt < 50 && (name === '' || used.has(name)); attempt++) {
      const county = c.counties.length > 0 ? rng.pick(c.counties).name : c.name;
      const pattern = rng.int(0, 3);
      name =
        pattern === 0
          ? `${county}职业教育中心`
          : pattern === 1
            ? `${county}职业技术学校`
            : pattern === 2
              ? `${c.name}${rng.pick(ZHONGZHI_TRADES)}学校`
              : `${ref.province.shortName}${rng.pick(ZHONGZHI_TRADES)}中等专业学校`;
      if (used.has(name) && attempt > 20) name = `${county}第${attempt}职业技术学校`;
    }
    used.add(name);
    const n = (serial.get(city) ?? 0) + 1;
    serial.set(city, n);
    schools.push({
      code: `31${provinceDigits}${String(city + 1).padStart(2, '0')}${String(n).padStart(4, '0')}`,
      name,
      catalog: '中职',
      city,
      listed: false,
      private: false,
      authority: '',
      size: rng.lognormal(0.45),
      trend: -0.005 + 0.025 * rng.normal(),
    });
  }
  return schools;
}
