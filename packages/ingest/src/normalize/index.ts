// Posting normalisers: pure functions over strings plus SQL for duplicate detection.
export { toHalfWidth, unwrapListLiteral, memoize } from './text.js';
export {
  parseSalary,
  salaryFromParts,
  PAID_DAYS_PER_MONTH,
  PAID_HOURS_PER_MONTH,
  WEEKS_PER_MONTH,
  PLAUSIBLE_MONTHLY_CNY,
} from './salary.js';
export type { SalaryParse, SalaryPeriod, SalaryUnknownReason } from './salary.js';
export { loadRegions, loadIndustries, loadOccupations, readDictionary } from './reference-lists.js';
export type { Region, Industry, Occupation } from './reference-lists.js';
export { buildLocationMatcher, createLocationNormaliser, normaliseLocation, regionAliases } from './location.js';
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
export { buildIndustryMatcher, loadIndustryDictionary, loadIndustryTree, normaliseIndustry } from './industry.js';
export type { IndustryMatch, IndustryMethod, IndustryNode, IndustryTerm, IndustryUnknownReason } from './industry.js';
export { normaliseTitle } from './title.js';
export { buildOccupationCoder, codeOccupation, loadOccupationAliases, occupationLevel, occupationPrefix } from './occupation.js';
export type { OccupationMatch, OccupationAlias, OccupationCoderOptions, OccupationLevel } from './occupation.js';
export { dedupeSql, markDuplicates, normaliseCompany, DEFAULT_DUPLICATE_WINDOW_DAYS } from './dedupe.js';
export type { DedupeColumns, DedupeOptions, DedupeResult } from './dedupe.js';
