/**
 * @talent/reports/runs: what the report runs under `<out>/reports` were built from, on its own
 * subpath so that reading it loads none of the renderers.
 */
export { readPublishedRuns } from './render/published-runs.js';
export type { PublishedRun } from './render/published-runs.js';
