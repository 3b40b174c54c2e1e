/**
 * Education and experience requirements → ordered enums, from clean columns or glued fields
 * (`1-3年本科`, `经验不限学历不限`, `在校/应届本科`, `4天/周6个月本科`, 51job's shifted columns,
 * comma tag lists such as `3-4年,本科,python,五险一金`).
 */
import { EDUCATION_LEVELS, type EducationLevel } from '@talent/models';
import { memoize, toHalfWidth, unwrapListLiteral } from './text.js';

// Education uses the warehouse's ordered enum from @talent/models. `unrestricted` (不限) sorts
// lowest because it admits everyone; 中专/中技/高中/职高/技校 share one rung because postings use
// them interchangeably.

/** Simplified-Chinese labels of the education levels, for reports. */
export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  unrestricted: '不限',
  junior_secondary: '初中及以下',
  senior_secondary: '中专/中技/高中',
  associate: '大专',
  bachelor: '本科',
  master: '硕士',
  doctorate: '博士',
};

/**
 * Work experience asked for, in increasing order, banded by the minimum years: `student` covers
 * 在校/应届 and internships, `lt1` under one year, then 1–3, 3–5, 5–10 and 10+ years.
 */
export const EXPERIENCE_BANDS = ['unrestricted', 'student', 'lt1', 'y1_3', 'y3_5', 'y5_10', 'y10_plus'] as const;
/** One band of {@link EXPERIENCE_BANDS}. */
export type ExperienceBand = (typeof EXPERIENCE_BANDS)[number];
/** Simplified-Chinese labels for reports. */
export const EXPERIENCE_LABELS: Record<ExperienceBand, string> = {
  unrestricted: '经验不限',
  student: '在校/应届',
  lt1: '1年以下',
  y1_3: '1-3年',
  y3_5: '3-5年',
  y5_10: '5-10年',
  y10_plus: '10年以上',
};

/** Rank of an education level (0 = 不限 … 6 = 博士) for ordering and comparisons. */
export function educationRank(level: EducationLevel): number {
  return EDUCATION_LEVELS.indexOf(level);
}

/** Rank of an experience band (0 = 经验不限 … 6 = 10年以上). */
export function experienceRank(band: ExperienceBand): number {
  return EXPERIENCE_BANDS.indexOf(band);
}

// Most specific first: `统招本科` before `本科`, `初中及以下` before `中专`.
const EDUCATION_PATTERNS: [RegExp, EducationLevel][] = [
  [/博士/, 'doctorate'],
  [/硕士|研究生|MBA|EMBA/i, 'master'],
  [/本科|学士|统招/, 'bachelor'],
  [/大专|专科|高职/, 'associate'],
  [/初中|小学/, 'junior_secondary'],
  [/中专|中技|高中|职高|技校|中职/, 'senior_secondary'],
  [/学历不限|不限学历/, 'unrestricted'],
];
/** A cell that says only 不限 is unrestricted for whichever requirement its column holds. */
const BARE_UNRESTRICTED = /^(不限|无要求)$/;

function cleanText(text: string): string {
  return toHalfWidth(unwrapListLiteral(text)).replace(/\s+/g, '');
}

/**
 * Finds the education requirement in a column or glued field; null when none is stated.
 * @example parseEducation('1-3年本科') // 'bachelor'
 * @example parseEducation('中专/中技及以上') // 'senior_secondary'
 */
export const parseEducation: (text: string) => EducationLevel | null = memoize((text) =>
  BARE_UNRESTRICTED.test(cleanText(text)) ? 'unrestricted' : findEducation(text),
);

/** Education stated in a cell of unknown kind: bare 不限 is ignored there. */
const findEducation: (text: string) => EducationLevel | null = memoize((text) => {
  const t = cleanText(text);
  if (t === '') return null;
  // Each listed item is tried in order so that a tag list's first education item wins.
  for (const part of t.split(/[,，|]/)) {
    for (const [re, level] of EDUCATION_PATTERNS) if (re.test(part)) return level;
  }
  return null;
});

