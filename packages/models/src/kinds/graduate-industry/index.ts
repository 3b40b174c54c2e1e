import { MAJOR_UNMATCHED, ONE_OF, SCHOOL_UNMATCHED, YEAR_NOT_IN_FUTURE } from '../shared-rules.js';
import { sqlModelFile, type KindDefinition } from '../kind.js';
import { graduateIndustryRecordSchema } from './schema.js';

/** Working graduates of a school, major and cohort by GB/T 4754 section (毕业去向行业). */
export const graduateIndustry = {
  label: '毕业去向行业',
  schema: graduateIndustryRecordSchema,
  checks: [
    ONE_OF('school_code', 'school_name', 'school'),
    ONE_OF('major_code', 'major_name', 'major'),
    ONE_OF('industry_code', 'industry_text', 'industry'),
    YEAR_NOT_IN_FUTURE('graduation_year'),
  ],
  rawTable: 'raw.graduate_industry',
  coreTable: 'core.graduate_industry',
  coreModel: sqlModelFile(new URL('./graduate_industry.sql', import.meta.url)),
  dateFields: [],
  keyText: ['school_name', 'school_code', 'school_level', 'major_code', 'major_name', 'industry_code', 'industry_text'],
  unmatched: [
    { what: 'industries', label: 'coalesce(industry_code, industry_text)', where: 'NOT industry_matched' },
    MAJOR_UNMATCHED,
    SCHOOL_UNMATCHED,
  ],
} satisfies KindDefinition;
