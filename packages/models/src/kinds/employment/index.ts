import { ONE_OF, YEAR_NOT_IN_FUTURE } from '../shared-rules.js';
import { sqlModelFile, type KindDefinition } from '../kind.js';
import { employmentRecordSchema } from './schema.js';

/** Employment by region and industry from statistical yearbooks: the history industry projections start from. */
export const employment = {
  label: '就业人员',
  schema: employmentRecordSchema,
  checks: [YEAR_NOT_IN_FUTURE('year'), ONE_OF('region_code', 'region_text', 'region')],
  rawTable: 'raw.employment',
  coreTable: 'core.employment',
  coreModel: sqlModelFile(new URL('./employment.sql', import.meta.url)),
  dateFields: [],
  keyText: ['region_code', 'region_text', 'industry_code', 'industry_text'],
  unmatched: [
    { what: 'regions', label: 'region_text', where: 'NOT region_matched' },
    { what: 'industries', label: 'industry_text', where: 'NOT industry_matched' },
  ],
} satisfies KindDefinition;