/** A parsed experience requirement: the band and the stated year bounds. */
export interface ExperienceParse {
  band: ExperienceBand;
  minYears: number | null;
  maxYears: number | null;
}

const NUM_ZH: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function bandFor(minYears: number): ExperienceBand {
  if (minYears < 1) return 'lt1';
  if (minYears < 3) return 'y1_3';
  if (minYears < 5) return 'y3_5';
  if (minYears < 10) return 'y5_10';
  return 'y10_plus';
}

function parseExperienceUncached(text: string): ExperienceParse | null {
  const t = cleanText(text).replace(/[一两二三四五六七八九十](?=年)/g, (c) => String(NUM_ZH[c]));
  if (t === '') return null;
  if (/经验不限|不限经验|无需经验|无经验要求/.test(t)) return { band: 'unrestricted', minYears: null, maxYears: null };
  // Internship patterns (`4天/周6个月`) and 在校/应届 both mean "no work experience yet".
  if (/在校|应届|毕业生|实习|\d天\/周|\d+个月/.test(t)) return { band: 'student', minYears: 0, maxYears: 0 };
  if (/无工作经验|无经验|没有经验/.test(t)) return { band: 'unrestricted', minYears: 0, maxYears: 0 };
  const range = /(\d+)-(\d+)年/.exec(t);
  if (range) return { band: bandFor(Number(range[1])), minYears: Number(range[1]), maxYears: Number(range[2]) };
  const below = /(\d+)年(以下|以内)/.exec(t);
  if (below) return { band: 'lt1', minYears: 0, maxYears: Number(below[1]) };
  const above = /(\d+)年(及以上|以上)?/.exec(t);
  if (above) {
    const y = Number(above[1]);
    return { band: bandFor(y), minYears: y, maxYears: above[2] ? null : y };
  }
  return null;
}

/**
 * Finds the experience requirement in a column or glued field; null when none is stated.
 * @example parseExperience('3-5年本科') // { band: 'y3_5', minYears: 3, maxYears: 5 }
 * @example parseExperience('在校/应届本科') // { band: 'student', minYears: 0, maxYears: 0 }
 */
export const parseExperience: (text: string) => ExperienceParse | null = memoize((text) =>
  BARE_UNRESTRICTED.test(cleanText(text)) ? { band: 'unrestricted', minYears: null, maxYears: null } : findExperience(text),
);
const findExperience = memoize(parseExperienceUncached);

/** Education and experience found together. */
export interface Requirements {
  education: EducationLevel | null;
  experience: ExperienceParse | null;
}

/** The cells a source offers; any may be missing, shifted or glued. */
export interface RequirementCells {
  /** The source's education column. */
  education?: string;
  /** The source's experience column (BOSS glues both into it). */
  experience?: string;
  /** Further cells to search, in order: tag lists, titles, descriptions. */
  other?: readonly string[];
}

/**
 * Reads both requirements from a source's cells. Each column is read for its own requirement
 * first, then every cell is searched for the other one, so 51job's shifted columns (学历 in the
 * experience column), BOSS's glued `1-3年本科` and 51job 2023's tag lists all resolve.
 * @example parseRequirements({ experience: '经验不限学历不限' }) // { education: 'unrestricted', experience: { band: 'unrestricted', … } }
 * @example parseRequirements({ experience: '本科', education: '[]' }) // { education: 'bachelor', experience: null }
 */
export function parseRequirements(cells: RequirementCells): Requirements {
  const edu = cells.education ?? '';
  const exp = cells.experience ?? '';
  let education = parseEducation(edu) ?? findEducation(exp);
  let experience = parseExperience(exp) ?? findExperience(edu);
  for (const cell of cells.other ?? []) {
    education ??= findEducation(cell);
    experience ??= findExperience(cell);
  }
  return { education, experience };
}
