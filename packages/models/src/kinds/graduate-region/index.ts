import { ONE_OF, SCHOOL_UNMATCHED, YEAR_NOT_IN_FUTURE } from '../shared-rules.js';
import { sqlModelFile, type KindDefinition } from '../kind.js';
import { graduateRegionRecordSchema } from './schema.js';

/** Working graduates of a school and cohort by the region they work in (毕业去向地区). */
export const graduateRegion = {
  label: '毕业去向地区',
  schema: graduateRegionRecordSchema,
  checks: [
    ONE_OF('school_code', 'school_name', 'school'),
    ONE_OF('region_code', 'region_text', 'region'),
    YEAR_NOT_IN_FUTURE('graduation_year'),
  ],
  rawTable: 'raw.graduate_region',
  coreTable: 'core.graduate_region',
  coreModel: sqlModelFile(new URL('./graduate_region.sql', import.meta.url)),
  dateFields: [],
  keyText: ['school_name', 'school_code', 'region_code', 'region_text'],
  unmatched: [{ what: 'regions', label: 'coalesce(region_code, region_text)', where: 'NOT region_matched' }, SCHOOL_UNMATCHED],
} satisfies KindDefinition;
