import { z } from 'zod';
import { countSchema, occupationCodeSchema, regionCodeSchema } from '../../schemas/common.js';
import { periodSchema } from '../shortage/schema.js';

/**
 * One row of a public employment service's table of registrations by occupation group (按职业分组的供求人数,
 * 表5 of the quarterly 人力资源市场供求状况分析): a 大典 大类, 无要求 (job seekers who name no occupation) or 合计.
 */
export const occupationGroupRecordSchema = z
  .object({
    publisher: z.string().min(1).describe('Who published the table (a provincial or city public employment service).'),
    period: periodSchema.describe('Period the table covers (2025Q4, 2025H1, 2025 or 2025-03).'),
    group_name: z.string().min(1).describe('职业类别 as printed: a 大类 name or its short form, 无要求, 其他 or 合计.'),
    group_code: occupationCodeSchema.optional().describe('大典 2022 大类 code (X-00-00-00), when given or mapped from a short name.'),
    region_code: regionCodeSchema.optional().describe('Division the table is for (GB/T 2260).'),
    vacancies: countSchema.optional().describe('需求人数: vacancies registered in the period (none on the 无要求 row).'),
    job_seekers: countSchema.optional().describe('求职人数: job seekers registered in the period.'),
    job_seeker_ratio: z.number().nonnegative().optional().describe('求人倍率: vacancies per job seeker, when printed.'),
    source_url: z.string().optional().describe('Where the table was read.'),
  })
  .describe('Registrations by occupation group (需求人数, 求职人数 per 大类).');
export type OccupationGroupRecord = z.infer<typeof occupationGroupRecordSchema>;
