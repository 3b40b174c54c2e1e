/**
 * @talent/client: the published warehouse snapshot for analysts' notebooks, read-only, as Arrow
 * tables or danfojs DataFrames; and the DuckDB-to-Arrow conversion `talent export` writes Arrow
 * IPC files with.
 */
export { openSnapshot, type OpenSnapshotOptions, type Snapshot } from './snapshot.js';
export { arrowSchemaOf, arrowTypeOf, recordBatchOf } from './arrow-from-duckdb.js';
export { writeArrowFile, type ArrowFileSummary } from './arrow-file.js';
export { frameFromArrow } from './frame.js';
