/**
 * @talent/models: the domain vocabulary shared by every package — record schemas, national code
 * lists, policy industry frameworks, crosswalks and the DuckDB warehouse layout.
 */
export * from './config.js';
export * from './schemas/index.js';
export * from './kinds/index.js';
export * from './taxonomy/index.js';
export * from './frameworks/index.js';
export * from './crosswalks/index.js';
export * from './warehouse/index.js';
export * from './csv/index.js';
export * from './projection/index.js';
export * from './suggest.js';
