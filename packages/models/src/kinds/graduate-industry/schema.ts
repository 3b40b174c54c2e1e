import { z } from 'zod';
import { flowEmployed, flowSchoolCode, flowSchoolName } from '../graduate-flow-fields.js';
import { industryCodeSchema, majorCodeSchema, schoolLevelSchema, yearSchema } from '../../schemas/common.js';

/** Working graduates of one school, major and graduation year who work in one industry (毕业去向行业). */
export const graduateIndustryRecordSchema = z
  .object({
    school_name: flowSchoolName,
    school_code: flowSchoolCode,
    school_level: schoolLevelSchema.optional().describe('办学层次 of the graduates, when given (narrows the major catalogue).'),
    major_code: majorCodeSchema.optional().describe('专业代码 (K/T suffixes stripped).'),
    major_name: z.string().min(1).optional().describe('专业名称 as written.'),
    graduation_year: yearSchema.describe('毕业年份.'),
    industry_code: industryCodeSchema
      .optional()
      .describe('行业门类代码: GB/T 4754-2017 section letter, or a 大类/中类/小类 code when given.'),
    industry_text: z.string().min(1).optional().describe('行业门类名称 as written.'),
    employed: flowEmployed,
  })
  .describe('Graduate destination by industry: working graduates per school, major, graduation year and GB/T 4754 section.');
export type GraduateIndustryRecord = z.infer<typeof graduateIndustryRecordSchema>;
