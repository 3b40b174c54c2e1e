// Public API of frameworks/: add explicit named exports here.
export { readCodeList, codeTree } from './code-list.js';
export type { CodeEntry, CodeTree } from './code-list.js';
export { frameworkSchema, frameworkGroupSchema, frameworkOverlapSchema, frameworkSourceSchema } from './framework-schema.js';
export type { Framework, FrameworkGroup, FrameworkOverlap, FrameworkSource } from './framework-schema.js';
export { validateFramework, canonicalCodes, sharedCodes } from './validate-framework.js';
export type { FrameworkIssue, FrameworkCodeLists } from './validate-framework.js';
export {
  readFrameworks,
  loadFrameworks,
  FrameworkValidationError,
  defaultFrameworksDir,
  defaultIndustryFile,
  defaultRegionFile,
} from './read-frameworks.js';
export type { FrameworkReadOptions, LoadedFrameworks } from './read-frameworks.js';
