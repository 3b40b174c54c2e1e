// Public API of frameworks/: add explicit named exports here.
export { frameworkSchema, frameworkGroupSchema, frameworkOverlapSchema, frameworkSourceSchema } from './framework-schema.js';
export type { Framework, FrameworkGroup, FrameworkOverlap, FrameworkSource } from './framework-schema.js';
export { validateFramework, canonicalCodes, sharedCodes } from './validate-framework.js';
export type { FrameworkIssue, FrameworkCodeLists } from './validate-framework.js';
export { readFrameworks, loadFrameworks, FrameworkValidationError } from './read-frameworks.js';
export type { LoadedFrameworks } from './read-frameworks.js';
