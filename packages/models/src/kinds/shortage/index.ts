import { sqlModelFile, type KindDefinition } from '../kind.js';
import { PERIOD_NOT_IN_FUTURE } from '../shared-rules.js';
import { shortageEntrySchema } from './schema.js';

/** Lines of shortage-occupation rankings (最缺工职业排行). */
export const shortage = {
  label: '缺工排行',
  schema: shortageEntrySchema,
  checks: [
    PERIOD_NOT_IN_FUTURE,
    { column: 'shortfall', when: 'shortfall <> vacancies - job_seekers', reason: 'shortfall is not vacancies minus job seekers' },
  ],
  rawTable: 'raw.shortage',
  coreTable: 'core.shortage_entry',
  coreModel: sqlModelFile(new URL('./shortage_entry.sql', import.meta.url)),
  dateFields: [],
  keyText: ['publisher', 'period', 'occupation_name', 'occupation_code'],
  unmatched: [{ what: 'occupations', label: 'occupation_name', where: 'NOT occupation_matched' }],
} satisfies KindDefinition;
