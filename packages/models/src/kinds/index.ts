// Public API of kinds/: one folder per record kind, and the registry of them.
export { KINDS, RECORD_KINDS, kindDefinition } from './registry.js';
export type { RecordKind } from './registry.js';
export { sqlModelFile } from './kind.js';
export type { KindDefinition, CrossCheck, UnmatchedFigure, SqlModelFile } from './kind.js';
export { enrollmentRecordSchema } from './enrollment/schema.js';
export type { EnrollmentRecord } from './enrollment/schema.js';
export { graduateOutcomeRecordSchema, DESTINATION_FIELDS } from './graduate-outcome/schema.js';
export type { GraduateOutcomeRecord } from './graduate-outcome/schema.js';
export { graduateRegionRecordSchema } from './graduate-region/schema.js';
export type { GraduateRegionRecord } from './graduate-region/schema.js';
export { graduateIndustryRecordSchema } from './graduate-industry/schema.js';
export type { GraduateIndustryRecord } from './graduate-industry/schema.js';
export { shortageEntrySchema, periodSchema } from './shortage/schema.js';
export type { ShortageEntry } from './shortage/schema.js';
export { jobPostingRecordSchema, educationLevelSchema, EDUCATION_LEVELS } from './job-posting/schema.js';
export type { JobPostingRecord, EducationLevel } from './job-posting/schema.js';
export { schoolRecordSchema } from './school/schema.js';
export type { SchoolRecord } from './school/schema.js';
