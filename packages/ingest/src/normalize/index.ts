// Posting normalisers: pure functions over strings, and the coders built from reference data.
export { toHalfWidth, unwrapListLiteral, memoize } from './text.js';
export { parseSalary, salaryFromParts, PAID_DAYS_PER_MONTH, PAID_HOURS_PER_MONTH, WEEKS_PER_MONTH } from './salary.js';
export type { SalaryParse, SalaryPeriod, SalaryUnknownReason } from './salary.js';
export { readCoderReference, coderReferenceFromTrees } from './reference.js';
export type { CoderReference, CoderReferencePaths, Region, IndustryNode, IndustryTerm, Occupation, OccupationAlias } from './reference.js';
export { buildCoders } from './coders.js';
export type { Coders } from './coders.js';
export { buildLocationMatcher, createLocationNormaliser, regionAliases } from './location.js';
export type { LocationMatch, LocationLevel, LocationMatcher, LocationNormaliser } from './location.js';
export {
  EDUCATION_LABELS,
  EXPERIENCE_BANDS,
  EXPERIENCE_LABELS,
  educationRank,
  experienceRank,
  parseEducation,
  parseExperience,
  parseRequirements,
} from './requirements.js';
export type { ExperienceBand, ExperienceParse, Requirements, RequirementCells } from './requirements.js';
export { buildIndustryMatcher } from './industry.js';
export type { IndustryMatch, IndustryMatcher, IndustryMethod, IndustryUnknownReason } from './industry.js';
export { buildTitleNormaliser } from './title.js';
export type { TitleNormaliser } from './title.js';
export { buildOccupationCoder, occupationLevel, occupationPrefix } from './occupation.js';
export type { OccupationMatch, OccupationCoder, OccupationCoderOptions, OccupationLevel } from './occupation.js';
export { normaliseCompany } from './company.js';
