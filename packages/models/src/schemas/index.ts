// Public API of schemas/: field shapes shared by the record kinds, plausibility bounds, source mappings.
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
  schoolCodeSchema,
  nameSchema,
} from './common.js';
export type { SchoolLevel } from './common.js';
export {
  PLAUSIBLE_MONTHLY_PAY_CNY,
  PLAUSIBLE_GRADUATE_MONTHLY_INCOME_CNY,
  PLAUSIBLE_MONTHS_PAID,
  PLAUSIBLE_EXPERIENCE_YEARS,
  PLAUSIBLE_HEADCOUNT,
} from './plausibility.js';
export {
  sourceMappingSchema,
  mappingTransformSchema,
  recordKindSchema,
  unpivotSchema,
  preambleRuleSchema,
  extractRuleSchema,
  explainRuleSchema,
} from './source-mapping.js';
export type { SourceMapping, SourceMappingInput, MappingTransform } from './source-mapping.js';
