import { z } from 'zod';

/**
 * School levels as the education statistics name them. 中职 and the three higher-education levels
 * follow the catalogues in ref.major (中职, 高职专科, 职业本科, 本科); 研究生 has no major catalogue here.
 */
export const SCHOOL_LEVELS = ['中职', '高职专科', '职业本科', '本科', '研究生'] as const;
export const schoolLevelSchema = z.enum(SCHOOL_LEVELS).describe('School level: 中职, 高职专科, 职业本科, 本科 or 研究生.');
export type SchoolLevel = z.infer<typeof schoolLevelSchema>;

/** A non-negative whole count (people, postings); impossible negatives are rejected, never clipped. */
export const countSchema = z.number().int().nonnegative();

/** A calendar year in the range any bureau table could plausibly cover. */
export const yearSchema = z.number().int().min(1949).max(2100);

/** Six-digit GB/T 2260 division code, as text so that it keeps its digits. */
export const regionCodeSchema = z.string().regex(/^\d{6}$/, 'six-digit GB/T 2260 code');

/** GB/T 4754-2017 industry code: a 门类 letter or 2/3/4 digits. */
export const industryCodeSchema = z.string().regex(/^(?:[A-T]|\d{2,4})$/, 'GB/T 4754 code (A–T or 2–4 digits)');

/** 职业分类大典 (2022) code such as 6-22-02-01. */
export const occupationCodeSchema = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'occupation code like 6-22-02-01');

/** Major code of a catalogue (digits, without K/T suffixes which are flags elsewhere). */
export const majorCodeSchema = z.string().regex(/^\d{4,7}$/, 'major code of 4–7 digits (the 2026 本科 catalogue has 7-digit codes)');

/** A date `YYYY-MM-DD` (ISO calendar date, Beijing time, no time of day). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD');

/** 学校标识码: the 10-digit school code of the MOE lists. */
export const schoolCodeSchema = z.string().regex(/^\d{10}$/, '10-digit 学校标识码');

/** A name as a source writes it (a school, a major, a region): non-empty text. */
export const nameSchema = z.string().min(1);
