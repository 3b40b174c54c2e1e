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
  /** Rows the stage wrote, for `meta.runs.stages` (0 when absent). */
  rows?: number;
  /**
   * What went wrong without stopping the run (a source that failed while the others loaded): the
   * run then ends `partial`.
   */
  problems?: string[];
}

/** A progress bar of a long stage (a no-op off a terminal). */
export interface Progress {
  tick(label?: string): void;
  stop(): void;
}

/** Everything a stage may use; stages talk to each other only through the warehouse. */
export interface PipelineContext {
  wh: Warehouse;
  runId: string;
  config: Config;
  log: (line: string) => void;
  /** A progress bar over `total` steps. */
  progress?: (label: string, total: number) => Progress;
}

export interface Stage {
  name: string;
  run(ctx: PipelineContext): Promise<StageResult>;
}
