/**
 * What a code's shape says about it, per national code list: its level and its structural
 * parent. The loader checks every row against these, and other packages use them to tell a
 * 小类 from a 中类 without a table lookup.
 */

/** Levels of GB/T 4754-2017 国民经济行业分类, top first. */
export const INDUSTRY_LEVELS = ['门类', '大类', '中类', '小类'] as const;
export type IndustryLevel = (typeof INDUSTRY_LEVELS)[number];

/** Levels of the 2022 职业分类大典, top first. */
export const OCCUPATION_LEVELS = ['大类', '中类', '小类', '细类'] as const;
export type OccupationLevel = (typeof OCCUPATION_LEVELS)[number];

/** Levels of GB/T 2260 as loaded (province, prefecture, county), top first. */
export const REGION_LEVELS = ['省', '市', '县'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Levels of the major catalogues (本科: 学科门类 is held as 专业大类), top first. */
export const MAJOR_LEVELS = ['专业大类', '专业类', '专业'] as const;
export type MajorLevel = (typeof MAJOR_LEVELS)[number];

/** The catalogues of ref.major. */
export const MAJOR_CATALOGS = ['中职', '高职专科', '职业本科', '本科'] as const;
export type MajorCatalog = (typeof MAJOR_CATALOGS)[number];

/**
 * Level of a GB/T 4754 code: a letter is a 门类, 2/3/4 digits a 大类/中类/小类.
 * @example industryLevelOf('C') // '门类'
 * @example industryLevelOf('3874') // '小类'
 * @returns undefined when the string is not an industry code.
 */
export function industryLevelOf(code: string): IndustryLevel | undefined {
  if (/^[A-T]$/.test(code)) return '门类';
  if (/^\d{2}$/.test(code)) return '大类';
  if (/^\d{3}$/.test(code)) return '中类';
  if (/^\d{4}$/.test(code)) return '小类';
  return undefined;
}

/**
 * Structural parent of a GB/T 4754 code. The parent of a 大类 is its 门类 letter, which the
 * digits do not tell, so it must be supplied (`sectionOf`).
 * @returns null for a 门类; undefined when not derivable.
 */
export function industryParentOf(code: string, sectionOf?: (division: string) => string | undefined): string | null | undefined {
  const level = industryLevelOf(code);
  if (level === '门类') return null;
  if (level === '大类') return sectionOf?.(code);
  if (level === '中类' || level === '小类') return code.slice(0, -1);
  return undefined;
}

/**
 * Level of a 大典 code `D-DD-DD-DD`: 细类 when the last pair is not 00, else 小类 when the
 * third is not 00, else 中类 when the second is not 00, else 大类.
 * @example occupationLevelOf('6-22-02-01') // '细类'
 * @example occupationLevelOf('6-22-02-00') // '小类'
 */
export function occupationLevelOf(code: string): OccupationLevel | undefined {
  const m = /^(\d)-(\d\d)-(\d\d)-(\d\d)$/.exec(code);
  if (!m) return undefined;
  if (m[4] !== '00') return '细类';
  if (m[3] !== '00') return '小类';
  if (m[2] !== '00') return '中类';
  return '大类';
}

/**
 * Structural parent of a 大典 code. Where the 大典 divides a 中类 straight into 细类 (its 小类
 * segment is 00, e.g. 1-01-00-01), the parent is the 中类: the book's placeholder 小类 1-01-00
 * would have the same padded code as the 中类.
 * @example occupationParentOf('6-22-02-01') // '6-22-02-00'
 * @example occupationParentOf('1-01-00-01') // '1-01-00-00'
 */
export function occupationParentOf(code: string): string | null | undefined {
  const m = /^(\d)-(\d\d)-(\d\d)-(\d\d)$/.exec(code);
  if (!m) return undefined;
  const [, a, b, c, d] = m;
  // With a 00 小类 segment this is already the 中类's code.
  if (d !== '00') return `${a}-${b}-${c}-00`;
  if (c !== '00') return `${a}-${b}-00-00`;
  if (b !== '00') return `${a}-00-00-00`;
  return null;
}

/**
 * Level of a six-digit GB/T 2260 code: XX0000 province, XXYY00 prefecture, else county.
 * @example regionLevelOf('450000') // '省'
 * @example regionLevelOf('450202') // '县'
 */
export function regionLevelOf(code: string): RegionLevel | undefined {
  if (!/^[1-9]\d{5}$/.test(code)) return undefined;
  if (code.endsWith('0000')) return '省';
  if (code.endsWith('00')) return '市';
  return '县';
}

/** Structural parent of a GB/T 2260 code (province for a prefecture, prefecture for a county). */
export function regionParentOf(code: string): string | null | undefined {
  const level = regionLevelOf(code);
  if (level === '省') return null;
  if (level === '市') return `${code.slice(0, 2)}0000`;
  if (level === '县') return `${code.slice(0, 4)}00`;
  return undefined;
}

/** Six-digit province code of a GB/T 2260 code, e.g. 450202 → 450000. */
export function regionProvinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/**
 * Level of a major code (without K/T suffixes): 2 digits 专业大类 (本科 学科门类), 4 digits
 * 专业类, 6 or 7 digits 专业 (a few 本科 外国语言文学类 codes have 7, e.g. 0502100).
 * @example majorLevelOf('510201') // '专业'
 */
export function majorLevelOf(code: string): MajorLevel | undefined {
  if (/^\d{2}$/.test(code)) return '专业大类';
  if (/^\d{4}$/.test(code)) return '专业类';
  if (/^\d{6,7}$/.test(code)) return '专业';
  return undefined;
}

/** Structural parent of a major code within its catalogue. */
export function majorParentOf(code: string): string | null | undefined {
  const level = majorLevelOf(code);
  if (level === '专业大类') return null;
  if (level === '专业类') return code.slice(0, 2);
  if (level === '专业') return code.slice(0, 4);
  return undefined;
}

/**
 * Splits a catalogue code such as `520101K` or `0502104TK` into the bare code and its flags.
 * @example splitMajorCode('020110TK') // { code: '020110', isSpecial: true, isNationalControl: true }
 */
export function splitMajorCode(raw: string): { code: string; isSpecial: boolean; isNationalControl: boolean } {
  const m = /^(\d+)(T?)(K?)$/.exec(raw.trim());
  if (!m) throw new Error(`Not a major code: ${JSON.stringify(raw)}`);
  return { code: m[1]!, isSpecial: m[2] === 'T', isNationalControl: m[3] === 'K' };
}
