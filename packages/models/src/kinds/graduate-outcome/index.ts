import { MAJOR_UNMATCHED, ONE_OF, SCHOOL_UNMATCHED, YEAR_NOT_IN_FUTURE } from '../shared-rules.js';
import { sqlModelFile, type KindDefinition } from '../kind.js';
import { DESTINATION_FIELDS, graduateOutcomeRecordSchema } from './schema.js';

const placed = Object.keys(DESTINATION_FIELDS)
  .map((f) => `coalesce(${f}, 0)`)
  .join(' + ');

/** Graduate outcomes of a school, major and cohort (毕业去向 counts, pay, 专业相关度, 满意度). */
export const graduateOutcome = {
  label: '毕业去向',
  schema: graduateOutcomeRecordSchema,
  checks: [
    ONE_OF('major_code', 'major_name', 'major'),
    { column: 'graduates', when: `(${placed}) > graduates`, reason: 'destination counts exceed graduates' },
    YEAR_NOT_IN_FUTURE('graduation_year'),
  ],
  rawTable: 'raw.graduate_outcome',
  coreTable: 'core.graduate_outcome',
  coreModel: sqlModelFile(new URL('./graduate_outcome.sql', import.meta.url)),
  dateFields: [],
  keyText: ['school_name', 'school_code', 'school_level', 'major_code', 'major_name'],
  unmatched: [MAJOR_UNMATCHED, SCHOOL_UNMATCHED],
} satisfies KindDefinition;
