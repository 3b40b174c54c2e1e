import { z } from 'zod';
import { countSchema, majorCodeSchema, regionCodeSchema, schoolCodeSchema, schoolLevelSchema, yearSchema } from '../../schemas/common.js';

/**
 * One row of a school's enrollment return: for one school, major and year, how many students
 * were admitted (招生数), are enrolled (在校生数) and graduated (毕业生数).
 */
export const enrollmentRecordSchema = z
  .object({
    school_name: z.string().min(1).describe('学校名称 as written by the school (matched to the HEI list later).'),
    school_code: schoolCodeSchema.optional().describe('学校标识码 (10 digits, MOE list) when the return gives it.'),
    school_level: schoolLevelSchema.describe('办学层次 of this row: 中职, 高职专科, 职业本科, 本科 or 研究生.'),
    region_code: regionCodeSchema.optional().describe('Division the school sits in (GB/T 2260), when given.'),
    major_code: majorCodeSchema.optional().describe('专业代码 from the catalogue of the school level (K/T suffixes stripped).'),
    major_name: z.string().min(1).optional().describe('专业名称 as written; matched to ref.major when the code is missing.'),
    year: yearSchema.describe('Statistical year (学年 start year, e.g. 2024 for 2024–2025).'),
    enrolled_new: countSchema.optional().describe('招生数: students admitted this year.'),
    enrolled_total: countSchema.optional().describe('在校生数: students on the roll at the count date.'),
    graduates: countSchema
      .optional()
      .describe(
        "毕业生数: students who graduated this year. It may exceed this year's 在校生数 (a closing programme), but not last year's roll: the loader checks that across rows.",
      ),
  })
  .describe('Enrollment return row (招生/在校/毕业 by school, major and year).');
export type EnrollmentRecord = z.infer<typeof enrollmentRecordSchema>;
