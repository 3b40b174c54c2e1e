import { sqlModelFile, type KindDefinition } from '../kind.js';
import { jobPostingRecordSchema } from './schema.js';

/** Job postings of boards and bureau files (the demand side). */
export const jobPosting = {
  label: '招聘岗位',
  schema: jobPostingRecordSchema,
  checks: [
    { column: 'salary_max_monthly', when: 'salary_min_monthly > salary_max_monthly', reason: 'salary maximum below minimum' },
    { column: 'posted_date', when: 'TRY_CAST(posted_date AS DATE) > {today}', reason: 'date in the future' },
  ],
  rawTable: 'raw.job_posting',
  coreTable: 'core.job_posting_codes',
  coreModel: sqlModelFile(new URL('./job_posting_codes.sql', import.meta.url)),
  dateFields: ['posted_date'],
  keyText: ['title', 'company', 'location_text', 'salary_text', 'education_text', 'experience_text', 'company_industry_text'],
  multilineText: ['description', 'skills'],
  unmatched: [],
  models: [sqlModelFile(new URL('./duplicate_key.sql', import.meta.url))],
} satisfies KindDefinition;
