// Public API of crosswalks/: add explicit named exports here.
export {
  majorOccupationRowSchema,
  occupationIndustryRowSchema,
  MAJOR_OCCUPATION_COLUMNS,
  OCCUPATION_INDUSTRY_COLUMNS,
} from './crosswalk-schema.js';
export type { MajorOccupationRecord, OccupationIndustryRecord } from './crosswalk-schema.js';
export { readCrosswalks, CrosswalkValidationError, WEIGHT_TOLERANCE } from './read-crosswalks.js';
export { majorKey } from './major-inputs.js';
export type { CrosswalkIssue } from './read-crosswalks.js';
export { deriveCrosswalks } from './build-crosswalks.js';
export {
  deriveMajorOccupation,
  deriveOccupationIndustry,
  normalizeWeights,
  isOccupation,
  occupationName,
  DEFAULT_DERIVE_OPTIONS,
} from './derive-crosswalks.js';
export type { DeriveOptions, CatalogMajors, MajorOccupationRow, OccupationIndustryRow } from './derive-crosswalks.js';
