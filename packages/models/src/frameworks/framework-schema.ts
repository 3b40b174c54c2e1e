import { z } from 'zod';
import { industryCodeSchema, regionCodeSchema, yearSchema } from '../schemas/common.js';

/** Identifier of a framework, group or overlap: lower snake case, stable across editions. */
const slugSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower snake_case identifier');

/** The policy document a framework is taken from. */
export const frameworkSourceSchema = z
  .object({
    file: z.string().min(1).describe('File name of the policy text in the seeds folder (e.g. 000_d28841c86bed7b00.txt).'),
    title: z.string().min(1).describe('Official title of the document, in Chinese.'),
    year: yearSchema.describe(
      'Year the document was issued (or, where the text carries no date, the year its own timetable implies; see note).',
    ),
    document_number: z.string().min(1).optional().describe('文号 such as 桂政发〔2023〕13号, when the text gives one.'),
    note: z.string().min(1).optional().describe('How the year or title was established when the text itself is incomplete.'),
  })
  .strict();

/** One named group of a framework (one 名片, one 产业, one 联合体 …). */
export const frameworkGroupSchema = z
  .object({
    group_code: slugSchema.describe('Stable identifier of the group inside its framework (e.g. new_energy_vehicles).'),
    group_name: z.string().min(1).describe('Name of the group exactly as the policy text words it, in Chinese.'),
    tier: z.string().min(1).optional().describe('Sub-list the text puts the group in, e.g. 传统产业 or 新兴产业 for 柳州 5+5.'),
    city_code: regionCodeSchema
      .optional()
      .describe('GB/T 2260 six-digit code of the prefecture city the group belongs to (市域产教联合体 only).'),
    industry_codes: z
      .array(industryCodeSchema)
      .min(1)
      .describe('GB/T 4754-2017 codes (门类 letter or 2/3/4 digits) that make up the group, each at the most precise level we can defend.'),
    quote: z.string().min(1).describe('The phrase of the source text that names the group, copied verbatim.'),
    note: z.string().min(1).describe('Every judgement made in choosing the codes: what was included, left out, and why.'),
  })
  .strict();

/** A declared overlap: codes that two groups of the same framework both cover. */
export const frameworkOverlapSchema = z
  .object({
    groups: z.tuple([slugSchema, slugSchema]).describe('The two group_code values that overlap (order irrelevant).'),
    industry_codes: z
      .array(industryCodeSchema)
      .min(1)
      .describe('The codes both groups cover, at the more precise of the two levels involved; must equal what the codes imply.'),
    note: z.string().min(1).describe('Why the overlap is intended, and how a reader should avoid double counting.'),
  })
  .strict();

/**
 * A policy industry framework as data: a named list of groups, each defined by GB/T 4754 codes,
 * from one policy document. One JSON file per framework in `datasets/reference/frameworks/`.
 */
export const frameworkSchema = z
  .object({
    framework: slugSchema.describe('Identifier of the framework; equals the file name without .json (e.g. lz_5plus5).'),
    name: z.string().min(1).describe('Chinese name of the framework as the bureau knows it (e.g. 柳州市“5+5”产业).'),
    region_code: regionCodeSchema.describe('GB/T 2260 code of the government that issued the framework (province or city).'),
    source: frameworkSourceSchema.describe('The policy document the groups are taken from.'),
    expected_group_count: z
      .number()
      .int()
      .positive()
      .describe('How many groups the text itself announces (九张 = 9, 5+5 = 10 …); checked against groups.'),
    groups: z.array(frameworkGroupSchema).min(1).describe('The groups, in the order the text lists them.'),
    overlaps: z
      .array(frameworkOverlapSchema)
      .default([])
      .describe('Every pair of groups whose codes intersect; an intersection not declared here is an error.'),
  })
  .strict();

export type FrameworkSource = z.infer<typeof frameworkSourceSchema>;
export type FrameworkGroup = z.infer<typeof frameworkGroupSchema>;
export type FrameworkOverlap = z.infer<typeof frameworkOverlapSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
