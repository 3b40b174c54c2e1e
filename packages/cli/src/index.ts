// Public API of @talent/cli: the pipeline, its stages and its scheduler, for tests and embedding.
export { runPipeline, STAGES } from './commands/run.js';
export type { RunOptions, RunSummary } from './commands/run.js';
export { warehouseDocs } from './commands/docs.js';
export { ingestCommand } from './commands/ingest.js';
export { ingestStage } from './stages/ingest.js';
export type { IngestStageOptions } from './stages/ingest.js';
export { referenceStage } from './stages/reference.js';
export { projectionStage } from './stages/projection.js';
export { scheduleNightly, DEFAULT_NIGHTLY_CRON } from './schedule/nightly.js';
export { withRunLock } from './run-lock.js';
export type { Stage, StageResult, PipelineContext } from './pipeline.js';
export { EXIT, exitCodeFor } from './exit-codes.js';
export type { ExitCode } from './exit-codes.js';
