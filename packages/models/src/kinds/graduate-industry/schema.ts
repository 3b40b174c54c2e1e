import { z } from 'zod';
import { countSchema, industryCodeSchema, majorCodeSchema, schoolLevelSchema, yearSchema } from '../../schemas/common.js';

// The two breakdowns a 毕业生就业质量年度报告 publishes of its working graduates (协议和合同就业 +
// 灵活就业 + 自主创业): where they went and which industries took them. Each row is one cell of
// such a table; the totals are reconciled against graduate_outcome after loading.

const schoolName = z.string().min(1).optional().describe('学校名称 as written (the school list gives it when only the code is sent).');
const schoolCode = z
  .string()
  .regex(/^\d{10}$/, '10-digit 学校标识码')
  .optional()
  .describe('学校标识码 (10 digits) when given.');
const employed = countSchema.describe('就业人数: working graduates of this cell.');

/** Working graduates of one school, major and graduation year who work in one industry (毕业去向行业). */
export const graduateIndustryRecordSchema = z
  .object({
    school_name: schoolName,
    school_code: schoolCode,
    school_level: schoolLevelSchema.optional().describe('办学层次 of the graduates, when given (narrows the major catalogue).'),
    major_code: majorCodeSchema.optional().describe('专业代码 (K/T suffixes stripped).'),
    major_name: z.string().min(1).optional().describe('专业名称 as written.'),
    graduation_year: yearSchema.describe('毕业年份.'),
    industry_code: industryCodeSchema
      .optional()
      .describe('行业门类代码: GB/T 4754-2017 section letter, or a 大类/中类/小类 code when given.'),
    industry_text: z.string().min(1).optional().describe('行业门类名称 as written.'),
    employed,
  })
  .describe('Graduate destination by industry: working graduates per school, major, graduation year and GB/T 4754 section.');
export type GraduateIndustryRecord = z.infer<typeof graduateIndustryRecordSchema>;
