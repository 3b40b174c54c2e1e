import { z } from 'zod';
import { industryCodeSchema, occupationCodeSchema } from '../schemas/common.js';

/** A weight or share as written in a CSV: a number in (0, 1]. */
const fractionSchema = z.coerce.number().gt(0, 'must be greater than 0').lte(1, 'must be at most 1');

/** One row of `major_occupation.csv` (or of a bureau's override with the same columns). */
export const majorOccupationRowSchema = z
  .object({
    catalog: z.string().min(1).describe('Major catalog: 中职, 高职专科, 职业本科 or 本科 (as in datasets/reference/major/).'),
    // Existence is checked against the catalog itself: the 2026 本科 catalog has 7-digit codes.
    major_code: z.string().regex(/^\d+$/, 'digits only').describe('Code of a major at level 专业 in that catalog (without K/T suffixes).'),
    occupation_code: occupationCodeSchema.describe(
      '职业分类大典（2022） code of the occupation (职业: a 细类, or a 小类 that is itself an occupation) the major leads to.',
    ),
    weight: fractionSchema.describe("Share of the major's graduates assumed to work in the occupation; a major's weights sum to 1."),
    method: z
      .string()
      .min(1)
      .describe("How the row was obtained: name_similarity, sibling_majors, family_majors, or a bureau's own word (e.g. survey_2024)."),
    note: z.string().default('').describe("Evidence for the row, or the bureau's remark."),
  })
  .strict();

/** One row of `occupation_industry.csv` (or of a bureau's override with the same columns). */
export const occupationIndustryRowSchema = z
  .object({
    occupation_code: occupationCodeSchema.describe(
      '职业分类大典（2022） code of the occupation (职业: a 细类, or a 小类 that is itself an occupation).',
    ),
    industry_code: industryCodeSchema.describe('GB/T 4754-2017 code (any level) the occupation works in.'),
    share: fractionSchema.describe("Share of the occupation's workers assumed to be in the industry; an occupation's shares sum to 1."),
    method: z.string().min(1).describe("How the row was obtained: name_similarity, family_scope, cross_industry, or a bureau's own word."),
    note: z.string().default('').describe("Evidence for the row, or the bureau's remark."),
  })
  .strict();

export type MajorOccupationRecord = z.infer<typeof majorOccupationRowSchema>;
export type OccupationIndustryRecord = z.infer<typeof occupationIndustryRowSchema>;

/** Column order of `major_occupation.csv`. */
export const MAJOR_OCCUPATION_COLUMNS = ['catalog', 'major_code', 'occupation_code', 'weight', 'method', 'note'] as const;
/** Column order of `occupation_industry.csv`. */
export const OCCUPATION_INDUSTRY_COLUMNS = ['occupation_code', 'industry_code', 'share', 'method', 'note'] as const;
