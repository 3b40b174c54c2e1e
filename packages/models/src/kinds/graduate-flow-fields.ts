import { countSchema, nameSchema, schoolCodeSchema } from '../schemas/common.js';

// The two breakdowns a 毕业生就业质量年度报告 publishes of its working graduates (协议和合同就业 +
// 灵活就业 + 自主创业): where they went and which industries took them. Each row is one cell of
// such a table; the totals are reconciled against graduate_outcome after loading.

/** 学校名称 of a breakdown row (optional: a file may give only the code). */
export const flowSchoolName = nameSchema.optional().describe('学校名称 as written (the school list gives it when only the code is sent).');

/** 学校标识码 of a breakdown row. */
export const flowSchoolCode = schoolCodeSchema.optional().describe('学校标识码 (10 digits) when given.');

/** 就业人数 of one cell of a breakdown. */
export const flowEmployed = countSchema.describe('就业人数: working graduates of this cell.');
