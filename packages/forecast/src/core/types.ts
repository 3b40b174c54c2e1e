/** Names of the single models and combinations that {@link forecast} can run. */
export type MethodName =
  'naive' | 'drift' | 'snaive' | 'mean' | 'ses' | 'holt' | 'damped' | 'ets' | 'theta' | 'dotm' | 'arima' | 'comb' | 'auto';

/** Options for one forecast. */
export interface ForecastOptions {
  /** Forecast horizon (steps after the last element of the input). */
  h: number;
  /** Model or combination to use; `auto` is the engine's recommended combination. Default `auto`. */
  method?: MethodName;
  /** Interval levels in percent; 80 and 95 are always filled in the fixed fields. */
  level?: number[];
  /** Counts and other quantities that cannot go below zero: clamp means and bounds at 0. */
  nonNegative?: boolean;
  /** Seasonal period (12 for monthly, 1 or absent for annual). */
  period?: number;
  /** Indices of known one-off shocks (e.g. the position of 2020); replaced before fitting. */
  shocks?: number[];
  /** Detect an isolated one-off spike automatically and replace it before fitting. Default true. */
  adjustShocks?: boolean;
}

/** One prediction interval at a given level. */
export interface Interval {
  level: number;
  lower: Float64Array;
  upper: Float64Array;
}

/** The result of one forecast: point forecasts, intervals, the method used and its fitted parameters. */
export interface ForecastResult {
  mean: Float64Array;
  lower80: Float64Array;
  upper80: Float64Array;
  lower95: Float64Array;
  upper95: Float64Array;
  /** Every requested level (always includes 80 and 95). */
  intervals: Interval[];
  /** The method actually used (may differ from the requested one under the short-series rules). */
  method: string;
  /** Fitted parameters of the model (or of each member of a combination). */
  params: Record<string, unknown>;
  /** Which data rules applied (missing values, shocks, short-series fallbacks…), for audit. */
  notes: string[];
}

/**
 * The internal form every model returns: point forecasts and, per horizon, either a normal
 * standard deviation (analytic intervals) or a quantile function (combinations, scaled intervals).
 */
export interface ModelForecast {
  method: string;
  mean: Float64Array;
  /** Standard deviation of the forecast error per horizon (analytic intervals). */
  sd?: Float64Array;
  /** Quantile function used instead of `sd`: returns the p-quantile at horizon index i. */
  quantile?: (p: number, i: number) => number;
  params: Record<string, unknown>;
}
