import type { z } from 'zod';
import {
  enrollmentRecordSchema,
  graduateOutcomeRecordSchema,
  jobPostingRecordSchema,
  shortageEntrySchema,
  schoolRecordSchema,
  DESTINATION_FIELDS,
  type RecordKind,
} from '@talent/models';
import { fieldRules, type FieldRule } from './field-rules.js';
import { graduateIndustryRecordSchema, graduateRegionRecordSchema } from '@talent/models';

/** A rule across fields, restating a schema's superRefine in SQL over the prepared columns. */
export interface CrossCheck {
  column: string;
  /** SQL condition that is TRUE when the row is wrong; `{today}` is replaced by the load date. */
  when: string;
  reason: string;
}

/** Everything the loader needs to know about one record kind. */
export interface KindSpec {
  kind: RecordKind;
  schema: z.ZodType;
  rules: FieldRule[];
  rawTable: string;
  /**
   * True when the core insert also stores the text as mapped and `rawTable` is a view of it
   * (postings: millions of rows, so their text is written once).
   */
  rawInCore?: boolean;
  coreTable: string;
  /** Fields holding dates in any of the usual spellings, read into DATE values. */
  dateFields: string[];
  /**
   * Text fields that identify or code the record: a U+FFFD (bytes no decoder could read) there
   * rejects the row. Elsewhere (skills, descriptions) it is kept, since scrapers leave such marks.
   */
  keyText: string[];
  cross: CrossCheck[];
  /** Extra prepared columns computed across rows of the file (window functions over staging). */
  windowed?: string[];
}

const destSum = Object.keys(DESTINATION_FIELDS)
  .map((f) => `coalesce(${f}, 0)`)
  .join(' + ');

const specs: Partial<Record<RecordKind, Omit<KindSpec, 'rules'>>> = {
  job_posting: {
    kind: 'job_posting',
    schema: jobPostingRecordSchema,
    rawTable: 'raw.job_posting',
    rawInCore: true,
    coreTable: 'core.job_posting',
    dateFields: ['posted_date'],
    keyText: ['title', 'company', 'location_text', 'salary_text', 'education_text', 'experience_text', 'company_industry_text'],
    cross: [
      { column: 'salary_max_monthly', when: 'salary_min_monthly > salary_max_monthly', reason: 'salary maximum below minimum' },
      { column: 'posted_date', when: 'TRY_CAST(posted_date AS DATE) > {today}', reason: 'date in the future' },
    ],
  },
  enrollment: {
    kind: 'enrollment',
    schema: enrollmentRecordSchema,
    rawTable: 'raw.enrollment',
    coreTable: 'core.enrollment',
    dateFields: [],
    keyText: ['school_name', 'school_code', 'school_level', 'major_code', 'major_name'],
    windowed: [
      `CASE WHEN lag(TRY_CAST(trim("year") AS INTEGER)) OVER prev = TRY_CAST(trim("year") AS INTEGER) - 1
         THEN lag(TRY_CAST(trim("enrolled_total") AS DOUBLE)) OVER prev END AS __prev_total`,
    ],
    cross: [
      { column: 'major_name', when: 'major_code IS NULL AND major_name IS NULL', reason: 'major code or name is required' },
      // Graduates of year t were on last year's roll; a closing programme can graduate more than
      // it has left this year, so the test needs the previous year's row of the same major.
      {
        column: 'graduates',
        when: 'graduates > coalesce(enrolled_total, 0) + coalesce(enrolled_new, 0) AND graduates > coalesce(__prev_total, 0)',
        reason: "graduates exceed students enrolled (last year's roll)",
      },
      { column: 'year', when: 'year > year({today})', reason: 'year in the future' },
    ],
  },
  graduate_outcome: {
    kind: 'graduate_outcome',
    schema: graduateOutcomeRecordSchema,
    rawTable: 'raw.graduate_outcome',
    coreTable: 'core.graduate_outcome',
    dateFields: [],
    keyText: ['school_name', 'school_code', 'school_level', 'major_code', 'major_name'],
    cross: [
      { column: 'major_name', when: 'major_code IS NULL AND major_name IS NULL', reason: 'major code or name is required' },
      { column: 'graduates', when: `(${destSum}) > graduates`, reason: 'destination counts exceed graduates' },
      { column: 'graduation_year', when: 'graduation_year > year({today})', reason: 'year in the future' },
    ],
  },
  shortage: {
    kind: 'shortage',
    schema: shortageEntrySchema,
    rawTable: 'raw.shortage',
    coreTable: 'core.shortage_entry',
    dateFields: [],
    keyText: ['publisher', 'period', 'occupation_name', 'occupation_code'],
    cross: [
      { column: 'period', when: 'TRY_CAST(left(period, 4) AS INTEGER) > year({today})', reason: 'period in the future' },
      { column: 'shortfall', when: 'shortfall <> vacancies - job_seekers', reason: 'shortfall is not vacancies minus job seekers' },
    ],
  },
};

const schoolSpec: Omit<KindSpec, 'rules'> = {
  kind: 'school',
  schema: schoolRecordSchema,
  rawTable: 'raw.school',
  coreTable: 'core.school',
  dateFields: [],
  keyText: ['school_name', 'school_code'],
  cross: [],
};
specs.school = schoolSpec;

// Destination breakdowns of working graduates: one school (or school × major) cell per row.
specs.graduate_region = {
  kind: 'graduate_region',
  schema: graduateRegionRecordSchema,
  rawTable: 'raw.graduate_region',
  coreTable: 'core.graduate_region',
  dateFields: [],
  keyText: ['school_name', 'school_code', 'region_code', 'region_text'],
  cross: [
    { column: 'school_name', when: 'school_code IS NULL AND school_name IS NULL', reason: 'school code or name is required' },
    { column: 'region_text', when: 'region_code IS NULL AND region_text IS NULL', reason: 'region code or name is required' },
    { column: 'graduation_year', when: 'graduation_year > year({today})', reason: 'year in the future' },
  ],
};
specs.graduate_industry = {
  kind: 'graduate_industry',
  schema: graduateIndustryRecordSchema,
  rawTable: 'raw.graduate_industry',
  coreTable: 'core.graduate_industry',
  dateFields: [],
  keyText: ['school_name', 'school_code', 'school_level', 'major_code', 'major_name', 'industry_code', 'industry_text'],
  cross: [
    { column: 'school_name', when: 'school_code IS NULL AND school_name IS NULL', reason: 'school code or name is required' },
    { column: 'major_name', when: 'major_code IS NULL AND major_name IS NULL', reason: 'major code or name is required' },
    { column: 'industry_text', when: 'industry_code IS NULL AND industry_text IS NULL', reason: 'industry code or name is required' },
    { column: 'graduation_year', when: 'graduation_year > year({today})', reason: 'year in the future' },
  ],
};

const cache = new Map<RecordKind, KindSpec>();

/** The spec of a record kind, with field rules derived from its zod schema. */
export function kindSpec(kind: RecordKind): KindSpec {
  let spec = cache.get(kind);
  if (!spec) {
    const base = specs[kind]!;
    spec = { ...base, rules: fieldRules(base.schema) };
    cache.set(kind, spec);
  }
  return spec;
}
