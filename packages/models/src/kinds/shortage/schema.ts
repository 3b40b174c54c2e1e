import { z } from 'zod';
import { countSchema, occupationCodeSchema, regionCodeSchema } from '../../schemas/common.js';

/** A reporting period: a year, a quarter (2022Q1) or a month (2022-03). */
export const periodSchema = z.string().regex(/^\d{4}(?:Q[1-4]|-\d{2}|H[12])?$/, 'period like 2022, 2022Q1, 2022H1 or 2022-03');

/** One line of a 缺工/紧缺 occupation ranking (e.g. 人社部 "最缺工"的100个职业排行). */
export const shortageEntrySchema = z
  .object({
    publisher: z.string().min(1).describe('Who published the ranking (e.g. 人力资源和社会保障部, a provincial 人社厅).'),
    period: periodSchema.describe('Period the ranking covers (2022Q1, 2022H1, 2022 or 2022-03).'),
    rank: z.number().int().positive().describe('排位: 1 = most short.'),
    occupation_name: z.string().min(1).describe('职业名称 as published.'),
    occupation_code: occupationCodeSchema.optional().describe('职业代码 (大典 2022) as published or matched by name.'),
    region_code: regionCodeSchema.optional().describe('Division the ranking is for (GB/T 2260); absent for a national list.'),
    job_seeker_ratio: z.number().nonnegative().optional().describe('求人倍率: vacancies per job seeker, when given.'),
    vacancies: countSchema.optional().describe('招聘需求人数: vacancies registered in the period, when given.'),
    job_seekers: countSchema.optional().describe('求职人数: job seekers registered in the period, when given.'),
    shortfall: z.number().int().optional().describe('缺口数: vacancies minus job seekers, when given.'),
    previous_rank: z.number().int().positive().optional().describe('上期排名: rank in the previous period; absent when not ranked then.'),
    source_url: z.string().optional().describe('Where the ranking was read.'),
  })
  .describe('Shortage-list entry (rank, occupation, period).');
export type ShortageEntry = z.infer<typeof shortageEntrySchema>;
