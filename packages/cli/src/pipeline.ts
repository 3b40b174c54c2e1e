import type { Config, Warehouse } from '@talent/models';

/** What one stage of the nightly pipeline did, for the printed summary and `meta.runs`. */
export interface StageResult {
  stage: string;
  /** Whether the stage wrote anything to the warehouse or the outputs. */
  changed: boolean;
  /** Human-readable lines printed after the stage. */
  lines: string[];
  /** Figures recorded in `meta.runs.summary`. */
  figures: Record<string, unknown>;
}

/** Everything a stage may use; stages talk to each other only through the warehouse. */
export interface PipelineContext {
  wh: Warehouse;
  runId: string;
  config: Config;
  log: (line: string) => void;
}

export interface Stage {
  name: string;
  run(ctx: PipelineContext): Promise<StageResult>;
}
