import { z } from 'zod';
import { countSchema, industryCodeSchema, nameSchema, regionCodeSchema, yearSchema } from '../../schemas/common.js';

/** Whose employment a table counts: the urban units of the 城镇单位 tables, or everyone (全社会). */
export const EMPLOYMENT_UNIVERSES = ['urban_units', 'all'] as const;

/**
 * One cell of a statistical yearbook's employment table: the persons employed at a year-end in a
 * region and an industry (or the table's total), as printed; or a figure a later table revises.
 */
export const employmentRecordSchema = z
  .object({
    year: yearSchema.describe('年末: the year whose end the figure counts.'),
    region_code: regionCodeSchema.optional().describe('GB/T 2260 code of the region, when the table gives it.'),
    region_text: nameSchema.optional().describe('地区 as printed (全区, a city), matched to ref.region when no code is given.'),
    industry_code: industryCodeSchema.optional().describe('GB/T 4754-2017 code of the row, when the table gives it.'),
    industry_text: nameSchema.describe('行业 as printed (合计, a 门类 or 大类 name), matched to ref.industry by name.'),
    universe: z.enum(EMPLOYMENT_UNIVERSES).describe('urban_units: 城镇单位就业人员 (non-private units only); all: 全社会就业人员.'),
    employment: countSchema.describe('就业人员 (persons).'),
    revised_from: countSchema.optional().describe('For a revision a later table prints: the figure published before (上年公布).'),
  })
  .describe('Employment cell of a yearbook table (year-end persons by region and industry).');
export type EmploymentRecord = z.infer<typeof employmentRecordSchema>;
