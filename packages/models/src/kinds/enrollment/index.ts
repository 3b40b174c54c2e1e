import { MAJOR_UNMATCHED, SCHOOL_UNMATCHED, YEAR_NOT_IN_FUTURE } from '../shared-rules.js';
import { sqlModelFile, type KindDefinition } from '../kind.js';
import { enrollmentRecordSchema } from './schema.js';

/** Enrollment returns of schools: admitted, enrolled and graduating students by major and year. */
export const enrollment = {
  label: '招生在校',
  schema: enrollmentRecordSchema,
  checks: [
    { column: 'major_name', when: 'major_code IS NULL AND major_name IS NULL', reason: 'major code or name is required' },
    // Graduates of year t were on last year's roll; a closing programme can graduate more than it
    // has left this year, so the test needs the previous year's row of the same major.
    {
      column: 'graduates',
      when: 'graduates > coalesce(enrolled_total, 0) + coalesce(enrolled_new, 0) AND graduates > coalesce(__prev_total, 0)',
      reason: "graduates exceed students enrolled (last year's roll)",
    },
    YEAR_NOT_IN_FUTURE('year'),
  ],
  rawTable: 'raw.enrollment',
  coreTable: 'core.enrollment',
  coreModel: sqlModelFile(new URL('./enrollment.sql', import.meta.url)),
  dateFields: [],
  keyText: ['school_name', 'school_code', 'school_level', 'major_code', 'major_name'],
  windowed: {
    partitionBy: 'coalesce("school_code", "school_name"), coalesce("major_code", "major_name")',
    orderBy: 'TRY_CAST(trim("year") AS INTEGER)',
    columns: {
      __prev_total: `CASE WHEN lag(TRY_CAST(trim("year") AS INTEGER)) OVER prev = TRY_CAST(trim("year") AS INTEGER) - 1
        THEN lag(TRY_CAST(trim("enrolled_total") AS DOUBLE)) OVER prev END`,
    },
  },
  unmatched: [MAJOR_UNMATCHED, SCHOOL_UNMATCHED],
} satisfies KindDefinition;
