import { z } from 'zod';
import { flowEmployed, flowSchoolCode, flowSchoolName } from '../graduate-flow-fields.js';
import { regionCodeSchema, yearSchema } from '../../schemas/common.js';

/** Working graduates of one school and graduation year who took a job in one region (毕业去向地区). */
export const graduateRegionRecordSchema = z
  .object({
    school_name: flowSchoolName,
    school_code: flowSchoolCode,
    graduation_year: yearSchema.describe('毕业年份.'),
    region_code: regionCodeSchema
      .optional()
      .describe('就业地区代码: GB/T 2260 division where the graduates work (a prefecture or a whole province).'),
    region_text: z.string().min(1).optional().describe('就业地区名称 as written.'),
    employed: flowEmployed,
  })
  .describe('Graduate destination by region: working graduates per school, graduation year and region.');
export type GraduateRegionRecord = z.infer<typeof graduateRegionRecordSchema>;
