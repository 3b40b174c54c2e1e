import { z } from 'zod';
import { schoolCodeSchema } from '../../schemas/common.js';

/**
 * One school of a school list such as the MOE 全国普通高等学校名单: the reference enrollment and
 * outcome returns are matched against (by 学校标识码, else by name).
 */
export const schoolRecordSchema = z
  .object({
    school_name: z.string().min(1).max(200).describe('学校名称.'),
    school_code: schoolCodeSchema.describe('学校标识码 (10 digits).'),
    authority: z.string().max(200).optional().describe('主管部门 (e.g. 教育部, 广西壮族自治区).'),
    location: z.string().max(200).optional().describe('所在地 (city) as written.'),
    level_text: z.string().max(50).optional().describe('办学层次 as the list writes it (本科, 专科).'),
    note: z.string().max(500).optional().describe('备注 (e.g. 民办, 中外合作办学).'),
  })
  .describe('School list entry.');
export type SchoolRecord = z.infer<typeof schoolRecordSchema>;
