// Public API of crosswalks/: add explicit named exports here.
export {
  majorOccupationRowSchema,
  occupationIndustryRowSchema,
  MAJOR_OCCUPATION_COLUMNS,
  OCCUPATION_INDUSTRY_COLUMNS,
} from './crosswalk-schema.js';
export type { MajorOccupationRecord, OccupationIndustryRecord } from './crosswalk-schema.js';
export {
  readCrosswalks,
  CrosswalkValidationError,
  WEIGHT_TOLERANCE,
  defaultCrosswalksDir,
  defaultOverridesDir,
} from './read-crosswalks.js';
export type { CrosswalkIssue, CrosswalkReadOptions } from './read-crosswalks.js';
export {
  deriveMajorOccupation,
  deriveOccupationIndustry,
  normalizeWeights,
  isOccupation,
  occupationName,
  DEFAULT_DERIVE_OPTIONS,
} from './derive-crosswalks.js';
export type { DeriveOptions, CatalogMajors, MajorOccupationRow, OccupationIndustryRow } from './derive-crosswalks.js';
