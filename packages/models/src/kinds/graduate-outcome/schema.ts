import { z } from 'zod';
import { PLAUSIBLE_GRADUATE_MONTHLY_INCOME_CNY } from '../../schemas/plausibility.js';
import {
  schoolCodeSchema,
  countSchema,
  industryCodeSchema,
  majorCodeSchema,
  regionCodeSchema,
  schoolLevelSchema,
  yearSchema,
} from '../../schemas/common.js';

/**
 * 毕业去向 categories of the MOE graduate destination statistics. The field names of the record
 * below are the English keys; the Chinese label is in each field's description.
 */
export const DESTINATION_FIELDS = {
  dest_contract: '协议和合同就业',
  dest_flexible: '灵活就业',
  dest_self_employed: '自主创业',
  dest_further_study: '升学',
  dest_abroad: '出国出境',
  dest_military: '应征入伍',
  dest_unemployed: '待就业',
} as const;

const money = z.number().min(PLAUSIBLE_GRADUATE_MONTHLY_INCOME_CNY[0]).max(PLAUSIBLE_GRADUATE_MONTHLY_INCOME_CNY[1]);
const share = z.number().min(0).max(1);

/** Graduate outcomes of one school, major and graduation year (毕业生就业质量 data). */
export const graduateOutcomeRecordSchema = z
  .object({
    school_name: z.string().min(1).describe('学校名称 as written.'),
    school_code: schoolCodeSchema.optional().describe('学校标识码 (10 digits) when given.'),
    school_level: schoolLevelSchema.optional().describe('办学层次 of the graduates.'),
    major_code: majorCodeSchema.optional().describe('专业代码 (K/T suffixes stripped).'),
    major_name: z.string().min(1).optional().describe('专业名称 as written.'),
    graduation_year: yearSchema.describe('毕业年份.'),
    graduates: countSchema.describe('毕业生数: all graduates of the cohort.'),
    dest_contract: countSchema.optional().describe('协议和合同就业: graduates employed under an agreement or contract.'),
    dest_flexible: countSchema.optional().describe('灵活就业: flexible employment.'),
    dest_self_employed: countSchema.optional().describe('自主创业: started a business.'),
    dest_further_study: countSchema.optional().describe('升学: went on to further study in China.'),
    dest_abroad: countSchema.optional().describe('出国出境: study or work abroad.'),
    dest_military: countSchema.optional().describe('应征入伍: enlisted.'),
    dest_unemployed: countSchema.optional().describe('待就业: not yet placed.'),
    destination_region_code: regionCodeSchema
      .optional()
      .describe('Main destination division (GB/T 2260) when the row is split by destination.'),
    destination_region_text: z.string().optional().describe('Destination region as written, kept when no code matches.'),
    destination_industry_code: industryCodeSchema
      .optional()
      .describe('Destination industry (GB/T 4754) when the row is split by industry.'),
    destination_industry_text: z.string().optional().describe('Destination industry as written.'),
    salary_mean_monthly: money.optional().describe('月均收入: mean monthly salary of employed graduates, CNY.'),
    salary_median_monthly: money.optional().describe('月收入中位数: median monthly salary, CNY.'),
    major_relevance: share.optional().describe('专业相关度: share of employed graduates whose job matches the major (0–1).'),
    satisfaction: share.optional().describe('就业满意度: share satisfied with their job (0–1).'),
  })
  .describe('Graduate outcome row (毕业去向 counts, salary, 专业相关度, 满意度).');
export type GraduateOutcomeRecord = z.infer<typeof graduateOutcomeRecordSchema>;
