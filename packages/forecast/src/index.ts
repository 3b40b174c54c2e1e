// Public API of @talent/forecast: explicit named exports only.
export type { ForecastOptions, ForecastResult, Interval, MethodName, ModelForecast } from './core/types.js';
export {
  forecast,
  runMethod,
  combination,
  scaleIntervals,
  autoConfig,
  AUTO_LONG,
  AUTO_BY_LENGTH,
  AUTO_SHORT_MAX_LENGTH,
  MIN_FITTED_LENGTH,
  type AutoConfig,
} from './forecast.js';
export { prepareSeries, type PreparedSeries, type PrepareOptions } from './core/prepare-series.js';
export { autoEts, fitEts, forecastEts, etsName, ETS_MODELS, type EtsFit, type EtsSpec } from './models/ets.js';
export { thetaModel, dotmModel } from './models/theta.js';
export { autoArima, autoArimaModel, fitArima, forecastArima, kpssStatistic, ndiffs, type ArimaFit } from './models/arima.js';
export { naiveModel, driftModel, seasonalNaiveModel, meanModel } from './models/simple.js';
export { combineForecasts, modelQuantile } from './models/combine.js';
export { innerOrigins, inverseErrorWeights, WEIGHT_WINDOW } from './models/inverse-error-weights.js';
export { smape, mase, maseScale, coverage } from './evaluate/metrics.js';
export { qnorm, pnorm } from './core/normal.js';
export { nelderMead, type NelderMeadResult } from './core/nelder-mead.js';
export { forecastMany, type BatchOptions } from './batch/forecast-many.js';
export { backtest, formatBacktestTable, type BacktestOptions, type BacktestRow } from './evaluate/backtest.js';
export {
  rollingOrigins,
  buildValidationSet,
  scoreCombinations,
  calibrateIntervalScale,
  isotonicIncreasing,
  type CombinationSpec,
  type CombinationScore,
  type RollingOrigin,
  type ValidationOptions,
  type ValidationSet,
} from './evaluate/rolling-selection.js';
export { runProjection, type ProjectionResult } from './talent/run-projection.js';
export { projectEmployment, type EmploymentProjectionParameters, type EmploymentProjectionResult } from './talent/project-employment.js';
export { projectionFingerprint } from './talent/fingerprint.js';
