import { sqlModelFile, type KindDefinition } from '../kind.js';
import { PERIOD_NOT_IN_FUTURE } from '../shared-rules.js';
import { occupationGroupRecordSchema } from './schema.js';

/** Rows of the public employment services' tables by occupation group (按职业分组的供求人数). */
export const occupationGroup = {
  label: '按职业分组供求登记',
  schema: occupationGroupRecordSchema,
  checks: [
    PERIOD_NOT_IN_FUTURE,
    {
      column: 'group_code',
      when: "group_code IS NOT NULL AND NOT regexp_full_match(group_code, '[0-9]-00-00-00')",
      reason: 'group code is not a 大典 大类 code (X-00-00-00)',
    },
  ],
  rawTable: 'raw.occupation_group',
  coreTable: 'core.occupation_group_entry',
  coreModel: sqlModelFile(new URL('./occupation_group_entry.sql', import.meta.url)),
  dateFields: [],
  keyText: ['publisher', 'period', 'group_name', 'group_code'],
  unmatched: [{ what: 'occupations', label: 'group_name', where: "row_kind = 'unknown'" }],
} satisfies KindDefinition;
