// Public API of taxonomy/: national code lists (GB/T 4754, 职业分类大典 2022, GB/T 2260, majors).
export { readCodeLists, formatTotals, CODE_LISTS_MANIFEST } from './read-code-lists.js';
export type { CodeListsResult, CodeListTotal, CodeTrees } from './read-code-lists.js';
export { codeTree } from './code-tree.js';
export type { CodeEntry, CodeTree } from './code-tree.js';
export { ReferenceDataError } from './reference-data-error.js';
export { CODE_LIST_COLUMNS, RECONCILIATION_FILE_COLUMNS, CODE_SCHEMES, CodeListsManifestSchema } from './manifest.js';
export type { CodeListsManifest, ListManifest, CodeScheme } from './manifest.js';
export {
  INDUSTRY_LEVELS,
  OCCUPATION_LEVELS,
  REGION_LEVELS,
  MAJOR_LEVELS,
  MAJOR_CATALOGS,
  industryLevelOf,
  industryParentOf,
  occupationLevelOf,
  occupationParentOf,
  regionLevelOf,
  regionParentOf,
  regionProvinceOf,
  majorLevelOf,
  majorParentOf,
  splitMajorCode,
} from './code-shapes.js';
export type { IndustryLevel, OccupationLevel, RegionLevel, MajorLevel, MajorCatalog } from './code-shapes.js';
