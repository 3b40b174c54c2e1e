import type { Rng } from '../prng.js';

/** Education levels as source A writes them; B and C map them to their own vocabularies. */
export const EDUCATION = ['不限', '初中及以下', '高中', '中专/中技', '大专', '本科', '硕士'] as const;
export type Education = (typeof EDUCATION)[number];

const EDUCATION_MIX: Record<string, [Education, number][]> = {
  '1': [
    ['本科', 0.6],
    ['大专', 0.3],
    ['硕士', 0.1],
  ],
  '2': [
    ['本科', 0.5],
    ['大专', 0.25],
    ['硕士', 0.1],
    ['不限', 0.15],
  ],
  '3': [
    ['大专', 0.4],
    ['本科', 0.25],
    ['中专/中技', 0.1],
    ['不限', 0.25],
  ],
  '4': [
    ['不限', 0.4],
    ['高中', 0.15],
    ['中专/中技', 0.2],
    ['大专', 0.25],
  ],
  '5': [
    ['不限', 0.7],
    ['初中及以下', 0.3],
  ],
  '6': [
    ['不限', 0.35],
    ['初中及以下', 0.1],
    ['中专/中技', 0.3],
    ['高中', 0.1],
    ['大专', 0.15],
  ],
};

export function drawEducation(rng: Rng, group: string): Education {
  const mix = EDUCATION_MIX[group] ?? EDUCATION_MIX['4']!;
  return mix[rng.weightedIndex(mix.map((m) => m[1]))]![0];
}

export const EDUCATION_B: Record<Education, string> = {
  不限: '学历不限',
  初中及以下: '初中',
  高中: '高中',
  '中专/中技': '中专',
  大专: '专科',
  本科: '本科',
  硕士: '硕士研究生',
};
export const EDUCATION_C: Record<Education, string> = {
  不限: 'unlimited',
  初中及以下: 'junior_high',
  高中: 'high_school',
  '中专/中技': 'secondary_vocational',
  大专: 'junior_college',
  本科: 'bachelor',
  硕士: 'master',
};

/** Minimum years of experience; -1 = not stated, 0 = fresh graduates welcome. */
export const EXPERIENCE_YEARS = [-1, 0, 1, 3, 5] as const;
export const EXPERIENCE_A: Record<number, string> = { [-1]: '经验不限', 0: '应届生', 1: '1-3年', 3: '3-5年', 5: '5-10年' };

export const TAGS = [
  '五险一金',
  '包吃住',
  '周末双休',
  '年终奖',
  '带薪年假',
  '节日福利',
  '交通补贴',
  '绩效奖金',
  '定期体检',
  '餐补',
  '员工旅游',
  '技能培训',
];

/**
 * An occupation named as a recruiter names the role: names ending in 人员 become a role (工程师,
 * 专员, 主管…); trade names (焊工, 电工) may get 学徒 or 师傅. The decorations real boards add
 * around it are drawn by `jobTitle` (title-patterns.ts).
 */
export function roleTitle(rng: Rng, occupationName: string, group: string): string {
  if (occupationName.endsWith('工程技术人员'))
    return occupationName.slice(0, -6) + rng.pick(['工程师', '工程师', '技术员', '工程技术人员', '助理工程师']);
  if (occupationName.endsWith('人员')) {
    const core = occupationName.slice(0, -2).replace(/(专业|服务|操作)$/, '');
    return core + rng.pick(group === '2' ? ['专员', '主管', '人员', '助理'] : ['员', '人员', '专员', '主管']);
  }
  if (/工$/.test(occupationName) && (group === '6' || group === '4'))
    return occupationName + rng.pick(['', '', '', '学徒', '师傅', '（熟手）']);
  return occupationName;
}

const BRAND = [
  '宏',
  '达',
  '鑫',
  '泰',
  '华',
  '盛',
  '源',
  '恒',
  '桂',
  '邕',
  '瑞',
  '丰',
  '佳',
  '祥',
  '德',
  '新',
  '远',
  '航',
  '创',
  '联',
  '通',
  '信',
  '安',
  '顺',
  '利',
  '昌',
  '隆',
  '发',
  '海',
  '嘉',
  '诚',
  '锦',
  '博',
  '汇',
  '金',
  '银',
  '科',
  '智',
  '美',
  '康',
];
const SUFFIX = ['有限公司', '有限公司', '有限责任公司', '股份有限公司', '集团有限公司'];

/** A believable company name: city, a two-character brand, the trade and a legal form. */
export function companyName(rng: Rng, cityShort: string, divisionName: string): string {
  const trade = divisionName
    .replace(/[、，,和及与].*$/, '')
    .replace(/^其他/, '')
    .replace(/(制造业|业|服务)$/, '')
    .slice(0, 4);
  return `${cityShort}${rng.pick(BRAND)}${rng.pick(BRAND)}${trade}${rng.pick(SUFFIX)}`;
}

function trimNumber(x: number): string {
  return x.toFixed(1).replace(/\.0$/, '');
}

/** Source A's salary text for a monthly range (yuan), in one of the job boards' usual styles. */
export function salaryTextA(rng: Rng, min: number, max: number, unit: 'month' | 'day' | 'year', months: number): string {
  if (unit === 'day') return min === max ? `${min}元/天` : `${min}-${max}元/天`;
  if (unit === 'year') return `${trimNumber(min / 10000)}-${trimNumber(max / 10000)}万/年`;
  const style = rng.int(0, 2);
  if (style === 0) return `${Math.round(min / 1000)}-${Math.round(max / 1000)}K${months > 12 ? `·${months}薪` : ''}`;
  if (style === 1) {
    const part = (x: number) => (x < 10000 ? `${trimNumber(x / 1000)}千` : `${trimNumber(x / 10000)}万`);
    return `${part(min)}-${part(max)}/月`;
  }
  return `${min}-${max}元/月`;
}
