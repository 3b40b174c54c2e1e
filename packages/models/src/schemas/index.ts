// Public API of schemas/: add explicit named exports here.
export {
  SCHOOL_LEVELS,
  schoolLevelSchema,
  countSchema,
  yearSchema,
  regionCodeSchema,
  industryCodeSchema,
  occupationCodeSchema,
  majorCodeSchema,
  isoDateSchema,
} from './common.js';
export type { SchoolLevel } from './common.js';
export { enrollmentRecordSchema } from './enrollment.js';
export type { EnrollmentRecord } from './enrollment.js';
export { graduateOutcomeRecordSchema, DESTINATION_FIELDS } from './graduate-outcome.js';
export type { GraduateOutcomeRecord } from './graduate-outcome.js';
export { graduateRegionRecordSchema, graduateIndustryRecordSchema } from './graduate-flow.js';
export type { GraduateRegionRecord, GraduateIndustryRecord } from './graduate-flow.js';
export { shortageEntrySchema, periodSchema } from './shortage-entry.js';
export type { ShortageEntry } from './shortage-entry.js';
export { jobPostingRecordSchema, educationLevelSchema, EDUCATION_LEVELS } from './job-posting.js';
export type { JobPostingRecord, EducationLevel } from './job-posting.js';
export { schoolRecordSchema } from './school.js';
export type { SchoolRecord } from './school.js';
export { sourceMappingSchema, mappingTransformSchema, recordKindSchema, RECORD_KINDS } from './source-mapping.js';
export type { SourceMapping, SourceMappingInput, MappingTransform, RecordKind } from './source-mapping.js';
