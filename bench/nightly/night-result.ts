/** What one night of the nightly benchmark measured (written by night.ts, read by nightly.ts). */
export interface NightResult {
  /** Wall seconds of the run inside its process (from before the lock to the recorded end). */
  seconds: number;
  /** Peak resident set of the process, DuckDB's buffers included. */
  peakRssMb: number;
  status: string;
  stages: { stage: string; seconds: number; rows: number; changed: boolean }[];
  rowsLoaded: number;
}
