import { z } from 'zod';
import { countSchema, regionCodeSchema, yearSchema } from '../../schemas/common.js';

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

/** Working graduates of one school and graduation year who took a job in one region (毕业去向地区). */
export const graduateRegionRecordSchema = z
  .object({
    school_name: schoolName,
    school_code: schoolCode,
    graduation_year: yearSchema.describe('毕业年份.'),
    region_code: regionCodeSchema
      .optional()
      .describe('就业地区代码: GB/T 2260 division where the graduates work (a prefecture or a whole province).'),
    region_text: z.string().min(1).optional().describe('就业地区名称 as written.'),
    employed,
  })
  .describe('Graduate destination by region: working graduates per school, graduation year and region.');
export type GraduateRegionRecord = z.infer<typeof graduateRegionRecordSchema>;
