import { sqlModelFile, type KindDefinition } from '../kind.js';
import { schoolRecordSchema } from './schema.js';

/** School lists (the MOE 全国普通高等学校名单) that enrollment and outcome rows are matched against. */
export const school = {
  label: '学校名单',
  schema: schoolRecordSchema,
  checks: [],
  rawTable: 'raw.school',
  coreTable: 'core.school',
  coreModel: sqlModelFile(new URL('./school.sql', import.meta.url)),
  dateFields: [],
  keyText: ['school_name', 'school_code'],
  multilineText: ['note'],
  unmatched: [],
} satisfies KindDefinition;
