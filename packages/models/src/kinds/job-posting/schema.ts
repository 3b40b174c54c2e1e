import { z } from 'zod';
import { isoDateSchema } from '../../schemas/common.js';
import {
  PLAUSIBLE_EXPERIENCE_YEARS,
  PLAUSIBLE_HEADCOUNT,
  PLAUSIBLE_MONTHLY_PAY_CNY,
  PLAUSIBLE_MONTHS_PAID,
} from '../../schemas/plausibility.js';

/**
 * Education requirement levels a posting is coded to: unrestricted (学历不限), junior_secondary
 * (初中及以下), senior_secondary (高中/中专/中技/职高), associate (大专), bachelor (本科), master (硕士),
 * doctorate (博士). The keys are the posting normalisers' output vocabulary.
 */
export const EDUCATION_LEVELS = [
  'unrestricted',
  'junior_secondary',
  'senior_secondary',
  'associate',
  'bachelor',
  'master',
  'doctorate',
] as const;
export const educationLevelSchema = z
  .enum(EDUCATION_LEVELS)
  .describe('Coded education requirement (unrestricted, junior_secondary, senior_secondary, associate, bachelor, master, doctorate).');
export type EducationLevel = z.infer<typeof educationLevelSchema>;

/**
 * A job posting as read from a board or bureau file, after column mapping and before coding.
 * Text fields keep what the source wrote; parsed fields are filled by the normalisers.
 */
export const jobPostingRecordSchema = z
  .object({
    source: z.string().min(1).describe('Source id from the mapping file (e.g. bosszhipin_2022).'),
    source_id: z.string().optional().describe("The board's own id or URL of the posting, when it has one."),
    title: z.string().min(1).max(500).describe('职位名称 as written.'),
    company: z.string().max(500).optional().describe('公司名称.'),
    company_industry_text: z
      .string()
      .max(2000)
      .optional()
      .describe('公司行业 text as written (platform categories, sometimes polluted with funding stage).'),
    company_size_text: z.string().max(200).optional().describe('公司规模 text, e.g. 1000-9999人.'),
    location_text: z.string().max(500).optional().describe('工作地点 as written (城市-区, 北京·海淀区·中关村, 广西南宁良庆区…).'),
    salary_text: z.string().max(200).optional().describe('薪资 as written (12-18K·13薪, 1-1.5万/月, 150元/天, 面议).'),
    salary_min_monthly: z
      .number()
      .min(PLAUSIBLE_MONTHLY_PAY_CNY[0])
      .max(PLAUSIBLE_MONTHLY_PAY_CNY[1])
      .optional()
      .describe('Parsed lower bound, CNY per month.'),
    salary_max_monthly: z
      .number()
      .min(PLAUSIBLE_MONTHLY_PAY_CNY[0])
      .max(PLAUSIBLE_MONTHLY_PAY_CNY[1])
      .optional()
      .describe('Parsed upper bound, CNY per month.'),
    salary_months: z
      .number()
      .int()
      .min(PLAUSIBLE_MONTHS_PAID[0])
      .max(PLAUSIBLE_MONTHS_PAID[1])
      .optional()
      .describe('薪数 per year when stated (·13薪).'),
    education_text: z.string().max(200).optional().describe('学历要求 as written.'),
    education: educationLevelSchema.optional().describe('Coded education requirement.'),
    experience_text: z.string().max(200).optional().describe('经验要求 as written (1-3年, 经验不限, 在校/应届).'),
    experience_min_years: z
      .number()
      .min(PLAUSIBLE_EXPERIENCE_YEARS[0])
      .max(PLAUSIBLE_EXPERIENCE_YEARS[1])
      .optional()
      .describe('Parsed minimum years of experience.'),
    experience_max_years: z
      .number()
      .min(PLAUSIBLE_EXPERIENCE_YEARS[0])
      .max(PLAUSIBLE_EXPERIENCE_YEARS[1])
      .optional()
      .describe('Parsed maximum years (absent when open-ended).'),
    headcount: z.number().int().min(PLAUSIBLE_HEADCOUNT[0]).max(PLAUSIBLE_HEADCOUNT[1]).optional().describe('招聘人数 when stated.'),
    skills: z.string().optional().describe('Skills or tags, one string, separated by commas or newlines as read.'),
    description: z.string().optional().describe('岗位描述 / 任职要求 text.'),
    posted_date: isoDateSchema.optional().describe('发布日期 as YYYY-MM-DD.'),
  })
  .describe('Job posting record (demand side).');
export type JobPostingRecord = z.infer<typeof jobPostingRecordSchema>;
